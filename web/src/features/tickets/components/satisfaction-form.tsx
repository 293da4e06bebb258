import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useRateTicket, type Satisfaction } from '../queries';
import { formatInstant } from '../../../format';
import { useFormErrors } from '../../../hooks/use-form-errors';
import { ErrorSummary } from '../../../components/error-summary';
import { TextAreaField } from '../../../components/fields';

const RATINGS = [1, 2, 3, 4, 5] as const;
const idOf = (field: string) => (field === 'rating' ? 'rating-1' : `rating-${field}`);

/** The signed-in reporter rates their resolved ticket once. */
export function SatisfactionForm({ ticketId, onRated }: { ticketId: string; onRated: () => void }) {
  const rate = useRateTicket(ticketId);
  return <RatingForm send={async (rating, comment) => void (await rate.mutateAsync({ rating, comment }))} onRated={onRated} />;
}

/**
 * A rating: a radio group 1–5 and an optional comment. `initialRating` is the score chosen in
 * the satisfaction mail, shown chosen so that the person only confirms it.
 */
export function RatingForm({ send, onRated, initialRating = null }: { send: (rating: number, comment: string | null) => Promise<void>; onRated: () => void; initialRating?: number | null }) {
  const { t } = useTranslation();
  const [rating, setRating] = useState<number | null>(initialRating);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const labels = { rating: t('satisfaction.question'), comment: t('satisfaction.comment') };
  const err = form.message;
  const ratingError = err('rating');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (form.fromList(rating === null ? [{ field: 'rating', message: t('satisfaction.chooseRating') }] : [])) return;
    setBusy(true);
    try {
      await send(rating!, comment.trim() || null);
      onRated();
    } catch (error) {
      form.fromError(error);
      setBusy(false);
    }
  };

  return (
    <form className="form card" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
      <ErrorSummary errors={form.errors} summaryRef={form.summaryRef} labels={labels} idOf={idOf} />
      <fieldset className={`fieldset fieldset-plain${ratingError ? ' field-invalid' : ''}`} aria-describedby={ratingError ? 'rating-error' : undefined}>
        <legend className="field-label">{labels.rating}</legend>
        {ratingError && (
          <p id="rating-error" className="field-error">
            <span className="visually-hidden">{t('common.errorPrefix')} </span>
            <span lang={ratingError.lang}>{ratingError.text}</span>
          </p>
        )}
        <div className="rating-options">
          {RATINGS.map((value) => (
            <div key={value} className="field-radio">
              <input id={`rating-${value}`} type="radio" name="rating" value={value} checked={rating === value} onChange={() => setRating(value)} />
              <label htmlFor={`rating-${value}`}>{t(`satisfaction.scale.${value}`)}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <TextAreaField id={idOf('comment')} label={labels.comment} optional value={comment} onChange={(e) => setComment(e.target.value)} error={err('comment')} maxLength={2000} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : t('satisfaction.submit')}
        </button>
      </div>
    </form>
  );
}

/** A given rating in words, with stars as a decoration. */
export function SatisfactionView({ satisfaction, focus = false }: { satisfaction: Satisfaction; focus?: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  // Right after rating, the form is replaced by this: focus it so the answer is read out.
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <div className="rating-given" ref={ref} tabIndex={-1}>
      <p>
        <span className="stars" aria-hidden="true">
          {'★'.repeat(satisfaction.rating)}
          {'☆'.repeat(5 - satisfaction.rating)}
        </span>{' '}
        <strong>{t('satisfaction.given', { rating: satisfaction.rating })}</strong> <span className="muted">({t(`satisfaction.scale.${satisfaction.rating}`)})</span>
      </p>
      {satisfaction.comment && <p className="prose-text">{satisfaction.comment}</p>}
      <p className="muted">{t('satisfaction.ratedAt', { date: formatInstant(satisfaction.ratedAt) })}</p>
    </div>
  );
}
