import { useTranslation } from 'react-i18next';
import type { Forecast } from '../queries';
import { formatNumber } from '../../../format';
import { joiningUsers } from '../forecast-figures';
import { formatDecimal, formatMoney } from '../money';

/** What the forecast assumes, in words, from the scenario and base the server actually used. */
export function ForecastAssumptions({ forecast }: { forecast: Forecast }) {
  const { t } = useTranslation();
  const { scenario, base } = forecast;
  const percent = (value: number) => formatDecimal(String(value));
  const users = joiningUsers(forecast);
  return (
    <ul>
      <li>
        {t('forecast.assumeBase', {
          month: forecast.baseMonth,
          count: base.municipalities,
          users: formatNumber(base.users),
          hosting: formatMoney(base.monthlyHosting),
          pool: formatMoney(base.monthlyPool),
        })}
      </li>
      <li>
        {scenario.newMunicipalitiesPerYear === 0 || users === null
          ? t('forecast.assumeNoneJoin')
          : t(scenario.newMunicipalityUsers === undefined ? 'forecast.assumeJoinMedian' : 'forecast.assumeJoin', { count: scenario.newMunicipalitiesPerYear, users: formatNumber(users) })}
      </li>
      <li>{t('forecast.assumeGrowth', { users: percent(scenario.userGrowthPercent), tariffs: percent(scenario.tariffChangePercent), pool: percent(scenario.poolChangePercent) })}</li>
      <li>{t('forecast.assumeRules')}</li>
    </ul>
  );
}
