import { useState, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchFile } from '../api/download';
import { ProblemMessage } from './problem-message';

interface Props {
  href: string;
  children: ReactNode;
  /** Said while the server prepares the file, e.g. "Sagatavo PDF…"; a generic text when absent. */
  preparing?: string;
  className?: string;
}

/**
 * A download that shows it is under way: a PDF or ZIP can take a second or more to prepare, and a
 * plain link gives no sign of it. The link stays a real link (open in a new tab, copy address);
 * a click fetches the file, marks the link busy and says so in a live region, then saves it under
 * the server's name. A refusal is shown beside the link instead of a broken file.
 */
export function DownloadLink({ href, children, preparing, className }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const download = async (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const { blob, fileName } = await fetchFile(href);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="download-link">
      <a href={href} className={className} download onClick={(e) => void download(e)} aria-busy={busy} aria-disabled={busy || undefined}>
        {children}
      </a>
      <span role="status" className={busy ? 'download-progress' : 'visually-hidden'}>
        {busy ? (preparing ?? t('common.preparingDownload')) : ''}
      </span>
      {error !== null && <ProblemMessage error={error} />}
    </span>
  );
}
