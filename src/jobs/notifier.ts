import { createHmac, randomUUID } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import type { Notifier } from '../app/shared/ports.js';

export interface NotifierOptions {
  smtpUrl: string | undefined;
  mailFrom: string;
  webhookTimeoutMs?: number;
}

/** The webhook signature: HMAC-SHA256 of the exact body bytes, hex, as `sha256=<hex>`. */
export function signWebhook(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

function withoutMessageId(headers: Record<string, string> | undefined): Record<string, string> {
  const { 'Message-ID': _ignored, ...rest } = headers ?? {};
  return rest;
}

/** SMTP through nodemailer and signed webhooks through fetch; each throws on failure. */
export function createNotifier(options: NotifierOptions): Notifier {
  // nodemailer (~10 MiB of modules) is loaded with the first mail sent, not at every start.
  let transport: Promise<Transporter> | null = null;
  const transportOf = (smtpUrl: string) => (transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(smtpUrl)));
  const senderDomain = /@([^>\s]+)>?\s*$/.exec(options.mailFrom)?.[1] ?? 'kopa';
  return {
    async sendMail(message) {
      if (!options.smtpUrl) throw new Error('KOPA_SMTP_URL is not set');
      await (await transportOf(options.smtpUrl)).sendMail({
        from: options.mailFrom,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        replyTo: message.replyTo,
        // RFC 3834: everything Kopa sends is automatic, so well-behaved auto-responders stay silent.
        // Our own Message-IDs start with `kopa.` (src/domain/desk/inbound-mail.ts), so a notice that
        // comes back to the inbound listener is recognised as a loop.
        messageId: message.headers?.['Message-ID'] ?? `<kopa.${randomUUID()}@${senderDomain}>`,
        headers: { 'Auto-Submitted': 'auto-generated', ...withoutMessageId(message.headers) },
        attachments: message.attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content, encoding: a.encoding })),
      });
    },
    async postWebhook(url, secret, event, deliveryId, body) {
      const text = JSON.stringify(body);
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Kopa-Webhooks/1',
          'x-kopa-event': event,
          'x-kopa-delivery': deliveryId,
          'x-kopa-signature': signWebhook(secret, text),
        },
        body: text,
        signal: AbortSignal.timeout(options.webhookTimeoutMs ?? 10_000),
      });
      if (!response.ok) throw new Error(`Webhook ${url} answered ${response.status}`);
    },
    async postJson(url, body) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Kopa-Webhooks/1' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.webhookTimeoutMs ?? 10_000),
      });
      if (!response.ok) throw new Error(`${new URL(url).host} answered ${response.status}`);
    },
  };
}
