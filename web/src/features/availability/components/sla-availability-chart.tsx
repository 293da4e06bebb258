import { useTranslation } from 'react-i18next';
import { SeriesChart } from '../../../components/series-chart';
import { formatNumber } from '../../../format';

export interface AvailabilityRow {
  label: string;
  /** Null when nothing was measured. */
  percent: number | null;
  /** The percentage as the UI writes it, e.g. "99,95 %". */
  text: string;
  met: boolean;
}

interface Props {
  title: string;
  rows: AvailabilityRow[];
  target: number;
}

/**
 * Availability per service against the target line, with the same figures as a table. Met and
 * missed are two series stacked on one place per service, so the legend tells them apart.
 */
export function SlaAvailabilityChart({ title, rows, target }: Props) {
  const { t } = useTranslation();
  const known = rows.map((r) => r.percent).filter((p): p is number => p !== null);
  // Bars that start at zero would all look alike: start just under the lowest figure or target.
  const yMin = Math.max(0, Math.floor(Math.min(target, ...known) - 1));
  const bars = (met: boolean) => ({
    name: t(met ? 'slaReport.met' : 'slaReport.notMet'),
    values: rows.map((r) => (r.percent !== null && r.met === met ? r.percent : null)),
    labels: rows.map((r) => r.text),
  });
  return (
    <SeriesChart
      title={title}
      chart={{
        kind: 'bar',
        stacked: true,
        yAxisName: '%',
        yMin,
        yMax: 100,
        target: { value: target, label: t('slaReport.targetLine', { target: formatNumber(target) }) },
        categories: rows.map((r) => r.label),
        series: [bars(true), bars(false)],
      }}
      table={{
        categoryHeader: t('subscriptions.service'),
        columns: [t('status.availability'), t('slaReport.result')],
        rows: rows.map((r) => [r.text, r.percent === null ? t('slaReport.noData') : r.met ? t('slaReport.met') : t('slaReport.notMet')]),
      }}
      note={t('slaReport.chartNote', { target: formatNumber(target) })}
    />
  );
}
