import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { receiveMail, type MailSettings, type ReceivedMail } from '../app/desk/receive-mail.js';
import type { ReceiveMailDeps } from '../app/desk/mail-ports.js';
import { filesOf } from '../app/desk/mail-attachments.js';
import { MAX_ATTACHMENT_BYTES } from '../domain/desk/attachment-policy.js';

interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * The largest mail taken: one attachment at the upload limit, base64-encoded (4/3), plus a megabyte
 * for the text and headers. The agency's mail server in front is told so by SIZE; larger mail is refused
 * with 552 at the SMTP level, so it never reaches the parser.
 */
export const MAX_INBOUND_MAIL_BYTES = Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 1024 * 1024;

export interface InboundMailServer {
  port: number;
  close(): Promise<void>;
}

/**
 * Kopa's inbound SMTP listener (KOPA_INBOUND_SMTP_PORT). It sits behind the agency's mail server,
 * which forwards the desk mailbox to it: no authentication and no TLS here. Every mail is answered
 * 250 once recorded, whatever became of it, so the sender learns nothing; only a failure of ours
 * (the database away) is a 451, for the mail server to try again.
 */
export async function startInboundMail(options: { deps: ReceiveMailDeps; settings: MailSettings; port: number; host?: string; log: Log }): Promise<InboundMailServer> {
  const { deps, settings, log } = options;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_INBOUND_MAIL_BYTES,
    logger: false,
    banner: 'Kopa desk',
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          callback(Object.assign(new Error(`Message exceeds ${MAX_INBOUND_MAIL_BYTES} bytes`), { responseCode: 552 }));
          return;
        }
        const raw = Buffer.concat(chunks);
        const envelopeFrom = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
        const rcptTo = session.envelope.rcptTo.map((r) => r.address);
        simpleParser(raw)
          .then((parsed) => receiveMail(deps, settings, receivedMail(parsed, raw, envelopeFrom, rcptTo)))
          .then((outcome) => {
            log.info({ outcome }, 'inbound mail');
            callback();
          })
          .catch((error: unknown) => {
            log.error({ err: error }, 'inbound mail not received');
            callback(Object.assign(new Error('Temporary failure, try again later'), { responseCode: 451 }));
          });
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  server.on('error', (error) => log.warn({ err: error }, 'inbound mail connection failed'));
  const port = (server.server.address() as AddressInfo).port;
  log.info({ port }, 'inbound mail listening');
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address ?? '')).filter(Boolean);

function receivedMail(parsed: ParsedMail, raw: Buffer, envelopeFrom: string, rcptTo: string[]): ReceivedMail {
  const headers = new Map<string, string>();
  for (const { key, line } of parsed.headerLines) {
    if (!headers.has(key)) headers.set(key, line.slice(line.indexOf(':') + 1).trim());
  }
  const references = [parsed.inReplyTo ?? [], parsed.references ?? []].flat().flatMap((r) => r.split(/\s+/)).filter(Boolean);
  const contentType = parsed.headers.get('content-type') as { value?: string } | undefined;
  return {
    messageId: parsed.messageId?.trim() || `<sha256.${createHash('sha256').update(raw).digest('hex')}@inbound>`,
    envelopeFrom,
    recipients: [...rcptTo, ...addresses(parsed.to), ...addresses(parsed.cc)],
    from: addresses(parsed.from)[0] ?? '',
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    headers,
    contentType: contentType?.value ?? 'text/plain',
    references,
    attachments: filesOf(parsed),
    raw: new Uint8Array(raw),
  };
}
