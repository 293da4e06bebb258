import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import type { SessionUser } from '../features/account/queries';
import { navKeyTarget } from './nav-keys';
import { currentItem, navContext, shownGroups, type NavGroup } from './nav-items';

interface Props {
  user: SessionUser;
  /** On a phone the menu shows only when opened with the menu button. */
  open: boolean;
  /** Closes the phone menu (Escape, or a page chosen) and gives focus back to the menu button. */
  onClose: (returnFocus: boolean) => void;
}

/**
 * The sections the person's permissions allow, in groups (nav-items.ts). A group opens as a list
 * under its button; the current page's entry and its group are marked with aria-current. Arrow
 * keys, Home and End move between the buttons and within an open group (nav-keys.ts); Escape closes it.
 */
export function MainNav({ user, open, onClose }: Props) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const groups = shownGroups(navContext(user));
  const current = currentItem(
    groups.flatMap((g) => g.items),
    pathname,
  );
  const [expanded, setExpanded] = useState<NavGroup | null>(null);
  const navRef = useRef<HTMLElement>(null);
  // The address a group was opened at, read from the browser: the router renders a navigation as a
  // transition, so the address can change before `pathname` does (leaving the login page), and a
  // group opened in that moment must not close when the page it was opened on arrives.
  const openedAt = useRef<string | null>(null);
  const expand = (group: NavGroup | null) => {
    openedAt.current = window.location.pathname;
    setExpanded(group);
  };

  // A page chosen: the group's list closes (on a phone the whole menu, see Layout).
  useEffect(() => {
    if (openedAt.current !== window.location.pathname) setExpanded(null);
  }, [pathname]);

  // Opening the phone menu shows the current page's group and puts focus on the first entry.
  useEffect(() => {
    if (!open) return;
    expand(current?.group ?? null);
    navRef.current?.querySelector<HTMLElement>('a, button')?.focus();
    // Only when the menu opens (not when the page changes under it): `current` is left out on purpose.
  }, [open]);

  // A click elsewhere closes an open group's list.
  useEffect(() => {
    if (expanded === null) return;
    const onPointer = (event: PointerEvent) => {
      if (!navRef.current?.contains(event.target as Node)) setExpanded(null);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [expanded]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const target = navRef.current && navKeyTarget(navRef.current, event.target as HTMLElement, event.key);
    if (target) {
      // Arrows would otherwise scroll the page.
      event.preventDefault();
      target.focus();
      return;
    }
    if (event.key !== 'Escape') return;
    if (expanded !== null) {
      const button = navRef.current?.querySelector<HTMLElement>(`#nav-group-${expanded}`);
      setExpanded(null);
      button?.focus();
    } else if (open) {
      onClose(true);
    }
  };

  const homeCurrent = pathname === '/';
  const accountCurrent = pathname === '/account' || pathname.startsWith('/account/');
  return (
    <nav id="main-nav" ref={navRef} aria-label={t('nav.main')} className="main-nav" data-open={open} onKeyDown={onKeyDown}>
      <ul className="nav-groups">
        <li>
          <Link to="/" className="nav-top" aria-current={homeCurrent ? 'page' : undefined} onClick={() => onClose(false)}>
            {t('nav.home')}
          </Link>
        </li>
        {groups.map(({ group, items }) => {
          const isCurrent = current?.group === group && !homeCurrent;
          const isOpen = expanded === group;
          return (
            <li key={group} className="nav-group">
              <button
                type="button"
                id={`nav-group-${group}`}
                className="nav-top nav-group-button"
                aria-expanded={isOpen}
                aria-controls={`nav-list-${group}`}
                aria-current={isCurrent ? 'true' : undefined}
                onClick={() => expand(isOpen ? null : group)}
              >
                {t(`nav.groups.${group}`)}
                <span className="nav-chevron" aria-hidden="true">
                  {isOpen ? '▴' : '▾'}
                </span>
              </button>
              <ul id={`nav-list-${group}`} className="nav-list" hidden={!isOpen}>
                {items.map((item) => (
                  <li key={item.label + item.to}>
                    <Link to={item.to} aria-current={item === current && !homeCurrent ? 'page' : undefined} onClick={() => onClose(false)}>
                      {t(item.label)}
                    </Link>
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
        <li className="nav-account">
          <Link to="/account" className="nav-top" aria-current={accountCurrent ? 'page' : undefined} onClick={() => onClose(false)}>
            {t('nav.account')}
          </Link>
        </li>
      </ul>
    </nav>
  );
}
