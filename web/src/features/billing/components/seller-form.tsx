import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../api/problem';
import { useSaveSeller, type Seller } from '../queries';
import { useFormErrors } from '../../../hooks/use-form-errors';
import { ErrorSummary } from '../../../components/error-summary';
import { TextField } from '../../../components/fields';

const idOf = (field: string) => `seller-${field.replace('.', '-')}`;
type Values = Record<'name' | 'registrationNumber' | 'vatNumber' | 'address.street' | 'address.city' | 'address.postalCode' | 'address.country' | 'iban' | 'bic' | 'email' | 'paymentTermsDays' | 'invoiceSeries', string>;
const OPTIONAL = new Set(['vatNumber', 'bic', 'email']);

function toValues(s: Seller): Values {
  return {
    name: s.name,
    registrationNumber: s.registrationNumber,
    vatNumber: s.vatNumber ?? '',
    'address.street': s.address.street,
    'address.city': s.address.city,
    'address.postalCode': s.address.postalCode,
    'address.country': s.address.country,
    iban: s.iban,
    bic: s.bic ?? '',
    email: s.email ?? '',
    paymentTermsDays: String(s.paymentTermsDays),
    invoiceSeries: s.invoiceSeries,
  };
}

/** The agency's details as seller on every invoice (operator, finance). */
export function SellerForm({ seller, readOnly, onSaved }: { seller: Seller; readOnly: boolean; onSaved: (s: Seller) => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Values>(() => toValues(seller));
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const save = useSaveSeller();
  const fields = Object.keys(values) as (keyof Values)[];
  const labels = Object.fromEntries(fields.map((f) => [f, t(`seller.${f}`)]));
  const err = form.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: FieldError[] = fields.filter((f) => !OPTIONAL.has(f) && !values[f].trim()).map((f) => ({ field: f, message: t('validation.required') }));
    if (!/^\d{11}$/.test(values.registrationNumber.trim())) problems.push({ field: 'registrationNumber', message: t('seller.registrationInvalid') });
    if (!/^\d+$/.test(values.paymentTermsDays.trim())) problems.push({ field: 'paymentTermsDays', message: t('seller.termsInvalid') });
    if (form.fromList(problems)) return;
    setBusy(true);
    const v = (f: keyof Values) => values[f].trim();
    try {
      const saved = await save.mutateAsync({
        name: v('name'),
        registrationNumber: v('registrationNumber'),
        vatNumber: v('vatNumber') || null,
        address: { street: v('address.street'), city: v('address.city'), postalCode: v('address.postalCode'), country: v('address.country') },
        iban: v('iban').replace(/\s+/g, ''),
        bic: v('bic') || null,
        email: v('email') || null,
        paymentTermsDays: Number(v('paymentTermsDays')),
        invoiceSeries: v('invoiceSeries'),
      });
      form.clear();
      onSaved(saved);
    } catch (error) {
      form.fromError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form card" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy} aria-label={t('seller.title')}>
      <ErrorSummary errors={form.errors} summaryRef={form.summaryRef} labels={labels} idOf={idOf} />
      {fields.map((f) => (
        <TextField
          key={f}
          id={idOf(f)}
          label={labels[f]!}
          optional={OPTIONAL.has(f)}
          value={values[f]}
          readOnly={readOnly}
          inputMode={f === 'paymentTermsDays' ? 'numeric' : undefined}
          type={f === 'email' ? 'email' : 'text'}
          onChange={(e) => setValues((old) => ({ ...old, [f]: e.target.value }))}
          error={err(f)}
        />
      ))}
      {!readOnly && (
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('common.working') : t('common.save')}
          </button>
        </div>
      )}
    </form>
  );
}
