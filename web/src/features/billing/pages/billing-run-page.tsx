import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { runDocumentsDownload, useBillingRun, useFinalizeBillingRun, useMonthInvoices, useRecomputeBillingRun, type FinalizedInvoice } from '../queries';
import { AsyncSection } from '../../../components/async-section';
import { BillingRunStatus } from '../components/billing-run-status';
import { Breadcrumbs } from '../../../components/breadcrumbs';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { FinalizedInvoices } from '../components/finalized-invoices';
import { PageHeading } from '../../../components/page-heading';
import { ProblemMessage } from '../../../components/problem-message';
import { RunProblems } from '../components/run-problems';
import { RunStatements } from '../components/run-statements';
import { RunSummary } from '../components/run-summary';
import { DownloadLink } from '../../../components/download-link';
import { formatInstant } from '../../../format';
import { can } from '../../../permissions';
import { useUser } from '../../../session';

/** One billing run: problems first, the summary table, then every statement with its lines; recompute, finalise, download all. */
export function BillingRunPage() {
  const { t } = useTranslation();
  const user = useUser();
  const { id = '' } = useParams();
  const run = useBillingRun(id);
  const month = run.data?.month;
  const finalized = run.data?.status === 'finalized';
  const issued = useMonthInvoices(month, finalized);
  const recomputeRun = useRecomputeBillingRun(id);
  const finalizeRun = useFinalizeBillingRun(id);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState('');
  const [invoices, setInvoices] = useState<FinalizedInvoice[] | null>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const title = run.data ? t('billing.runOf', { month: run.data.month }) : t('billing.run');
  const writable = can(user, 'billing_runs.write');

  const recompute = async () => {
    setBusy(true);
    setActionError(null);
    try {
      const next = await recomputeRun.mutateAsync();
      setAnnouncement(t('billing.recomputed', { count: next.problems.length }));
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  };

  const finalize = async () => {
    const answer = await finalizeRun.mutateAsync();
    setInvoices(answer.invoices);
    setAnnouncement(t('billing.finalizedAnnounce', { count: answer.invoices.length }));
  };

  // Once the dialog has closed (and handed focus back), move focus to the issued invoices.
  useEffect(() => {
    if (!invoices || confirming) return;
    const timer = window.setTimeout(() => resultRef.current?.focus(), 100);
    return () => window.clearTimeout(timer);
  }, [invoices, confirming]);

  return (
    <>
      <Breadcrumbs items={[{ label: t('billing.runsTitle'), to: '/billing/runs' }, { label: title }]} />
      <PageHeading title={title}>{run.data && <BillingRunStatus status={run.data.status} />}</PageHeading>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      {invoices && <FinalizedInvoices invoices={invoices} headingRef={resultRef} names={Object.fromEntries((run.data?.statements ?? []).map((s) => [s.tenantId, s.tenantName]))} />}
      <AsyncSection resource={run}>
        {(r) => (
          <>
            <RunProblems problems={r.problems} />
            <p className="muted">
              {t(`billing.runKinds.${r.kind}`)} · {t('billing.computedAt')}: {formatInstant(r.computedAt)}
              {r.finalizedAt && ` · ${t('billing.finalizedAt')}: ${formatInstant(r.finalizedAt)}`}
            </p>
            {writable && r.status === 'draft' && (
              <div className="section-actions">
                <button type="button" className="button button-secondary" onClick={() => void recompute()} disabled={busy} aria-busy={busy}>
                  {busy ? t('common.working') : t('billing.recompute')}
                </button>
                <button type="button" className="button button-primary" onClick={() => setConfirming(true)} disabled={busy || r.problems.length > 0} aria-describedby={r.problems.length > 0 ? 'run-problems-title' : undefined}>
                  {t('billing.finalize')}
                </button>
              </div>
            )}
            {actionError !== null && <ProblemMessage error={actionError} />}
            {r.status === 'finalized' && (
              <div className="section-actions">
                <DownloadLink className="button button-secondary" href={runDocumentsDownload(r.id)} preparing={t('billing.preparingZip')}>
                  {t('billing.downloadAll')}
                </DownloadLink>
              </div>
            )}
            <RunSummary run={r} />
            <RunStatements run={r} invoices={issued.data ?? []} />
            <ConfirmDialog open={confirming} title={t('billing.finalizeTitle', { month: r.month })} confirmLabel={t('billing.finalizeConfirm')} onConfirm={finalize} onClose={() => setConfirming(false)} danger={false}>
              <p>{t('billing.finalizeBody', { count: r.statements.length })}</p>
            </ConfirmDialog>
          </>
        )}
      </AsyncSection>
    </>
  );
}
