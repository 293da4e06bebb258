import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A mail as it arrived: its envelope recipients, the raw message, and its text with quoted-printable undone. */
export interface ReceivedMail {
  to: string[];
  raw: string;
  /** Soft line breaks and `=XX` escapes undone and read as UTF-8, so a test can look for Latvian words and links. */
  text: string;
}

export interface SmtpReceiver {
  mails: ReceivedMail[];
  /**
   * `refuse: n` answers the next n mails with a temporary failure (451), as a busy server would;
   * while `hold` is set a mail is taken and never answered (its sender is mid-send), counted in `held`.
   */
  state: { refuse: number; hold: boolean; held: number };
  /** `smtp://127.0.0.1:<port>`, for KOPA_SMTP_URL or createNotifier. */
  url: string;
  close(): Promise<void>;
}

function decodeQuotedPrintable(raw: string): string {
  return Buffer.from(raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
}

/**
 * A real SMTP server on a free local port that keeps every mail it accepts — what the tests stand in
 * for the agency's mail server with. `into` collects into the caller's own array.
 */
export async function smtpReceiver(options: { into?: ReceivedMail[] } = {}): Promise<SmtpReceiver> {
  const mails = options.into ?? [];
  const state = { refuse: 0, hold: false, held: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        if (state.hold) return void state.held++;
        if (state.refuse-- > 0) return callback(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 }));
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, text: decodeQuotedPrintable(raw) });
        callback();
      });
    },
  });
  server.on('error', () => undefined); // a sender killed mid-message drops its connection
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    mails,
    state,
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
