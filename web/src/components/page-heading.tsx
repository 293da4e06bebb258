import type { ReactNode } from 'react';
import { usePageTitle } from '../hooks/use-page-title';

interface Props {
  title: string;
  /** Extra text for the document title only (e.g. the municipality's name). */
  documentTitle?: string;
  actions?: ReactNode;
  children?: ReactNode;
}

/**
 * The page's one <h1>, which also sets the document title. It takes focus after
 * client-side navigation (see Layout), so screen readers announce the new page.
 */
export function PageHeading({ title, documentTitle, actions, children }: Props) {
  usePageTitle(documentTitle ?? title);
  return (
    <div className="page-heading">
      <div>
        <h1 tabIndex={-1}>{title}</h1>
        {children}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}
