import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatInstant } from '../../../format';
import type { AuditEvent } from '../queries';
import { JsonDiff } from '../../../components/json-diff';

interface Props {
  event: AuditEvent;
  tenantName: (id: string | null) => string;
  expanded: boolean;
  onToggle: () => void;
}

/**
 * Who acted, in words: a person by name (their sign-in address when the reader may not see them),
 * a token by its name, a job of Kopa by what it is.
 */
function actorText(event: AuditEvent, t: TFunction): string {
  if (event.actorName) return event.actorName;
  if (event.actorKind === 'token') return t('audit.tokenActor', { name: event.actorLabel.replace(/^token:/, '') });
  if (event.actorKind === 'system') {
    // A prober names its location after a colon, which i18next would read as a namespace.
    const [job, location] = event.actorLabel.split(':');
    return location !== undefined ? t(`audit.systemActors.${job}`, { location, defaultValue: event.actorLabel }) : t(`audit.systemActors.${job}`, { defaultValue: event.actorLabel });
  }
  return event.actorLabel;
}

/** One audit event as a table row, with a second row holding its before/after diff when expanded. */
export const AuditRow = forwardRef<HTMLTableCellElement, Props>(function AuditRow({ event, tenantName, expanded, onToggle }, ref) {
  const { t } = useTranslation();
  const detailsId = `audit-details-${event.seq}`;
  return (
    <>
      <tr>
        <th scope="row" ref={ref} tabIndex={-1}>
          <time dateTime={event.at}>{formatInstant(event.at)}</time>
        </th>
        <td className="break">
          {actorText(event, t)}
          <span className="muted block">{t(`audit.actorKind.${event.actorKind}`, { defaultValue: event.actorKind })}</span>
        </td>
        <td>
          {t(`audit.actions.${event.action}`, { defaultValue: event.action })}
          <code className="muted block">{event.action}</code>
        </td>
        <td>
          <code>{event.entityType}</code>
          {event.entityId && <span className="muted block mono break">{event.entityId}</span>}
        </td>
        <td>{tenantName(event.tenantId)}</td>
        <td>
          <button type="button" className="button button-small button-secondary" aria-expanded={expanded} aria-controls={detailsId} onClick={onToggle} aria-label={`${expanded ? t('audit.hideChanges') : t('audit.showChanges')}: ${t('audit.eventN', { seq: event.seq })}`}>
            {expanded ? t('audit.hideChanges') : t('audit.showChanges')}
          </button>
        </td>
      </tr>
      <tr id={detailsId} hidden={!expanded} className="details-row">
        <td colSpan={6}>
          {expanded && (
            <div className="audit-details">
              <dl className="details details-compact">
                <div>
                  <dt>{t('audit.seq')}</dt>
                  <dd className="mono">{event.seq}</dd>
                </div>
                <div>
                  <dt>{t('audit.requestId')}</dt>
                  <dd className="mono break">{event.requestId ?? '—'}</dd>
                </div>
                <div>
                  <dt>{t('audit.clientAddress')}</dt>
                  <dd className="mono">{event.clientAddress ?? '—'}</dd>
                </div>
                <div>
                  <dt>{t('audit.hash')}</dt>
                  <dd className="mono break">{event.hash}</dd>
                </div>
              </dl>
              <JsonDiff before={event.before} after={event.after} caption={t('audit.diffCaption', { seq: event.seq, action: t(`audit.actions.${event.action}`, { defaultValue: event.action }) })} />
            </div>
          )}
        </td>
      </tr>
    </>
  );
});
