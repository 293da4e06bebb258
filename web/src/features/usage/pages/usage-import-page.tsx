import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../../components/page-heading';
import { UsageUpload } from '../components/usage-upload';
import { USAGE_COLUMNS } from '../usage-csv';

/** Importing providers' consumption reports (finance console). */
export function UsageImportPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('usage.title')}>
        <p className="lead">{t('usage.intro')}</p>
      </PageHeading>
      <section className="card" aria-labelledby="usage-columns-title">
        <h2 id="usage-columns-title">{t('usage.columnsTitle')}</h2>
        <p>{t('usage.columnsIntro')}</p>
        <dl className="details details-compact">
          {USAGE_COLUMNS.map((c) => (
            <div key={c}>
              <dt>
                <code>{c}</code>
              </dt>
              <dd>{t(`usage.columns.${c}`)}</dd>
            </div>
          ))}
        </dl>
        <p>{t('usage.example')}</p>
        <pre className="code-block" tabIndex={0} aria-label={t('usage.exampleLabel')}>
          {'id,tenantId,provider,resource,quantity,periodStart,periodEnd\nlvrtc-2026-10-0001,<tenant id>,LVRTC,vcpu_hour,744,2026-10-01T00:00:00+03:00,2026-11-01T00:00:00+02:00'}
        </pre>
      </section>
      <UsageUpload />
    </>
  );
}
