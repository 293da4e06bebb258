import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the document title for the current page: "<page> — Kopa". */
export function usePageTitle(title: string): void {
  const { t } = useTranslation();
  const app = t('app.name');
  useEffect(() => {
    document.title = title ? `${title} — ${app}` : app;
  }, [title, app]);
}
