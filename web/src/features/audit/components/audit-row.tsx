import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInstant } from '../../../format';
import type { AuditEvent } from '../queries';
import { JsonDiff } from '../../../components/json-diff';

interface Props {
  event: AuditEvent;
  tenantName: (id: string | null) => string;
  expanded: boolean;
  onToggle: () => void;
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
          {event.actorLabel}
          <span className="muted block">{t(`audit.actorKind.${event.actorKind}`, { defaultValue: event.actorKind })}</span>
        </td>
        <td>
          <code>{event.action}</code>
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
              <JsonDiff before={event.before} after={event.after} caption={t('audit.diffCaption', { seq: event.seq, action: event.action })} />
            </div>
          )}
        </td>
      </tr>
    </>
  );
});
