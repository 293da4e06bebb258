import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../api/problem';
import { useForecastCalculation, type Forecast, type ForecastQuery } from '../queries';
import { useFormErrors } from '../../../hooks/use-form-errors';
import { fieldMessage } from '../../../messages';
import { MONTH } from '../money';
import { isWholeNumber } from '../../../validation';
import { ErrorSummary } from '../../../components/error-summary';
import { TextField } from '../../../components/fields';

/** The scenario as typed; field names are the API's query parameters, so its problems land on them. */
export interface ScenarioValues {
  baseMonth: string;
  years: string;
  newMunicipalitiesPerYear: string;
  newMunicipalityUsers: string;
  userGrowthPercent: string;
  tariffChangePercent: string;
  poolChangePercent: string;
}

type Field = keyof ScenarioValues;
const PERCENTS = ['userGrowthPercent', 'tariffChangePercent', 'poolChangePercent'] as const;
// A percentage with at most two decimals, comma or point, minus as typed or as a true minus sign.
const PERCENT = /^[-−]?\d{1,3}([.,]\d{1,2})?$/;
const MAX_USERS = 1_000_000;
const idOf = (field: string) => `forecast-${field}`;
const percentOf = (text: string) => Number(text.trim().replace('−', '-').replace(',', '.'));

export const DEFAULT_SCENARIO: Omit<ScenarioValues, 'baseMonth'> = {
  years: '5',
  newMunicipalitiesPerYear: '1',
  newMunicipalityUsers: '',
  userGrowthPercent: '0',
  tariffChangePercent: '0',
  poolChangePercent: '0',
};

function toQuery(v: ScenarioValues): ForecastQuery {
  return {
    ...(v.baseMonth.trim() && { baseMonth: v.baseMonth.trim() }),
    years: Number(v.years),
    newMunicipalitiesPerYear: Number(v.newMunicipalitiesPerYear),
    ...(v.newMunicipalityUsers.trim() && { newMunicipalityUsers: Number(v.newMunicipalityUsers) }),
    userGrowthPercent: percentOf(v.userGrowthPercent),
    tariffChangePercent: percentOf(v.tariffChangePercent),
    poolChangePercent: percentOf(v.poolChangePercent),
  };
}

interface Props {
  initial: ScenarioValues;
  onResult: (forecast: Forecast) => void;
  onBusy: (busy: boolean) => void;
}

/** Finance describes a scenario; the forecast for it is computed on the server (and once on arrival). */
export function ForecastForm({ initial, onResult, onBusy }: Props) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const calculate = useForecastCalculation();
  const pending = useRef<AbortController | null>(null);
  const labels: Record<Field, string> = {
    baseMonth: t('forecast.baseMonth'),
    years: t('forecast.years'),
    newMunicipalitiesPerYear: t('forecast.newPerYear'),
    newMunicipalityUsers: t('forecast.newUsers'),
    userGrowthPercent: t('forecast.userGrowth'),
    tariffChangePercent: t('forecast.tariffChange'),
    poolChangePercent: t('forecast.poolChange'),
  };
  const set = (field: Field) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));
  const err = (field: Field) => {
    const text = form.errors.fields[field];
    return text ? fieldMessage(t, text, form.errors.local) : null;
  };

  const problems = (v: ScenarioValues): FieldError[] => {
    const list: FieldError[] = [];
    if (v.baseMonth.trim() && !MONTH.test(v.baseMonth.trim())) list.push({ field: 'baseMonth', message: t('billing.monthInvalid') });
    if (!isWholeNumber(v.years, 1, 10)) list.push({ field: 'years', message: t('forecast.yearsInvalid') });
    if (!isWholeNumber(v.newMunicipalitiesPerYear, 0, 50)) list.push({ field: 'newMunicipalitiesPerYear', message: t('forecast.newPerYearInvalid') });
    if (v.newMunicipalityUsers.trim() && !isWholeNumber(v.newMunicipalityUsers, 1, MAX_USERS)) list.push({ field: 'newMunicipalityUsers', message: t('forecast.newUsersInvalid') });
    for (const field of PERCENTS) {
      const ok = PERCENT.test(v[field].trim()) && percentOf(v[field]) >= -50 && percentOf(v[field]) <= 100;
      if (!ok) list.push({ field, message: t('forecast.percentInvalid') });
    }
    return list;
  };

  const run = async (v: ScenarioValues) => {
    if (form.fromList(problems(v))) return;
    pending.current?.abort();
    const controller = new AbortController();
    pending.current = controller;
    setBusy(true);
    onBusy(true);
    try {
      const forecast = await calculate(toQuery(v));
      // A scenario asked for since then wins, whichever answer arrives last.
      if (controller.signal.aborted) return;
      form.clear();
      onResult(forecast);
    } catch (error) {
      if (!controller.signal.aborted) form.fromError(error);
    } finally {
      if (pending.current === controller) {
        pending.current = null;
        setBusy(false);
        onBusy(false);
      }
    }
  };

  // The default scenario is shown on arrival, so the page is never empty.
  useEffect(() => {
    void run(initial);
    return () => pending.current?.abort();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(values);
  };

  const field = (name: Field, extra: { label?: string; hint?: string; optional?: boolean; inputMode?: 'numeric' | 'decimal'; type?: string; describedByExtra?: string }) => (
    <TextField key={name} id={idOf(name)} label={labels[name]} value={values[name]} onChange={set(name)} error={err(name)} {...extra} />
  );

  return (
    <form className="form card" onSubmit={submit} noValidate aria-busy={busy} aria-labelledby="forecast-form-title">
      <h2 id="forecast-form-title">{t('forecast.scenarioTitle')}</h2>
      <ErrorSummary errors={form.errors} summaryRef={form.summaryRef} labels={labels} idOf={idOf} />
      <div className="field-row">
        {field('baseMonth', { type: 'month', optional: true, hint: t('forecast.baseMonthHint') })}
        {field('years', { inputMode: 'numeric', hint: t('forecast.yearsHint') })}
      </div>
      <div className="field-row">
        {field('newMunicipalitiesPerYear', { inputMode: 'numeric', hint: t('forecast.newPerYearHint') })}
        {field('newMunicipalityUsers', { inputMode: 'numeric', optional: true, hint: t('forecast.newUsersHint') })}
      </div>
      <fieldset className="fieldset fieldset-plain">
        <legend className="field-label">{t('forecast.changesLegend')}</legend>
        <p id="forecast-percent-hint" className="field-hint">
          {t('forecast.percentHint')}
        </p>
        <div className="field-row">
          {PERCENTS.map((name) => field(name, { label: t(`forecast.changeOf.${name}`), inputMode: 'decimal', describedByExtra: 'forecast-percent-hint' }))}
        </div>
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.working') : t('forecast.calculate')}
        </button>
      </div>
    </form>
  );
}
