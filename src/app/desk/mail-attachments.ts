import { simpleParser, type ParsedMail } from 'mailparser';

export interface MailFile {
  fileName: string;
  content: Uint8Array;
}

/** A mail's files: its attachments and named inline parts (an unnamed inline part is the body's own, e.g. a signature image). */
export function filesOf(parsed: ParsedMail): MailFile[] {
  return parsed.attachments.filter((a) => a.contentDisposition !== 'inline' || a.filename).map((a) => ({ fileName: a.filename ?? 'pielikums', content: new Uint8Array(a.content) }));
}

/** The files of a whole message kept in quarantine. */
export async function filesOfRaw(raw: Uint8Array): Promise<MailFile[]> {
  return filesOf(await simpleParser(Buffer.from(raw)));
}
