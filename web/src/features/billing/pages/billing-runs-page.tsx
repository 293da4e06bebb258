import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { AsyncSection } from '../../../components/async-section';
import { BillingRunCreate } from '../components/billing-run-create';
import { BillingRunStatus } from '../components/billing-run-status';
import { DataTable } from '../../../components/data-table';
import { PageHeading } from '../../../components/page-heading';
import { formatInstant } from '../../../format';
import { can } from '../../../permissions';
import { useUser } from '../../../session';
import { useBillingRuns } from '../queries';

/** Billing runs, newest first, and computing a new one (finance console). */
export function BillingRunsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const runs = useBillingRuns();

  return (
    <>
      <PageHeading title={t('billing.runsTitle')}>
        <p className="lead">{t('billing.runsIntro')}</p>
      </PageHeading>
      {can(user, 'billing_runs.write') && <BillingRunCreate onCreated={(run) => navigate(`/billing/runs/${run.id}`)} />}
      <AsyncSection resource={runs}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('billing.noRuns')}</p>
          ) : (
            <DataTable caption={t('billing.runsCaption')}>
              <thead>
                <tr>
                  <th scope="col">{t('billing.month')}</th>
                  <th scope="col">{t('billing.runKind')}</th>
                  <th scope="col">{t('billing.status')}</th>
                  <th scope="col">{t('billing.problems')}</th>
                  <th scope="col">{t('billing.computedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/billing/runs/${r.id}`}>{t('billing.runOf', { month: r.month })}</Link>
                    </td>
                    <td>{t(`billing.runKinds.${r.kind}`)}</td>
                    <td>
                      <BillingRunStatus status={r.status} />
                    </td>
                    <td>{r.problems.length}</td>
                    <td>{formatInstant(r.computedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )
        }
      </AsyncSection>
    </>
  );
}
