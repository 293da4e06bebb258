import type { ParsedMail } from 'mailparser';
import { KopaError } from '../../domain/errors.js';

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
  // The parser (~15 MiB of modules) is loaded on the first quarantined mail, not at every start.
  const { simpleParser } = await import('mailparser');
  return filesOf(await simpleParser(Buffer.from(raw)));
}

/**
 * Keeps each file of a mail through `keep` (which applies the upload rules); a file the rules refuse
 * is left out and counted, the others are kept. The rules are checked before anything is written,
 * so a refusal leaves the caller's transaction usable.
 */
export async function keepAllowedFiles(files: readonly MailFile[], keep: (file: MailFile) => Promise<unknown>): Promise<number> {
  let refused = 0;
  for (const file of files) {
    try {
      await keep(file);
    } catch (error) {
      if (!(error instanceof KopaError) || error.code !== 'validation') throw error;
      refused += 1;
    }
  }
  return refused;
}
