import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { LocaleForm } from '../components/locale-form';
import { PageHeading } from '../../../components/page-heading';
import { PasswordForm } from '../components/password-form';
import { SecondFactorSection } from '../components/second-factor-section';
import { SessionsSection } from '../components/sessions-section';
import { LinkedIdentitiesSection } from '../../sso/linked-identities-section';
import { formatInstant } from '../../../format';
import { useSession, useUser } from '../../../session';

/** The signed-in person's own account: details, second factors, sessions, password, language. */
export function AccountPage() {
  const { t } = useTranslation();
  const user = useUser();
  const { end } = useSession();
  const navigate = useNavigate();

  return (
    <>
      <PageHeading title={t('account.title')} />
      <section className="section" aria-labelledby="account-details">
        <h2 id="account-details">{t('account.details')}</h2>
        <dl className="details">
          <div>
            <dt>{t('user.name')}</dt>
            <dd>{user.name}</dd>
          </div>
          <div>
            <dt>{t('user.email')}</dt>
            <dd>{user.email}</dd>
          </div>
          <div>
            <dt>{t('user.role')}</dt>
            <dd>{t(`roles.${user.role}`)}</dd>
          </div>
          {user.tenantName && (
            <div>
              <dt>{t('account.municipality')}</dt>
              <dd>{user.tenantName}</dd>
            </div>
          )}
          <div>
            <dt>{t('user.lastLogin')}</dt>
            <dd>{formatInstant(user.lastLoginAt)}</dd>
          </div>
        </dl>
      </section>
      <section className="section card" aria-labelledby="account-mfa">
        <h2 id="account-mfa">{t('mfa.sectionTitle')}</h2>
        <SecondFactorSection />
      </section>
      <section className="section card" aria-labelledby="account-identities">
        <h2 id="account-identities">{t('sso.identitiesTitle')}</h2>
        <LinkedIdentitiesSection />
      </section>
      <section className="section card" aria-labelledby="account-sessions">
        <h2 id="account-sessions">{t('sessions.title')}</h2>
        <SessionsSection />
      </section>
      <div className="two-columns">
        <section className="section card" aria-labelledby="account-password">
          <h2 id="account-password">{t('account.passwordTitle')}</h2>
          <PasswordForm
            onChanged={() => {
              end('passwordChanged');
              navigate('/login', { replace: true, state: { passwordChanged: true } });
            }}
          />
        </section>
        <section className="section card" aria-labelledby="account-language">
          <h2 id="account-language">{t('account.languageTitle')}</h2>
          <LocaleForm />
        </section>
      </div>
    </>
  );
}
