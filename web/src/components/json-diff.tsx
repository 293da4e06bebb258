import { useTranslation } from 'react-i18next';
import { DataTable } from './data-table';

type Flat = Map<string, string>;

/** Flattens nested JSON into "a.b.c" → JSON text of the leaf. */
function flatten(value: unknown, prefix = '', out: Flat = new Map()): Flat {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix) out.set(prefix, '{}');
    for (const [key, child] of entries) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix) {
    out.set(prefix, JSON.stringify(value));
  } else if (value !== undefined && value !== null) {
    out.set('(value)', JSON.stringify(value));
  }
  return out;
}

type Change = 'added' | 'removed' | 'changed' | 'same';

export function diffRows(before: unknown, after: unknown): { path: string; before?: string; after?: string; change: Change }[] {
  const a = flatten(before);
  const b = flatten(after);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths.map((path) => {
    const x = a.get(path);
    const y = b.get(path);
    const change: Change = x === undefined ? 'added' : y === undefined ? 'removed' : x === y ? 'same' : 'changed';
    return { path, before: x, after: y, change };
  });
}

/** Before/after of an audit event, field by field; the change is written out, not only coloured. */
export function JsonDiff({ before, after, caption }: { before: unknown; after: unknown; caption: string }) {
  const { t } = useTranslation();
  const rows = diffRows(before, after);
  if (rows.length === 0) return <p className="muted">{t('audit.noData')}</p>;
  const changed = rows.filter((r) => r.change !== 'same');
  return (
    <>
      <p className="muted">{t('audit.diffSummary', { changed: changed.length, total: rows.length })}</p>
      <DataTable caption={caption} className="table-compact diff">
        <thead>
          <tr>
            <th scope="col">{t('audit.field')}</th>
            <th scope="col">{t('audit.change')}</th>
            <th scope="col">{t('audit.before')}</th>
            <th scope="col">{t('audit.after')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.path} className={`diff-${r.change}`}>
              <th scope="row">
                <code>{r.path}</code>
              </th>
              <td>{t(`audit.changeKind.${r.change}`)}</td>
              <td>
                <code className="diff-value">{r.before ?? '—'}</code>
              </td>
              <td>
                <code className="diff-value">{r.after ?? '—'}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </>
  );
}
