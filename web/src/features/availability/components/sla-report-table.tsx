import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/data-table';
import { formatPercent, formatSeconds } from '../../../status-format';
import type { ServiceReport } from '../queries';
import { SlaMetBadge } from './sla-met-badge';

/** Per service: availability against the target, and the time it was up, down, in maintenance or unknown. */
export function SlaReportTable({ caption, services, name }: { caption: string; services: ServiceReport[]; name: (s: ServiceReport) => string }) {
  const { t } = useTranslation();
  return (
    <DataTable caption={caption} className="sla-table">
      <thead>
        <tr>
          <th scope="col">{t('subscriptions.service')}</th>
          <th scope="col">{t('status.availability')}</th>
          <th scope="col">{t('slaReport.target')}</th>
          <th scope="col">{t('slaReport.result')}</th>
          <th scope="col">{t('slaReport.up')}</th>
          <th scope="col">{t('status.downTime')}</th>
          <th scope="col">{t('status.maintenanceTime')}</th>
          <th scope="col">{t('status.unknownTime')}</th>
          <th scope="col">{t('slaReport.excluded')}</th>
          <th scope="col">{t('slaReport.coverage')}</th>
        </tr>
      </thead>
      <tbody>
        {services.map((s) => (
          <tr key={s.serviceId}>
            <th scope="row">
              {name(s)} <span className="muted">({s.serviceCode})</span>
              <span className="block muted">{t('slaReport.monitors', { count: s.monitors })}</span>
            </th>
            <td className="nowrap">{formatPercent(t, s.availabilityPercent)}</td>
            <td className="nowrap">{formatPercent(t, s.targetPercent)}</td>
            <td>
              <SlaMetBadge report={s} />
            </td>
            <td className="nowrap">{formatSeconds(t, s.upSeconds)}</td>
            <td className="nowrap">{formatSeconds(t, s.downSeconds)}</td>
            <td className="nowrap">{formatSeconds(t, s.maintenanceSeconds)}</td>
            <td className="nowrap">{formatSeconds(t, s.unknownSeconds)}</td>
            <td className="nowrap">{formatSeconds(t, s.excludedSeconds)}</td>
            <td className="nowrap">{formatPercent(t, s.coveragePercent)}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
