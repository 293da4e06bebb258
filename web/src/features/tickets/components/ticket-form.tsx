import { localName } from '../../../local-name';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../api/problem';
import { todayIn } from '../../../business-minutes';
import { TICKET_CATEGORIES } from '../../../../../src/domain/desk/ticket';
import type { TicketCategory, TicketInput } from '../queries';
import { formatMinutes } from '../../../duration';
import { useFormErrors } from '../../../hooks/use-form-errors';
import { currentLanguage } from '../../../i18n';
import { PRIORITIES, type Priority } from '../../../roles';
import type { Tenant } from '../../municipalities/queries';
import { ErrorSummary } from '../../../components/error-summary';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../../components/fields';
import { ProblemMessage } from '../../../components/problem-message';
import { useServices, useSubscriptions } from '../../catalogue/queries';

/** The default targets in business minutes (an agreement may set others). */
export const DEFAULT_TARGETS: Record<Priority, { reaction: number; resolution: number }> = {
  P1: { reaction: 60, resolution: 480 },
  P2: { reaction: 120, resolution: 960 },
  P3: { reaction: 240, resolution: 2400 },
  P4: { reaction: 480, resolution: 4800 },
};

interface Props {
  /** Agency staff choose the municipality; municipality users open tickets for their own. */
  tenants: Tenant[] | null;
  ownTenantId: string | null;
  initialTenantId?: string;
  onSubmit: (input: TicketInput) => Promise<void>;
  onCancel: () => void;
}

const SUBJECT_MAX = 300;
const DESCRIPTION_MAX = 20_000;
const idOf = (field: string) => (field === 'priority' ? 'ticket-priority-P1' : `ticket-${field}`);

export function TicketForm({ tenants, ownTenantId, initialTenantId = '', onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const [tenantId, setTenantId] = useState(tenants ? initialTenantId : (ownTenantId ?? ''));
  const [serviceId, setServiceId] = useState('');
  const [priority, setPriority] = useState<Priority>('P3');
  const [category, setCategory] = useState<TicketCategory>('incident');
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [byPhone, setByPhone] = useState(false);
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const catalogue = useServices();
  const subscriptions = useSubscriptions(tenantId || undefined);

  const labels: Record<string, string> = {
    tenantId: t('ticket.municipality'),
    serviceId: t('ticket.service'),
    priority: t('ticket.priority'),
    category: t('ticket.category'),
    subject: t('ticket.subject'),
    description: t('ticket.description'),
    channel: t('ticket.phone'),
  };
  const err = form.message;

  const today = todayIn();
  const lang = currentLanguage();
  const serviceOptions = (tenantId ? (subscriptions.data ?? []) : [])
    .filter((s) => s.from <= today && (s.to === null || s.to >= today))
    .map((s) => catalogue.data?.find((x) => x.id === s.serviceId))
    .filter((s) => s !== undefined)
    .map((s) => ({ value: s.id, label: `${localName(s.name, lang)} (${s.code})` }))
    .sort((a, b) => a.label.localeCompare(b.label, lang));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (tenants && !tenantId) problems.push({ field: 'tenantId', message: t('validation.chooseTenant') });
    if (!subject.trim()) problems.push({ field: 'subject', message: t('validation.required') });
    else if (subject.trim().length > SUBJECT_MAX) problems.push({ field: 'subject', message: t('validation.maxLength', { count: SUBJECT_MAX }) });
    if (!description.trim()) problems.push({ field: 'description', message: t('validation.required') });
    else if (description.trim().length > DESCRIPTION_MAX) problems.push({ field: 'description', message: t('validation.maxLength', { count: DESCRIPTION_MAX }) });
    if (form.fromList(problems)) return;
    setBusy(true);
    try {
      await onSubmit({
        ...(tenants && { tenantId }),
        ...(serviceId && { serviceId }),
        priority,
        category,
        subject: subject.trim(),
        description: description.trim(),
        ...(tenants && byPhone && { channel: 'phone' as const }),
      });
    } catch (error) {
      form.fromError(error);
      setBusy(false);
    }
  };

  const priorityError = err('priority');
  const target = (minutes: number) => t('newTicket.targetValue', { time: formatMinutes(t, minutes), minutes });

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
      <ErrorSummary errors={form.errors} summaryRef={form.summaryRef} labels={labels} idOf={idOf} />
      <p className="muted">{t('form.requiredNote')}</p>
      <fieldset className="fieldset">
        <legend>{t('newTicket.what')}</legend>
        {tenants && (
          <SelectField
            id={idOf('tenantId')}
            label={labels.tenantId!}
            value={tenantId}
            onChange={(e) => {
              setTenantId(e.target.value);
              setServiceId('');
            }}
            error={err('tenantId')}
            options={[{ value: '', label: t('token.chooseTenant') }, ...[...tenants].sort((a, b) => a.name.localeCompare(b.name, 'lv')).map((x) => ({ value: x.id, label: x.name }))]}
          />
        )}
        <SelectField
          id={idOf('serviceId')}
          label={labels.serviceId!}
          optional
          hint={!tenantId ? t('newTicket.serviceFirstTenant') : subscriptions.loading || catalogue.loading ? t('newTicket.servicesLoading') : t('newTicket.serviceHint')}
          value={serviceId}
          onChange={(e) => setServiceId(e.target.value)}
          error={err('serviceId')}
          options={[{ value: '', label: t('newTicket.noService') }, ...serviceOptions]}
          disabled={!tenantId}
          aria-busy={subscriptions.loading || catalogue.loading}
        />
        {(subscriptions.error ?? catalogue.error) !== null && (
          <ProblemMessage
            error={subscriptions.error ?? catalogue.error}
            summary={t('newTicket.servicesFailed')}
            onRetry={() => {
              subscriptions.reload();
              catalogue.reload();
            }}
          />
        )}
        <SelectField
          id={idOf('category')}
          label={labels.category!}
          value={category}
          onChange={(e) => setCategory(e.target.value as TicketCategory)}
          error={err('category')}
          options={TICKET_CATEGORIES.map((c) => ({ value: c, label: `${t(`ticketCategory.${c}`)} — ${t(`ticketCategoryHint.${c}`)}` }))}
        />
        {tenants && (
          // Agency staff record a caller's request; the channel counts in the Regulation No. 399 report.
          <CheckboxField id={idOf('channel')} label={labels.channel!} hint={t('ticket.phoneHint')} checked={byPhone} onChange={(e) => setByPhone(e.target.checked)} error={err('channel')} />
        )}
      </fieldset>
      <fieldset className={`fieldset${priorityError ? ' field-invalid' : ''}`} aria-describedby={`ticket-priority-hint${priorityError ? ' ticket-priority-error' : ''}`}>
        <legend>{labels.priority}</legend>
        <p id="ticket-priority-hint" className="field-hint">
          {t('newTicket.priorityHint')}
        </p>
        {priorityError && (
          <p id="ticket-priority-error" className="field-error">
            <span className="visually-hidden">{t('common.errorPrefix')} </span>
            <span lang={priorityError.lang}>{priorityError.text}</span>
          </p>
        )}
        {PRIORITIES.map((p) => (
          <div key={p} className="field-radio">
            <input id={`ticket-priority-${p}`} type="radio" name="priority" value={p} checked={priority === p} onChange={() => setPriority(p)} aria-describedby={`ticket-priority-${p}-hint`} />
            <div>
              <label htmlFor={`ticket-priority-${p}`}>
                <strong>{p}</strong> — {t(`priority.${p}`)}
              </label>
              <p id={`ticket-priority-${p}-hint`} className="field-hint">
                {t(`newTicket.priorityWhen.${p}`)}{' '}
                {t('newTicket.targets', { reaction: target(DEFAULT_TARGETS[p].reaction), resolution: target(DEFAULT_TARGETS[p].resolution) })}
              </p>
            </div>
          </div>
        ))}
      </fieldset>
      <TextField
        id={idOf('subject')}
        label={labels.subject!}
        hint={t('newTicket.subjectHint')}
        value={subject}
        onChange={(e) => setSubject(e.target.value)}
        error={err('subject')}
        maxLength={SUBJECT_MAX}
      />
      <TextAreaField
        id={idOf('description')}
        label={labels.description!}
        hint={t('newTicket.descriptionHint')}
        rows={8}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        error={err('description')}
        maxLength={DESCRIPTION_MAX}
      />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : t('newTicket.submit')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
