import { useTranslation } from 'react-i18next';
import { TICKET_CHANNELS } from '../../../../../src/domain/desk/ticket';
import type { DeskReport } from '../queries';
import { DataTable } from '../../../components/data-table';
import { localName } from '../../../local-name';

type ChannelTable = DeskReport['byServiceChannel'];

/** Cabinet Regulation No. 399 figures: requests per service (rows) and channel (columns), with totals. */
export function DeskReportChannels({ table, caption }: { table: ChannelTable; caption: string }) {
  const { t } = useTranslation();
  if (table.totals.total === 0) return <p>{t('deskReport.channelsEmpty')}</p>;
  return (
    <DataTable caption={caption} captionHidden>
      <thead>
        <tr>
          <th scope="col">{t('deskReport.channelsService')}</th>
          {TICKET_CHANNELS.map((c) => (
            <th scope="col" key={c} className="num">
              {t(`ticketChannel.${c}`)}
            </th>
          ))}
          <th scope="col" className="num">
            {t('deskReport.channelsTotal')}
          </th>
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row) => (
          <tr key={row.service?.id ?? 'none'}>
            <th scope="row">{row.service ? `${localName(row.service.name)} (${row.service.code})` : t('deskReport.channelsNoService')}</th>
            {TICKET_CHANNELS.map((c) => (
              <td key={c} className="num">
                {row[c]}
              </td>
            ))}
            <td className="num">{row.total}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('deskReport.channelsTotal')}</th>
          {TICKET_CHANNELS.map((c) => (
            <td key={c} className="num">
              {table.totals[c]}
            </td>
          ))}
          <td className="num">
            <strong>{table.totals.total}</strong>
          </td>
        </tr>
      </tfoot>
    </DataTable>
  );
}
