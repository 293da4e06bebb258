import { useTranslation } from 'react-i18next';
import { formatInstant } from '../../../format';
import type { OverallState, PlatformStatus } from '../queries';

const TONE: Record<OverallState, { className: string; icon: string }> = {
  operational: { className: 'message-success', icon: '✓' },
  outage: { className: 'message-error', icon: '✕' },
  maintenance: { className: 'message-info', icon: '⚙' },
  unknown: { className: 'message-neutral', icon: '?' },
};

/** The one-sentence answer first: is everything working, with counts by state. */
export function StatusOverallBanner({ status }: { status: PlatformStatus }) {
  const { t } = useTranslation();
  const tone = TONE[status.overall];
  const count = (state: string) => status.services.filter((s) => s.state === state).length;
  return (
    <div className={`message status-banner ${tone.className}`}>
      <p className="message-title status-banner-title">
        <span className="message-icon" aria-hidden="true">
          {tone.icon}
        </span>
        {t(`status.overall.${status.overall}`)}
      </p>
      <p>
        {t('status.counts', { total: status.services.length, up: count('up'), down: count('down'), maintenance: count('maintenance'), unknown: count('unknown') })}
      </p>
      <p className="muted">
        {t('status.generatedAt')} <time dateTime={status.generatedAt}>{formatInstant(status.generatedAt)}</time>
      </p>
    </div>
  );
}
