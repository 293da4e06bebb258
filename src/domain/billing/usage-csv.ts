import type { FieldProblem } from '../errors.js';
/**
 * Provider consumption reports as CSV: a header row naming the columns id, tenantId (or tenant /
 * registrationNumber), provider, resource, quantity, periodStart, periodEnd, in any order.
 * Comma or semicolon separated (a semicolon file may use a decimal comma); quoted fields as in RFC 4180.
 */
export interface CsvUsageRow {
  /** Line of the file where the row starts (the header is line 1). */
  line: number;
  values: Record<string, string>;
}

export type CsvParse = { ok: true; rows: CsvUsageRow[] } | { ok: false; problem: FieldProblem };

const COLUMNS = ['id', 'tenantId', 'provider', 'resource', 'quantity', 'periodStart', 'periodEnd'] as const;
const ALIASES: Record<string, (typeof COLUMNS)[number]> = { tenant: 'tenantId', registrationnumber: 'tenantId', tenantid: 'tenantId', periodstart: 'periodStart', periodend: 'periodEnd' };

/** Splits CSV text into records of fields, each with the line it starts on. */
function records(text: string, separator: string): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let pending = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"') {
      quoted = true;
      pending = true;
    } else if (c === separator) {
      fields.push(field);
      field = '';
      pending = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      if (pending || field !== '') out.push({ line: startLine, fields: [...fields, field] });
      fields = [];
      field = '';
      pending = false;
      line++;
      startLine = line;
    } else {
      field += c;
      pending = true;
    }
  }
  if (pending || field !== '') out.push({ line: startLine, fields: [...fields, field] });
  return out;
}

export function parseUsageCsv(input: string): CsvParse {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const separator = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const [header, ...body] = records(text, separator);
  if (!header) return { ok: false, problem: { code: 'csv_empty', message: 'the file is empty; it needs a header row: id,tenantId,provider,resource,quantity,periodStart,periodEnd', params: { columns: COLUMNS.join(', ') } } };
  const names = header.fields.map((h) => {
    const name = h.trim();
    return (COLUMNS as readonly string[]).includes(name) ? name : (ALIASES[name.toLowerCase()] ?? name);
  });
  const unknown = names.filter((n) => !(COLUMNS as readonly string[]).includes(n));
  if (unknown.length > 0) return { ok: false, problem: { code: 'csv_unknown_columns', message: `unknown column(s) ${unknown.map((u) => `"${u}"`).join(', ')}; expected ${COLUMNS.join(', ')}`, params: { columns: unknown.join(', '), expected: COLUMNS.join(', ') } } };
  const missing = COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) return { ok: false, problem: { code: 'csv_missing_columns', message: `missing column(s) ${missing.join(', ')} in the header row`, params: { columns: missing.join(', ') } } };
  const rows = body.map(({ line, fields }) => {
    const values: Record<string, string> = {};
    names.forEach((name, i) => {
      let v = (fields[i] ?? '').trim();
      if (name === 'quantity' && separator === ';') v = v.replace(',', '.');
      values[name] = v;
    });
    return { line, values };
  });
  return { ok: true, rows };
}
