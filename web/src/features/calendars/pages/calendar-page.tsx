import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import { lastDayOf, MONTH, monthOf, shiftMonth, todayIn } from '../../../business-minutes';
import { longDate, monthName } from '../../../calendar-format';
import { AsyncSection } from '../../../components/async-section';
import { Breadcrumbs } from '../../../components/breadcrumbs';
import { CalendarExceptions } from '../components/calendar-exceptions';
import { CalendarLegend } from '../components/calendar-legend';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ExceptionForm } from '../components/exception-form';
import { MonthGrid } from '../components/month-grid';
import { PageHeading } from '../../../components/page-heading';
import { WeeklyHoursList } from '../components/weekly-hours';
import { calendarIcsHref, useCalendar, useCalendarDays, useRemoveException, type CalendarException } from '../queries';
import { can } from '../../../permissions';
import { useUser } from '../../../session';

/** One business calendar: a month at a time, its exceptions (operators edit them) and the .ics export. */
export function CalendarPage() {
  const { t } = useTranslation();
  const { id = 'lv' } = useParams();
  const user = useUser();
  const canWrite = can(user, 'calendars.write');
  const [params, setParams] = useSearchParams();
  const asked = params.get('month') ?? '';
  const month = MONTH.test(asked) ? asked : monthOf();
  const lastDay = lastDayOf(month);
  const calendar = useCalendar(id);
  const days = useCalendarDays(id, `${month}-01`, lastDay);
  const remove = useRemoveException(id);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<CalendarException | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [monthAnnouncement, setMonthAnnouncement] = useState('');
  const addButton = useRef<HTMLButtonElement>(null);

  const monthTitle = t('calendar.monthTitle', { month: monthName(month), year: month.slice(0, 4) });
  const name = calendar.data?.name ?? id;
  const goTo = (target: string) => {
    const next = new URLSearchParams(params);
    next.set('month', target);
    setParams(next, { replace: true });
    setMonthAnnouncement(t('calendar.showing', { month: t('calendar.monthTitle', { month: monthName(target), year: target.slice(0, 4) }) }));
  };

  return (
    <>
      <Breadcrumbs items={[{ label: t('calendars.title'), to: '/calendars' }, { label: name }]} />
      <PageHeading title={name} documentTitle={`${name} — ${t('calendars.title')}`}>
        {calendar.data && (
          <p className="lead">
            <span className="mono">{calendar.data.id}</span> · {calendar.data.timeZone}
          </p>
        )}
      </PageHeading>
      <AsyncSection resource={calendar}>
        {(loaded) => (
          <>
            {loaded.rules === 'lv' && <p className="prose">{t('calendars.lvRules')}</p>}
            {loaded.description && (
              <p className="prose muted">
                {t('calendars.description')} <span lang="lv">{loaded.description}</span>
              </p>
            )}
            <p>
              <a href={calendarIcsHref(loaded.id)} download={`${loaded.id}.ics`}>
                {t('calendars.ics')}
              </a>
              <span className="muted block">{t('calendars.icsHint')}</span>
            </p>
            <section className="section" aria-labelledby="calendar-week">
              <h2 id="calendar-week">{t('calendar.weeklyHours')}</h2>
              <WeeklyHoursList hours={loaded.weeklyHours} />
            </section>
          </>
        )}
      </AsyncSection>
      <section className="section" aria-labelledby="calendar-month-title">
        <h2 id="calendar-month-title">{monthTitle}</h2>
        <div className="month-nav" role="group" aria-label={t('calendar.monthNav')}>
          <button type="button" className="button button-secondary button-small" onClick={() => goTo(shiftMonth(month, -1))}>
            <span aria-hidden="true">‹ </span>
            {t('calendar.previous')}
          </button>
          <button type="button" className="button button-secondary button-small" onClick={() => goTo(monthOf())} disabled={month === monthOf()}>
            {t('calendar.thisMonth')}
          </button>
          <button type="button" className="button button-secondary button-small" onClick={() => goTo(shiftMonth(month, 1))}>
            {t('calendar.next')}
            <span aria-hidden="true"> ›</span>
          </button>
        </div>
        <p role="status" className="visually-hidden">
          {monthAnnouncement}
        </p>
        <CalendarLegend />
        <AsyncSection resource={days}>
          {(list) => (
            <MonthGrid month={month} lastDay={lastDay} days={list} today={todayIn(calendar.data?.timeZone)} caption={t('calendar.gridCaption', { calendar: name, month: monthTitle })} />
          )}
        </AsyncSection>
      </section>
      <section className="section" aria-labelledby="calendar-exceptions">
        <h2 id="calendar-exceptions">{t('exception.title')}</h2>
        <p className="muted">{t('exception.intro')}</p>
        {canWrite && (
          <div className="section-actions">
            <button type="button" ref={addButton} className="button button-primary" aria-expanded={adding} aria-controls="exception-add" onClick={() => setAdding((v) => !v)}>
              {t('exception.add')}
            </button>
          </div>
        )}
        <div id="exception-add" hidden={!adding}>
          {adding && (
            <ExceptionForm
              calendarId={id}
              onCancel={() => {
                setAdding(false);
                addButton.current?.focus();
              }}
              onAdded={(added) => {
                calendar.setData((c) => (c ? { ...c, exceptions: [...c.exceptions, added] } : c!));
                days.reload();
                setAdding(false);
                setAnnouncement(t('exception.addedDone', { date: longDate(added.date, true) }));
                addButton.current?.focus();
              }}
            />
          )}
        </div>
        <p role="status" className="status-line">
          {announcement}
        </p>
        {calendar.data && (
          <CalendarExceptions exceptions={calendar.data.exceptions} caption={t('exception.caption', { calendar: name })} onRemove={canWrite ? setRemoving : null} />
        )}
      </section>
      <ConfirmDialog
        open={removing !== null}
        title={t('exception.removeTitle')}
        confirmLabel={t('exception.remove')}
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (!removing) return;
          await remove.mutateAsync(removing.date);
          calendar.setData((c) => (c ? { ...c, exceptions: c.exceptions.filter((e) => e.date !== removing.date) } : c!));
          days.reload();
          setAnnouncement(t('exception.removed', { date: longDate(removing.date, true) }));
        }}
      >
        <p>{removing && t('exception.removeText', { date: longDate(removing.date, true), reason: removing.reason })}</p>
      </ConfirmDialog>
    </>
  );
}
