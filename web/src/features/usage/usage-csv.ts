export const USAGE_COLUMNS = ['id', 'tenantId', 'provider', 'resource', 'quantity', 'periodStart', 'periodEnd'] as const;
export type UsageColumn = (typeof USAGE_COLUMNS)[number];
/**
 * One row of a provider's report as the browser read it. The API takes records it checks one by
 * one (its schema says only `unknown[]`), so the row is sent as read and each answer names the bad field.
 */
export type UsageRecord = Record<UsageColumn, string>;
export const USAGE_BATCH = 10_000;

/** Splits CSV text into rows of fields (RFC 4180 quoting; comma or semicolon separated). */
export function parseCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const sep = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

/** The records of a provider report, or the names of the columns it lacks. */
export function usageRecords(text: string): { records: UsageRecord[]; missing: string[] } {
  const [header = [], ...rows] = parseCsv(text);
  const names = header.map((h) => h.trim());
  const missing = USAGE_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) return { records: [], missing };
  const at = Object.fromEntries(USAGE_COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<UsageColumn, number>;
  const records = rows.map((r) => {
    const get = (c: UsageColumn) => (r[at[c]] ?? '').trim();
    return { id: get('id'), tenantId: get('tenantId'), provider: get('provider'), resource: get('resource'), quantity: get('quantity'), periodStart: get('periodStart'), periodEnd: get('periodEnd') };
  });
  return { records, missing: [] };
}

export function batches<T>(items: T[], size = USAGE_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function cell(value: string): string {
  return /[",\n\r;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(rows: string[][]): string {
  return `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** Offers text as a file download (made in the browser). */
export function downloadText(name: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
