import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { providersFor, startUrl, type ProviderChoice } from './queries';

const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/**
 * "Pieteikties ar …": one link per identity provider that fits the e-mail being typed, asked
 * for a moment after typing stops. Links, not buttons: the browser goes to the provider.
 */
export function SsoButtons({ email, returnTo }: { email: string; returnTo: string }) {
  const { t } = useTranslation();
  const [providers, setProviders] = useState<ProviderChoice[]>([]);
  const address = email.trim();

  useEffect(() => {
    if (!LOOKS_LIKE_EMAIL.test(address)) {
      setProviders([]);
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      providersFor(address, controller.signal)
        .then(setProviders)
        .catch(() => setProviders([]));
    }, 300);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [address]);

  return (
    <div className="sso-choices" aria-live="polite">
      {providers.length > 0 && (
        <>
          <p>{t('sso.orWithProvider')}</p>
          <ul className="plain-list">
            {providers.map((p) => (
              <li key={p.id}>
                <a className="button button-secondary" href={startUrl(p.id, returnTo)}>
                  {t('sso.signInWith', { name: p.name })}
                </a>{' '}
                <span className="muted">{p.organisation ?? t('sso.agency')}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
