import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/problem';
import { AsyncSection } from '../../../components/async-section';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { DataTable } from '../../../components/data-table';
import { ProblemMessage } from '../../../components/problem-message';
import { formatInstant } from '../../../format';
import type { Resource } from '../../../hooks/use-resource';
import { usePublishSlaReport, type SlaPublication } from '../queries';
import { SlaChangeList } from './sla-change-list';
import { SlaCorrectionForm } from './sla-correction-form';

interface Props {
  tenantId: string;
  month: string;
  monthTitle: string;
  publications: Resource<SlaPublication[]>;
  /** Operators publish and correct. */
  canPublish: boolean;
  onPublished: (publication: SlaPublication) => void;
}

/** Whether the month's report is published, every version with its reason and changes; operators publish or correct it. */
export function SlaPublications({ tenantId, month, monthTitle, publications, canPublish, onPublished }: Props) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const publishing = usePublishSlaReport(tenantId, month);

  const publish = async () => {
    setProblem(null);
    try {
      onPublished(await publishing.mutateAsync(null));
    } catch (error) {
      // Shown below the button once the dialog has closed (e.g. the month has not ended: 409).
      setProblem(error);
    }
  };
  const notEnded = isApiError(problem) && problem.errors.some((e) => e.field === 'month');

  return (
    <section className="section" aria-labelledby="sla-publication">
      <h2 id="sla-publication">{t('slaPublish.title')}</h2>
      <AsyncSection resource={publications}>
        {(versions) => {
          const latest = versions.at(-1);
          return (
            <>
              <p>
                {latest
                  ? t('slaPublish.published', { month: monthTitle, version: latest.version, at: formatInstant(latest.publishedAt), by: latest.publishedBy })
                  : t('slaPublish.notPublished', { month: monthTitle })}
              </p>
              {versions.length > 0 && (
                <DataTable caption={t('slaPublish.versionsCaption', { month: monthTitle })} className="table-compact">
                  <thead>
                    <tr>
                      <th scope="col">{t('slaPublish.version')}</th>
                      <th scope="col">{t('slaPublish.publishedAt')}</th>
                      <th scope="col">{t('slaPublish.publishedBy')}</th>
                      <th scope="col">{t('slaPublish.reason')}</th>
                      <th scope="col">{t('slaPublish.changes')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...versions].reverse().map((v) => (
                      <tr key={v.id}>
                        <th scope="row">{t('slaPublish.versionN', { version: v.version })}</th>
                        <td className="nowrap">
                          <time dateTime={v.publishedAt}>{formatInstant(v.publishedAt)}</time>
                        </td>
                        <td>{v.publishedBy}</td>
                        <td>{v.reason ?? t('slaPublish.noReason')}</td>
                        <td>
                          <SlaChangeList changes={v.changes} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </DataTable>
              )}
              {canPublish && !latest && (
                <>
                  <button type="button" className="button button-primary" onClick={() => setConfirming(true)}>
                    {t('slaPublish.publish')}
                  </button>
                  {problem !== null && <ProblemMessage error={problem} summary={notEnded ? t('slaPublish.notEnded', { month: monthTitle }) : undefined} />}
                  <ConfirmDialog open={confirming} title={t('slaPublish.confirmTitle', { month: monthTitle })} confirmLabel={t('slaPublish.publish')} danger={false} onConfirm={publish} onClose={() => setConfirming(false)}>
                    <p>{t('slaPublish.confirmText')}</p>
                  </ConfirmDialog>
                </>
              )}
              {canPublish && latest && <SlaCorrectionForm tenantId={tenantId} month={month} onPublished={onPublished} />}
            </>
          );
        }}
      </AsyncSection>
    </section>
  );
}
