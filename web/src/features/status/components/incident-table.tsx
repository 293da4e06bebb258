import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatInstant } from '../../../format';
import type { Incident } from '../queries';
import { DataTable } from '../../../components/data-table';
import { IncidentImpactBadge, IncidentStatusBadge } from './incident-badges';

interface Props {
  caption: string;
  incidents: Incident[];
  serviceName: (id: string) => string | null;
}

/** Incidents for agency staff, newest first, each linking to its page. */
export function IncidentTable({ caption, incidents, serviceName }: Props) {
  const { t } = useTranslation();
  const sorted = [...incidents].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  return (
    <DataTable caption={caption} captionHidden>
      <thead>
        <tr>
          <th scope="col">{t('incidents.titleColumn')}</th>
          <th scope="col">{t('incidents.statusColumn')}</th>
          <th scope="col">{t('incidents.impactColumn')}</th>
          <th scope="col">{t('incident.services')}</th>
          <th scope="col">{t('incident.startedAt')}</th>
          <th scope="col">{t('incidents.lastUpdate')}</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((incident) => (
          <tr key={incident.id}>
            <th scope="row">
              <Link to={`/incidents/${incident.id}`}>{incident.title}</Link>
            </th>
            <td>
              <IncidentStatusBadge status={incident.status} />
            </td>
            <td>
              <IncidentImpactBadge impact={incident.impact} bare />
            </td>
            <td>{incident.serviceIds.map((id) => serviceName(id) ?? t('common.unknown')).join(', ')}</td>
            <td className="nowrap">
              <time dateTime={incident.startedAt}>{formatInstant(incident.startedAt)}</time>
            </td>
            <td className="nowrap">
              <time dateTime={incident.updatedAt}>{formatInstant(incident.updatedAt)}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
