import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../format';
import { fieldMessage } from '../../../messages';
import type { UsageReport } from '../queries';
import { downloadText, toCsv, USAGE_COLUMNS, type UsageRecord } from '../usage-csv';
import { DataTable } from '../../../components/data-table';

export interface ImportOutcome {
  fileName: string;
  report: UsageReport;
  records: UsageRecord[];
}

const SHOWN = 50;

/** What an upload did: accepted, duplicates and the rejected rows with their reasons (also as CSV). */
export function UsageImportSummary({ outcome }: { outcome: ImportOutcome }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const { report, records, fileName } = outcome;
  useEffect(() => heading.current?.focus(), [outcome]);

  // Each row's reasons in the reader's language, worded from the server's codes.
  const reason = (r: UsageReport['rejected'][number]) => r.errors.map((e) => `${e.field}: ${fieldMessage(t, e, false).text}`).join('; ');
  const download = () => {
    const rows = report.rejected.map((r) => {
      const record = records[r.index];
      // The CSV line number: the header is line 1.
      return [String(r.index + 2), ...USAGE_COLUMNS.map((c) => record?.[c] ?? ''), reason(r)];
    });
    downloadText(`${fileName.replace(/\.csv$/i, '')}-rejected.csv`, toCsv([['line', ...USAGE_COLUMNS, 'errors'], ...rows]));
  };

  return (
    <section className="card" aria-labelledby="usage-summary-title">
      <h2 id="usage-summary-title" tabIndex={-1} ref={heading}>
        {t('usage.summaryTitle', { file: fileName })}
      </h2>
      <dl className="details details-compact">
        <div>
          <dt>{t('usage.accepted')}</dt>
          <dd>{formatNumber(report.accepted)}</dd>
        </div>
        <div>
          <dt>{t('usage.duplicates')}</dt>
          <dd>{formatNumber(report.duplicates)}</dd>
        </div>
        <div>
          <dt>{t('usage.rejected')}</dt>
          <dd>{formatNumber(report.rejected.length)}</dd>
        </div>
      </dl>
      {report.rejected.length > 0 && (
        <>
          <div className="message message-error">
            <p className="message-title">{t('usage.rejectedExplain', { count: report.rejected.length })}</p>
            <button type="button" className="button button-secondary" onClick={download}>
              {t('usage.downloadRejected')}
            </button>
          </div>
          <DataTable caption={t('usage.rejectedCaption', { shown: Math.min(SHOWN, report.rejected.length), count: report.rejected.length })}>
            <thead>
              <tr>
                <th scope="col">{t('usage.line')}</th>
                <th scope="col">id</th>
                <th scope="col">{t('usage.reasons')}</th>
              </tr>
            </thead>
            <tbody>
              {report.rejected.slice(0, SHOWN).map((r) => (
                <tr key={r.index}>
                  <td>{r.index + 2}</td>
                  <td>{r.id ?? '—'}</td>
                  <td>{reason(r)}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </>
      )}
    </section>
  );
}
