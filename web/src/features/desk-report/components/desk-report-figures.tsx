import { useTranslation } from 'react-i18next';
import type { DeskReport, TargetShare } from '../queries';
import { formatMinutes } from '../../../duration';
import { formatNumber } from '../../../format';

/** The month's key figures as a description list of large numbers with their meaning. */
export function DeskReportFigures({ report }: { report: DeskReport }) {
  const { t } = useTranslation();
  const share = (s: TargetShare) =>
    s.metPercent === null
      ? { value: t('deskReport.noData'), note: t('deskReport.noneMeasured') }
      : { value: `${formatNumber(s.metPercent, 1)} %`, note: t('deskReport.metOf', { met: s.met, measured: s.measured }) };
  const minutes = (m: number | null) => (m === null ? t('deskReport.noData') : formatMinutes(t, m));
  const reaction = share(report.reaction);
  const resolution = share(report.resolution);
  const figures = [
    { label: t('deskReport.tickets'), value: formatNumber(report.tickets), note: null },
    { label: t('deskReport.reactionMet'), ...reaction },
    { label: t('deskReport.resolutionMet'), ...resolution },
    { label: t('deskReport.reactionMedian'), value: minutes(report.reaction.medianMinutes), note: t('deskReport.businessTime') },
    { label: t('deskReport.reactionP90'), value: minutes(report.reaction.p90Minutes), note: t('deskReport.p90Note') },
    {
      label: t('deskReport.satisfaction'),
      value: report.satisfaction.average === null ? t('deskReport.noData') : t('deskReport.outOfFive', { value: formatNumber(report.satisfaction.average, 2) }),
      note: t('deskReport.ratings', { count: report.satisfaction.ratings }),
    },
  ];
  return (
    <dl className="figures">
      {figures.map((f) => (
        <div key={f.label} className="figure">
          <dt>{f.label}</dt>
          <dd>
            <span className="figure-value">{f.value}</span>
            {f.note && <span className="figure-note">{f.note}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
