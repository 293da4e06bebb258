import { useTranslation } from 'react-i18next';
import { formatInstant } from '../../../format';

interface Props {
  publication: { version: number; publishedAt: string; reason: string | null } | null;
  live: boolean;
  /** Operators may switch between the published version and the figures computed now. */
  canSwitch: boolean;
  onSwitch: (live: boolean) => void;
}

/** Says which report is shown — a frozen published version or the figures as computed now — and lets operators switch. */
export function SlaReportView({ publication, live, canSwitch, onSwitch }: Props) {
  const { t } = useTranslation();
  return (
    <div className="message message-neutral">
      <p>
        {publication
          ? t('slaPublish.showingVersion', { version: publication.version, at: formatInstant(publication.publishedAt) })
          : live
            ? t('slaPublish.showingLive')
            : t('slaPublish.showingUnpublished')}
      </p>
      {canSwitch && (
        <button type="button" className="button button-secondary button-small" onClick={() => onSwitch(!live)}>
          {live ? t('slaPublish.showPublished') : t('slaPublish.showLive')}
        </button>
      )}
    </div>
  );
}
