import type { TFunction } from 'i18next';
import type { Forecast, ForecastLine, ForecastYear } from './queries';
import { formatMoney, sumMoney } from './money';

export type ForecastMeasure = 'administration' | 'total';

/** A line's name in the UI language: a municipality expected to join is named by its year and number. */
export function lineName(t: TFunction, line: ForecastLine): string {
  return line.joining ? t('forecast.newMunicipality', { label: `${line.joining.year}-${line.joining.number}` }) : line.name;
}

/** Users of each joining municipality, as the forecast used them (given, or the median of today's). */
export function joiningUsers(forecast: Forecast): number | null {
  return forecast.years[0]?.lines.find((l) => l.tenantId === null)?.users ?? null;
}

/** The year's hosting, administration and total over all municipalities, added in integer cents. */
export function yearTotals(year: ForecastYear): { hosting: string; administration: string; total: string } {
  return {
    hosting: sumMoney(year.lines.map((l) => l.hosting)),
    administration: sumMoney(year.lines.map((l) => l.administration)),
    total: sumMoney(year.lines.map((l) => l.total)),
  };
}

/**
 * One series per municipality that exists today, year by year: its administration share or its
 * total. Those joining later are left out, so each line shows today's members' share falling.
 */
export function municipalitySeries(forecast: Forecast, measure: ForecastMeasure) {
  const members = (forecast.years[0]?.lines ?? []).filter((l) => l.tenantId !== null);
  const amountOf = (year: ForecastYear, tenantId: string | null) => year.lines.find((l) => l.tenantId === tenantId)?.[measure] ?? null;
  return {
    categories: forecast.years.map((y) => String(y.year)),
    // Floats for drawing the lines only; the table shows the exact strings. A year without the
    // municipality's figure is a gap in its line, as the table's "—", not a fall to zero.
    series: members.map((m) => ({ name: m.name, values: forecast.years.map((y) => { const amount = amountOf(y, m.tenantId); return amount === null ? null : Number(amount); }) })),
    rows: forecast.years.map((y) => members.map((m) => {
      const amount = amountOf(y, m.tenantId);
      return amount === null ? '—' : formatMoney(amount);
    })),
  };
}
