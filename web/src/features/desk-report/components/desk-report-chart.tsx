import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../format';
import { SeriesChart } from '../../../components/series-chart';

export interface BarRow {
  label: string;
  value: number;
}

interface Props {
  title: string;
  /** Names the rows' header in the text alternative, e.g. "Priority". */
  rowHeader: string;
  rows: BarRow[];
}

/** Tickets per priority or category: one bar each, its count written on it, the counts as a table. */
export function DeskReportChart({ title, rowHeader, rows }: Props) {
  const { t } = useTranslation();
  const ticketCount = t('deskReport.ticketCount');
  const counts = rows.map((r) => formatNumber(r.value));
  return (
    <SeriesChart
      title={title}
      chart={{
        kind: 'bar',
        stacked: false,
        yAxisName: '',
        categories: rows.map((r) => r.label),
        series: [{ name: ticketCount, values: rows.map((r) => r.value), labels: counts }],
      }}
      table={{ categoryHeader: rowHeader, columns: [ticketCount], rows: counts.map((count) => [count]) }}
    />
  );
}
