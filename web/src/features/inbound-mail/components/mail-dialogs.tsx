import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/problem';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { SelectField, TextField } from '../../../components/fields';
import { fieldMessage, type Text } from '../../../messages';
import { localName } from '../../../local-name';
import { PRIORITIES } from '../../../roles';
import { useServices } from '../../catalogue/queries';
import { useTenants } from '../../municipalities/queries';
import { useTenantUsers } from '../../users/queries';
import { ticketByNumber, useAttachMail, useOpenTicketFromMail, type InboundMail } from '../queries';

type FieldTexts = Record<string, Text>;

/** Puts the server's field errors beside their fields, then lets the dialog show the summary. */
function useFieldErrors() {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<FieldTexts>({});
  const capture = (error: unknown): never => {
    if (isApiError(error)) setErrors(Object.fromEntries(error.errors.map((e) => [e.field, fieldMessage(t, e, false)])));
    throw error;
  };
  return { errors, setErrors, capture };
}

interface DialogProps {
  mail: InboundMail | null;
  subject: string;
  onClose: () => void;
  onDone: (text: string) => void;
}

/** Adds the mail to a ticket the desk person names by its number, as its sender's public comment. */
export function AttachMailDialog({ mail, subject, onClose, onDone }: DialogProps) {
  const { t } = useTranslation();
  const id = useId();
  const attach = useAttachMail();
  const [number, setNumber] = useState('');
  const { errors, setErrors, capture } = useFieldErrors();

  const confirm = async () => {
    setErrors({});
    const wanted = number.trim().replace(/^#/, '');
    const ticket = /^[0-9]{1,15}$/.test(wanted) ? await ticketByNumber(wanted) : null;
    if (!ticket) {
      const text = { text: t('inboundMail.noSuchTicket') };
      setErrors({ ticketId: text });
      throw new Error(text.text);
    }
    const handled = await attach.mutateAsync({ id: mail!.id, ticketId: ticket.id }).catch(capture);
    onDone(t('inboundMail.attached', { subject, number: ticket.number, refused: handled.refusedAttachments }));
  };

  return (
    <ConfirmDialog open={mail !== null} title={t('inboundMail.attachTitle', { subject })} confirmLabel={t('inboundMail.attach')} onConfirm={confirm} onClose={onClose} danger={false} initialFocus="body">
      <p>{t('inboundMail.attachExplain', { from: mail?.fromAddress ?? '' })}</p>
      <TextField id={`${id}-number`} label={t('inboundMail.ticketNumber')} inputMode="numeric" autoComplete="off" value={number} onChange={(e) => setNumber(e.target.value)} error={errors.ticketId ?? null} />
    </ConfirmDialog>
  );
}

/** Opens an e-mail ticket from the mail on a municipality the desk person chooses, for one of its people or the mail's address. */
export function OpenTicketDialog({ mail, subject, onClose, onDone }: DialogProps) {
  const { t } = useTranslation();
  const id = useId();
  const open = useOpenTicketFromMail();
  const tenants = useTenants(mail !== null);
  const services = useServices();
  const [tenantId, setTenantId] = useState('');
  const [priority, setPriority] = useState('P3');
  const [serviceId, setServiceId] = useState('');
  const [reporterUserId, setReporterUserId] = useState('');
  const people = useTenantUsers(tenantId, tenantId !== '');
  const { errors, setErrors, capture } = useFieldErrors();

  const confirm = async () => {
    setErrors({});
    if (!tenantId) {
      const text = { text: t('fieldErrors.required') };
      setErrors({ tenantId: text });
      throw new Error(text.text);
    }
    const input = { tenantId, priority: priority as (typeof PRIORITIES)[number], ...(serviceId && { serviceId }), ...(reporterUserId && { reporterUserId }) };
    const handled = await open.mutateAsync({ id: mail!.id, input }).catch(capture);
    onDone(t('inboundMail.opened', { subject, refused: handled.refusedAttachments }));
  };

  const none = { value: '', label: t('inboundMail.choose') };
  return (
    <ConfirmDialog open={mail !== null} title={t('inboundMail.openTitle', { subject })} confirmLabel={t('inboundMail.openTicket')} onConfirm={confirm} onClose={onClose} danger={false} initialFocus="body">
      <SelectField
        id={`${id}-tenant`}
        label={t('inboundMail.municipality')}
        value={tenantId}
        onChange={(e) => {
          setTenantId(e.target.value);
          setReporterUserId('');
        }}
        options={[none, ...(tenants.data ?? []).map((m) => ({ value: m.id, label: m.name }))]}
        error={errors.tenantId ?? null}
      />
      <SelectField
        id={`${id}-reporter`}
        label={t('inboundMail.reporter')}
        hint={t('inboundMail.reporterHint', { from: mail?.fromAddress ?? '' })}
        optional
        disabled={tenantId === ''}
        value={reporterUserId}
        onChange={(e) => setReporterUserId(e.target.value)}
        options={[{ value: '', label: mail?.fromAddress ?? '' }, ...(people.data ?? []).filter((p) => p.active).map((p) => ({ value: p.id, label: `${p.name} (${p.email})` }))]}
        error={errors.reporterUserId ?? null}
      />
      <SelectField id={`${id}-priority`} label={t('inboundMail.priority')} value={priority} onChange={(e) => setPriority(e.target.value)} options={PRIORITIES.map((p) => ({ value: p, label: `${p} — ${t(`priority.${p}`)}` }))} error={errors.priority ?? null} />
      <SelectField
        id={`${id}-service`}
        label={t('inboundMail.service')}
        optional
        value={serviceId}
        onChange={(e) => setServiceId(e.target.value)}
        options={[{ value: '', label: t('inboundMail.noService') }, ...(services.data ?? []).map((s) => ({ value: s.id, label: localName(s.name) }))]}
        error={errors.serviceId ?? null}
      />
    </ConfirmDialog>
  );
}
