import { useTranslation } from 'react-i18next';
import { AsyncSection } from '../../components/async-section';
import { DataTable } from '../../components/data-table';
import { formatInstant } from '../../format';
import { useResource } from '../../hooks/use-resource';
import { ssoApi, type LinkedIdentity } from './sso-api';

/** The identities at identity providers this person signs in with. */
export function LinkedIdentitiesSection() {
  const { t } = useTranslation();
  const identities = useResource((signal) => ssoApi.myIdentities(signal), []);
  return (
    <AsyncSection resource={identities}>
      {(list: LinkedIdentity[]) =>
        list.length === 0 ? (
          <p>{t('sso.noIdentities')}</p>
        ) : (
          <DataTable caption={t('sso.identitiesTitle')} captionHidden>
            <thead>
              <tr>
                <th scope="col">{t('sso.provider')}</th>
                <th scope="col">{t('sso.identityEmail')}</th>
                <th scope="col">{t('sso.linkedAt')}</th>
                <th scope="col">{t('sso.lastUsed')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((i) => (
                <tr key={i.id}>
                  <th scope="row">{i.providerName}</th>
                  <td>{i.email}</td>
                  <td>{formatInstant(i.createdAt)}</td>
                  <td>{formatInstant(i.lastUsedAt)}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )
      }
    </AsyncSection>
  );
}
