import { useTranslation } from 'react-i18next';
import { addDays, DEFAULT_ZONE, localParts } from '../../../business-minutes';
import { weekdayIndex } from '../../../calendar-format';
import { StateBadge } from '../../../components/status-badge';
import { formatDate, formatInstant } from '../../../format';
import type { MaintenanceRecord } from '../queries';
import { AnnouncementStatus } from './announcement-status';
import { MaintenanceActions } from './maintenance-actions';

/** The agreements' default notice period; a window announced later counts as ordinary time. */
export const DEFAULT_NOTICE_HOURS = 48;

interface Props {
  windows: MaintenanceRecord[];
  serviceName: (id: string) => string;
  /** Whether the reader may change and cancel windows (operators, desk agents). */
  canWrite?: boolean;
  onCancelled?: (message: string) => void;
}

const mondayOf = (instant: string) => {
  const date = localParts(Date.parse(instant), DEFAULT_ZONE).date;
  return addDays(date, -weekdayIndex(date));
};

/** Maintenance windows week by week (Riga time), each with its notice: the evidence the SLA report relies on. */
export function MaintenanceSchedule({ windows, serviceName, canWrite = false, onCancelled = () => {} }: Props) {
  const { t } = useTranslation();
  const now = Date.now();
  const weeks = new Map<string, MaintenanceRecord[]>();
  for (const w of [...windows].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
    const monday = mondayOf(w.startsAt);
    weeks.set(monday, [...(weeks.get(monday) ?? []), w]);
  }
  if (weeks.size === 0) return <p>{t('maintenance.noneInPeriod')}</p>;

  return (
    <>
      {[...weeks].map(([monday, list]) => (
        <section key={monday} className="section" aria-labelledby={`week-${monday}`}>
          <h2 id={`week-${monday}`} className="h3">
            {t('maintenance.week', { from: formatDate(monday), to: formatDate(addDays(monday, 6)) })}
          </h2>
          <ul className="plain-list maintenance-list">
            {list.map((w) => {
              const noticeHours = w.announcedAt === null ? null : (Date.parse(w.startsAt) - Date.parse(w.announcedAt)) / 3_600_000;
              const state = w.status === 'cancelled' ? 'cancelled' : Date.parse(w.endsAt) <= now ? 'past' : Date.parse(w.startsAt) <= now ? 'ongoing' : 'planned';
              return (
                <li key={w.id} className="card maintenance-item">
                  <h3 className="h3">{state === 'cancelled' ? <del>{w.title}</del> : w.title}</h3>
                  <p className="badge-row">
                    <StateBadge tone={state === 'ongoing' ? 'warn' : state === 'planned' ? 'ok' : 'off'} label={t(`maintenance.state.${state}`)} />
                    {w.seriesId && <StateBadge tone="off" label={t('maintenance.recurring')} />}
                    {state !== 'cancelled' && noticeHours === null && <StateBadge tone="warn" label={t('maintenance.notAnnounced')} />}
                    {state !== 'cancelled' && noticeHours !== null && noticeHours < DEFAULT_NOTICE_HOURS && <StateBadge tone="warn" label={t('maintenance.lateNotice', { hours: DEFAULT_NOTICE_HOURS })} />}
                  </p>
                  <dl className="details details-compact">
                    <div>
                      <dt>{t('maintenance.when')}</dt>
                      <dd>
                        <time dateTime={w.startsAt}>{formatInstant(w.startsAt)}</time> – <time dateTime={w.endsAt}>{formatInstant(w.endsAt)}</time>
                      </dd>
                    </div>
                    <div>
                      <dt>{t('maintenance.services')}</dt>
                      <dd>{w.serviceIds.map(serviceName).join(', ')}</dd>
                    </div>
                    <div>
                      <dt>{t('maintenance.announcedAt')}</dt>
                      <dd>
                        <AnnouncementStatus window={w} />
                      </dd>
                    </div>
                    {w.status === 'cancelled' && (
                      <div>
                        <dt>{t('maintenance.cancelledAt')}</dt>
                        <dd>
                          <time dateTime={w.cancelledAt ?? undefined}>{w.cancelledAt ? formatInstant(w.cancelledAt) : ''}</time>
                          <span className="block">{w.cancelReason}</span>
                        </dd>
                      </div>
                    )}
                    {w.createdBy && (
                      <div>
                        <dt>{t('maintenance.createdBy')}</dt>
                        <dd>{w.createdBy}</dd>
                      </div>
                    )}
                  </dl>
                  {w.description && <p className="prose-text">{w.description}</p>}
                  {canWrite && state !== 'cancelled' && state !== 'past' && <MaintenanceActions window={w} onCancelled={onCancelled} />}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </>
  );
}
