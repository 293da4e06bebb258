import { Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useSession } from '../session';
import { LanguageSwitch } from './language-switch';
import { Loading } from './loading';
import { MainNav } from './main-nav';
import { ProblemMessage } from './problem-message';
import { ReadOnlyBanner } from './read-only-banner';

/** Page frame: skip link, header (who is signed in, language, sign out), navigation, main, footer. */
export function Layout() {
  const { t } = useTranslation();
  const { user, status, logOut } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [logoutError, setLogoutError] = useState<unknown>(null);
  const [loggingOut, setLoggingOut] = useState(false);
  const firstRender = useRef(true);
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const closeMenu = (returnFocus: boolean) => {
    setMenuOpen(false);
    if (returnFocus) menuButton.current?.focus();
  };

  // A page chosen from the phone menu closes it; not a page that arrives after the menu was opened
  // on its address (the router's transition lags the address, as in MainNav).
  const menuOpenedAt = useRef<string | null>(null);
  useEffect(() => {
    if (menuOpenedAt.current !== window.location.pathname) setMenuOpen(false);
  }, [location.pathname]);

  // After client-side navigation, move focus to the new page's heading so it is announced.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const timer = window.setTimeout(() => {
      const target = document.querySelector<HTMLElement>('#main h1') ?? document.getElementById('main');
      target?.focus();
    }, 0);
    return () => window.clearTimeout(timer);
  }, [location.pathname]);

  const onLogout = async () => {
    setLoggingOut(true);
    setLogoutError(null);
    try {
      await logOut();
      navigate('/login', { replace: true });
    } catch (error) {
      setLogoutError(error);
    } finally {
      setLoggingOut(false);
    }
  };

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              K
            </span>
            <span className="brand-text">
              <span className="brand-name">{t('app.name')}</span>
              <span className="brand-tagline">{t('app.tagline')}</span>
            </span>
          </Link>
          {user && (
            <button
              ref={menuButton}
              type="button"
              className="button button-header menu-button"
              aria-expanded={menuOpen}
              aria-controls="main-nav"
              onClick={() => {
                menuOpenedAt.current = window.location.pathname;
                setMenuOpen((was) => !was);
              }}
            >
              <span aria-hidden="true">☰ </span>
              {t('nav.menu')}
            </button>
          )}
          <div className="header-tools">
            <LanguageSwitch />
            {status === 'anonymous' && location.pathname !== '/login' && (
              <Link to="/login" className="button button-header">
                {t('header.login')}
              </Link>
            )}
            {user && (
              <div className="user-box">
                <p className="user-info">
                  <span className="visually-hidden">{t('header.signedInAs')} </span>
                  <span className="user-name">{user.name}</span>
                  <span className="user-role">
                    {t(`roles.${user.role}`)}
                    {user.tenantName && ` · ${user.tenantName}`}
                  </span>
                </p>
                <button type="button" className="button button-header" onClick={() => void onLogout()} disabled={loggingOut} aria-busy={loggingOut}>
                  {t('header.logout')}
                </button>
              </div>
            )}
          </div>
        </div>
        {user && <MainNav user={user} open={menuOpen} onClose={closeMenu} />}
      </header>
      <main id="main" tabIndex={-1} className="main">
        <ReadOnlyBanner user={user} />
        {logoutError !== null && <ProblemMessage error={logoutError} summary={t('header.logoutFailed')} />}
        {/* Pages load their code on first use; navigation keeps the old page until the new one is ready. */}
        <Suspense
          fallback={
            <div aria-busy="true">
              <Loading />
            </div>
          }
        >
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <div className="footer-inner">
          <p>{t('footer.operator')}</p>
          <ul>
            <li>
              <Link to="/status">{t('footer.status')}</Link>
            </li>
            <li>
              <Link to="/accessibility">{t('footer.accessibility')}</Link>
            </li>
            <li>
              <a href="mailto:pieejamiba@rda.lv">pieejamiba@rda.lv</a>
            </li>
          </ul>
        </div>
      </footer>
    </div>
  );
}
