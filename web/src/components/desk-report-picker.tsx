import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MONTH } from '../business-minutes';
import type { Tenant } from '../features/municipalities/queries';
import { SelectField, TextField } from './fields';

interface Props {
  /** Agency staff may switch municipality; null for municipality roles. */
  tenants: Tenant[] | null;
  tenantId: string;
  month: string;
  onShow: (tenantId: string, month: string) => void;
}

/** Which municipality and month the desk report shows. */
export function DeskReportPicker({ tenants, tenantId, month, onShow }: Props) {
  const { t } = useTranslation();
  const [tenant, setTenant] = useState(tenantId);
  const [value, setValue] = useState(month);
  const [problems, setProblems] = useState<{ tenant?: string; month?: string }>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = {
      ...(tenants && !tenant && { tenant: t('validation.chooseTenant') }),
      ...(!MONTH.test(value.trim()) && { month: t('validation.month') }),
    };
    setProblems(next);
    if (next.tenant) document.getElementById('report-tenant')?.focus();
    else if (next.month) document.getElementById('report-month')?.focus();
    else onShow(tenant, value.trim());
  };

  return (
    <form className="card filters" onSubmit={submit} noValidate aria-labelledby="report-picker-title">
      <h2 id="report-picker-title" className="h3">
        {t('deskReport.choose')}
      </h2>
      <div className="field-row">
        {tenants && (
          <SelectField
            id="report-tenant"
            label={t('ticket.municipality')}
            value={tenant}
            onChange={(e) => setTenant(e.target.value)}
            error={problems.tenant ? { text: problems.tenant } : null}
            options={[{ value: '', label: t('token.chooseTenant') }, ...[...tenants].sort((a, b) => a.name.localeCompare(b.name, 'lv')).map((x) => ({ value: x.id, label: x.name }))]}
          />
        )}
        <TextField
          id="report-month"
          label={t('deskReport.month')}
          type="month"
          hint={t('deskReport.monthHint')}
          placeholder="2026-11"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          error={problems.month ? { text: problems.month } : null}
          className="field-short"
        />
      </div>
      {(problems.tenant || problems.month) && (
        <p role="alert" className="visually-hidden">
          {[problems.tenant, problems.month].filter(Boolean).join(' ')}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button button-primary">
          {t('deskReport.show')}
        </button>
      </div>
    </form>
  );
}
