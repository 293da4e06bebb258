import { useTranslation } from 'react-i18next';
import type { ClockKind, SlaClock } from '../queries';
import { formatMinutes } from '../../../duration';
import { formatInstant, formatNumber } from '../../../format';
import { useBusinessElapsed } from '../../../hooks/use-business-elapsed';

export type ClockState = 'running' | 'warning' | 'paused' | 'met' | 'breached' | 'stopped';

const ICONS: Record<ClockState, string> = { running: '◷', warning: '▲', paused: '❚❚', met: '✓', breached: '!', stopped: '■' };
const WARNING_PERCENT = 80;

interface Props {
  clock: SlaClock;
  kind: ClockKind;
  calendarId: string;
  /** When the server measured the clock (ms); the browser counts on from there. */
  measuredAt: number;
  /** Compact for table cells; full (with target, use and due time) on the ticket page. */
  variant?: 'compact' | 'full';
}

interface Live {
  state: ClockState;
  elapsed: number;
  remaining: number;
  percent: number;
}

function liveState(clock: SlaClock, running: boolean, extra: number): Live {
  const elapsed = clock.elapsedMinutes + extra;
  const remaining = clock.targetMinutes - elapsed;
  const percent = running && clock.targetMinutes > 0 ? (elapsed / clock.targetMinutes) * 100 : clock.percentUsed;
  let state: ClockState;
  if (clock.breached || remaining < 0) state = 'breached';
  else if (clock.metAt) state = 'met';
  else if (clock.paused) state = 'paused';
  else if (!running) state = 'stopped';
  else state = percent >= WARNING_PERCENT ? 'warning' : 'running';
  return { state, elapsed, remaining, percent };
}

/**
 * One SLA clock: its state in words (with a shape and colour as extra cues), the time left or
 * over the target in business time, and a bar of the share used. A running clock counts down
 * once a minute in the calendar's working hours; screen readers are not interrupted by it.
 */
export function SlaClockView({ clock, kind, calendarId, measuredAt, variant = 'compact' }: Props) {
  const { t } = useTranslation();
  const running = clock.running;
  const extra = useBusinessElapsed(calendarId, measuredAt, running);
  const live = liveState(clock, running, extra);
  const { state } = live;

  const left = formatMinutes(t, live.remaining, 'floor');
  const over = formatMinutes(t, -live.remaining, 'ceil');
  const stateText: Record<ClockState, string> = {
    running: t('sla.left', { time: left }),
    warning: t('sla.left', { time: left }),
    paused: t('sla.paused', { time: left }),
    met: t('sla.met'),
    breached: t('sla.breached', { time: over }),
    stopped: t('sla.stopped'),
  };
  const percentShown = Math.round(live.percent);
  const clockName = t(`sla.clock.${kind}`);

  const bar = (
    <div
      className="sla-bar"
      role="progressbar"
      aria-label={t('sla.barLabel', { clock: clockName })}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.min(100, Math.max(0, percentShown))}
      aria-valuetext={t('sla.percentUsed', { percent: formatNumber(percentShown, 0) })}
    >
      <span className="sla-bar-fill" style={{ width: `${Math.min(100, Math.max(0, live.percent))}%` }} />
    </div>
  );

  if (variant === 'compact') {
    return (
      <div className={`sla sla-${state}`}>
        <span className="sla-state">
          <span className="sla-icon" aria-hidden="true">
            {ICONS[state]}
          </span>
          {stateText[state]}
        </span>
        {bar}
      </div>
    );
  }

  return (
    <div className={`sla sla-full sla-${state}`}>
      <p className="sla-state sla-state-large">
        <span className="sla-icon" aria-hidden="true">
          {ICONS[state]}
        </span>
        {stateText[state]}
      </p>
      {bar}
      <dl className="sla-facts">
        <div>
          <dt>{t('sla.target')}</dt>
          <dd>{t('sla.targetValue', { time: formatMinutes(t, clock.targetMinutes) })}</dd>
        </div>
        <div>
          <dt>{t('sla.used')}</dt>
          <dd>
            {formatMinutes(t, live.elapsed, 'floor')} ({t('sla.percentUsed', { percent: formatNumber(percentShown, 0) })})
          </dd>
        </div>
        <div>
          <dt>{clock.metAt ? t('sla.metAt') : state === 'paused' ? t('sla.dueIfResumed') : t('sla.dueAt')}</dt>
          <dd>
            {formatInstant(clock.metAt ?? clock.dueAt)} <span className="muted">{t('sla.rigaTime')}</span>
          </dd>
        </div>
        {clock.metAt && clock.breached && (
          <div>
            <dt>{t('sla.dueAt')}</dt>
            <dd>
              {formatInstant(clock.dueAt)} <span className="muted">{t('sla.rigaTime')}</span>
            </dd>
          </div>
        )}
      </dl>
    </div>
  );
}
