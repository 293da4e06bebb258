import { FieldErrors } from '../errors.js';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_TICKET = 20;

/**
 * What may be attached, by extension, with the type we serve it as and, where the format
 * has one, the signature its first bytes must carry — a renamed executable is refused.
 */
const TYPES: Record<string, { contentType: string; magic?: number[][] }> = {
  pdf: { contentType: 'application/pdf', magic: [[0x25, 0x50, 0x44, 0x46]] },
  png: { contentType: 'image/png', magic: [[0x89, 0x50, 0x4e, 0x47]] },
  jpg: { contentType: 'image/jpeg', magic: [[0xff, 0xd8, 0xff]] },
  jpeg: { contentType: 'image/jpeg', magic: [[0xff, 0xd8, 0xff]] },
  gif: { contentType: 'image/gif', magic: [[0x47, 0x49, 0x46, 0x38]] },
  txt: { contentType: 'text/plain; charset=utf-8' },
  log: { contentType: 'text/plain; charset=utf-8' },
  csv: { contentType: 'text/csv; charset=utf-8' },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: [[0x50, 0x4b, 0x03, 0x04]] },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: [[0x50, 0x4b, 0x03, 0x04]] },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', magic: [[0x50, 0x4b, 0x03, 0x04]] },
  ods: { contentType: 'application/vnd.oasis.opendocument.spreadsheet', magic: [[0x50, 0x4b, 0x03, 0x04]] },
  edoc: { contentType: 'application/vnd.etsi.asic-e+zip', magic: [[0x50, 0x4b, 0x03, 0x04]] },
};

export const ALLOWED_EXTENSIONS = Object.keys(TYPES);

/** Keeps a readable name but nothing a file system or a header could misread. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base.normalize('NFC')]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f || '"<>:|?*'.includes(ch) ? '_' : ch))
    .join('')
    .replace(/^\.+/, '')
    .trim();
  return cleaned.slice(-200) || 'pielikums';
}

export function checkAttachment(fileName: string, data: Uint8Array, existing: number): { fileName: string; contentType: string } {
  const errors = new FieldErrors();
  const name = safeFileName(fileName);
  const ext = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
  const type = TYPES[ext];
  if (!type) errors.add('file', 'file_type', `type .${ext || '?'} is not accepted; use ${ALLOWED_EXTENSIONS.join(', ')}`, { allowed: ALLOWED_EXTENSIONS.join(', ') });
  if (data.length === 0) errors.add('file', 'file_empty', 'is empty');
  if (data.length > MAX_ATTACHMENT_BYTES) errors.add('file', 'file_too_large', 'is larger than 10 MB', { maxMb: 10 });
  if (existing >= MAX_ATTACHMENTS_PER_TICKET) errors.add('file', 'too_many', `a ticket holds at most ${MAX_ATTACHMENTS_PER_TICKET} files`, { max: MAX_ATTACHMENTS_PER_TICKET });
  if (type?.magic && data.length > 0 && !type.magic.some((sig) => sig.every((b, i) => data[i] === b))) {
    errors.add('file', 'file_content', `content is not a .${ext} file`, { type: ext });
  }
  errors.throwIfAny();
  return { fileName: name, contentType: type!.contentType };
}
