import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSendUsage, type UsageReport } from '../queries';
import { batches, usageRecords } from '../usage-csv';
import { ProblemMessage } from '../../../components/problem-message';
import { fieldMessage } from '../../../messages';
import { useTenants } from '../../municipalities/queries';
import { UsageImportSummary, type ImportOutcome } from './usage-import-summary';

/**
 * Finance uploads a provider's consumption report (CSV). The browser reads it, sends it in
 * batches of at most 10,000 records and shows progress, then what was accepted and rejected.
 */
export function UsageUpload() {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState('');
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const send = useSendUsage();
  // A row may name its municipality by registration number, as in `kopa usage import`.
  const tenants = useTenants();
  const busy = progress !== null && outcome === null && error === null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    setError(null);
    setProgress(null);
    if (!file) {
      setFileError(t('usage.chooseFile'));
      input.current?.focus();
      return;
    }
    const idByRegistrationNumber = new Map((tenants.data ?? []).map((m) => [m.registrationNumber, m.id]));
    const { records, problem } = usageRecords(await file.text(), idByRegistrationNumber);
    if (problem || records.length === 0) {
      setFileError(problem ? fieldMessage(t, { field: 'file', code: problem.code, params: problem.params ?? {}, message: problem.message }, false).text : t('usage.noRows'));
      input.current?.focus();
      return;
    }
    setFileError('');
    const parts = batches(records);
    const report: UsageReport = { accepted: 0, duplicates: 0, rejected: [] };
    setProgress({ sent: 0, total: records.length });
    let offset = 0;
    try {
      for (const part of parts) {
        const answer = await send.mutateAsync(part);
        report.accepted += answer.accepted;
        report.duplicates += answer.duplicates;
        report.rejected.push(...answer.rejected.map((r) => ({ ...r, index: r.index + offset })));
        offset += part.length;
        setProgress({ sent: offset, total: records.length });
      }
      setOutcome({ fileName: file.name, report, records });
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <form className="form card" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy} aria-labelledby="usage-upload-title">
        <h2 id="usage-upload-title">{t('usage.uploadTitle')}</h2>
        <div className={`field${fileError ? ' field-invalid' : ''}`}>
          <label htmlFor="usage-file" className="field-label">
            {t('usage.file')}
          </label>
          <p id="usage-file-hint" className="field-hint">
            {t('usage.fileHint')}
          </p>
          {fileError && (
            <p id="usage-file-error" className="field-error" role="alert">
              <span className="visually-hidden">{t('common.errorPrefix')} </span>
              {fileError}
            </p>
          )}
          <input
            ref={input}
            id="usage-file"
            name="usage-file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={fileError ? 'usage-file-hint usage-file-error' : 'usage-file-hint'}
            aria-invalid={fileError ? true : undefined}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('common.working') : t('usage.upload')}
          </button>
        </div>
        {progress && (
          <div className="upload-progress">
            <label htmlFor="usage-progress">{t('usage.progressLabel')}</label>
            <progress id="usage-progress" max={progress.total} value={progress.sent}>
              {t('usage.progress', { sent: progress.sent, total: progress.total })}
            </progress>
            <p role="status">{t('usage.progress', { sent: progress.sent, total: progress.total })}</p>
          </div>
        )}
        {error !== null && <ProblemMessage error={error} />}
      </form>
      {outcome && <UsageImportSummary outcome={outcome} />}
    </>
  );
}
