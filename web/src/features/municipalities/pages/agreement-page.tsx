import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { AgreementValuesList } from '../components/agreement-values-list';
import { AsyncSection } from '../../../components/async-section';
import { Breadcrumbs } from '../../../components/breadcrumbs';
import { DataTable } from '../../../components/data-table';
import { Flash } from '../../../components/flash';
import { PageHeading } from '../../../components/page-heading';
import { formatInstant } from '../../../format';
import { useAgreement, useTenant } from '../queries';
import { can } from '../../../permissions';
import { useUser } from '../../../session';
import { isTenantRole } from '../../../roles';

/** One agreement: the current version and every earlier version with who changed what and why. */
export function AgreementPage() {
  const { t } = useTranslation();
  const { id = '', agreementId = '' } = useParams();
  const user = useUser();
  const tenant = useTenant(id);
  const agreement = useAgreement(id, agreementId);
  const number = agreement.data?.number ?? '';
  const title = number ? t('agreements.numbered', { number }) : t('agreements.detailTitle');
  const tenantPath = `/municipalities/${id}`;

  return (
    <>
      <Breadcrumbs
        items={[
          ...(isTenantRole(user.role) ? [] : [{ label: t('nav.municipalities'), to: '/municipalities' }]),
          { label: tenant.data?.name ?? t('common.loadingShort'), to: tenantPath },
          { label: title },
        ]}
      />
      <PageHeading
        title={title}
        documentTitle={tenant.data ? `${title} — ${tenant.data.name}` : title}
        actions={
          can(user, 'agreements.write') &&
          agreement.data && (
            <Link to={`${tenantPath}/agreements/${agreementId}/edit`} className="button button-secondary">
              {t('common.edit')}
            </Link>
          )
        }
      >
        {tenant.data && <p className="lead">{tenant.data.name}</p>}
      </PageHeading>
      <Flash />
      <AsyncSection resource={agreement}>
        {(loaded) => {
          const versions = [...loaded.versions].sort((a, b) => b.version - a.version);
          return (
            <>
              <section className="section" aria-labelledby="agreement-current">
                <h2 id="agreement-current">{t('agreements.currentVersion', { version: loaded.version })}</h2>
                <AgreementValuesList agreement={loaded} />
              </section>
              <section className="section" aria-labelledby="agreement-history">
                <h2 id="agreement-history">{t('agreements.historyTitle')}</h2>
                <DataTable caption={t('agreements.historyCaption', { number: loaded.number })} captionHidden>
                  <thead>
                    <tr>
                      <th scope="col">{t('agreement.version')}</th>
                      <th scope="col">{t('agreements.versionDate')}</th>
                      <th scope="col">{t('agreements.versionBy')}</th>
                      <th scope="col">{t('agreement.changeNote')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {versions.map((v) => (
                      <tr key={v.version}>
                        <th scope="row">
                          <a href={`#version-${v.version}`}>{t('agreements.versionN', { version: v.version })}</a>
                        </th>
                        <td>{formatInstant(v.createdAt)}</td>
                        <td className="break">{v.createdBy ?? t('common.unknown')}</td>
                        <td>{v.changeNote ?? (v.version === 1 ? t('agreements.firstVersion') : t('common.notGiven'))}</td>
                      </tr>
                    ))}
                  </tbody>
                </DataTable>
                {versions.map((v, index) => (
                  <section key={v.version} id={`version-${v.version}`} className="version" aria-labelledby={`version-${v.version}-title`} tabIndex={-1}>
                    <h3 id={`version-${v.version}-title`}>{t('agreements.versionN', { version: v.version })}</h3>
                    <p className="muted">
                      {t('agreements.versionMeta', { date: formatInstant(v.createdAt), who: v.createdBy ?? t('common.unknown') })}
                      {v.changeNote && (
                        <>
                          {' '}
                          {t('agreements.versionNote', { note: v.changeNote })}
                        </>
                      )}
                    </p>
                    <AgreementValuesList agreement={v} previous={versions[index + 1]} />
                  </section>
                ))}
              </section>
            </>
          );
        }}
      </AsyncSection>
    </>
  );
}
