import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Forecast, ForecastYear } from '../queries';
import { formatNumber } from '../../../format';
import { lineName, municipalitySeries, yearTotals, type ForecastMeasure } from '../forecast-figures';
import { formatMoney } from '../money';
import { DataTable } from '../../../components/data-table';
import { ForecastAssumptions } from './forecast-assumptions';
import { SeriesChart } from '../../../components/series-chart';

const MEASURES: ForecastMeasure[] = ['administration', 'total'];

/** A forecast: what it assumes, today's municipalities' shares over the years, and every year's table. */
export function ForecastView({ forecast }: { forecast: Forecast }) {
  const { t } = useTranslation();
  const [measure, setMeasure] = useState<ForecastMeasure>('administration');
  const figures = municipalitySeries(forecast, measure);
  const range = { from: figures.categories[0], to: figures.categories.at(-1) };

  return (
    <>
      <section className="section" aria-labelledby="forecast-assumes-title">
        <h2 id="forecast-assumes-title">{t('forecast.assumesTitle')}</h2>
        <ForecastAssumptions forecast={forecast} />
      </section>
      <section className="section" aria-labelledby="forecast-chart-title">
        <h2 id="forecast-chart-title">{t('forecast.chartSection')}</h2>
        <fieldset className="fieldset fieldset-plain">
          <legend className="field-label">{t('forecast.measure')}</legend>
          {MEASURES.map((m) => (
            <div key={m} className="field-radio">
              <input id={`forecast-measure-${m}`} type="radio" name="forecast-measure" value={m} checked={measure === m} onChange={() => setMeasure(m)} />
              <label htmlFor={`forecast-measure-${m}`}>{t(`forecast.measures.${m}`)}</label>
            </div>
          ))}
        </fieldset>
        <SeriesChart
          title={t(`forecast.chartTitle.${measure}`, range)}
          chart={{ kind: 'line', stacked: false, yAxisName: 'EUR', categories: figures.categories, series: figures.series }}
          table={{ categoryHeader: t('forecast.year'), columns: figures.series.map((s) => s.name), rows: figures.rows }}
          tableToggle={t('billing.chartTable')}
        />
      </section>
      <section className="section" aria-labelledby="forecast-years-title">
        <h2 id="forecast-years-title">{t('forecast.yearsTitle')}</h2>
        {forecast.years.map((year) => (
          <YearTable key={year.year} year={year} />
        ))}
      </section>
    </>
  );
}

function YearTable({ year }: { year: ForecastYear }) {
  const { t } = useTranslation();
  const totals = yearTotals(year);
  return (
    <section className="section" aria-labelledby={`forecast-year-${year.year}`}>
      <h3 id={`forecast-year-${year.year}`}>{year.year}</h3>
      <p>{t('forecast.yearSummary', { count: year.municipalities, users: formatNumber(year.totalUsers), pool: formatMoney(year.administrationPool) })}</p>
      <DataTable caption={t('forecast.yearCaption', { year: year.year })} className="table-compact">
        <thead>
          <tr>
            <th scope="col">{t('billing.municipality')}</th>
            <th scope="col" className="num">{t('forecast.users')}</th>
            <th scope="col" className="num">{t('billing.lineKinds.hosting')}</th>
            <th scope="col" className="num">{t('billing.lineKinds.administration')}</th>
            <th scope="col" className="num">{t('billing.total')}</th>
          </tr>
        </thead>
        <tbody>
          {year.lines.map((line, i) => (
            <tr key={line.tenantId ?? `new-${i}`}>
              <th scope="row">{lineName(t, line)}</th>
              <td className="num">{formatNumber(line.users)}</td>
              <td className="num">{formatMoney(line.hosting)}</td>
              <td className="num">{formatMoney(line.administration)}</td>
              <td className="num">{formatMoney(line.total)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('forecast.allMunicipalities')}</th>
            <td className="num">{formatNumber(year.totalUsers)}</td>
            <td className="num">{formatMoney(totals.hosting)}</td>
            <td className="num">{formatMoney(totals.administration)}</td>
            <td className="num">{formatMoney(totals.total)}</td>
          </tr>
        </tfoot>
      </DataTable>
    </section>
  );
}
