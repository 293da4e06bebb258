import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';
import { isApiError } from '../../../api/problem';
import { Loading } from '../../../components/loading';
import { PageHeading } from '../../../components/page-heading';
import { describeProblem } from '../../../messages';
import { RatingForm } from '../components/satisfaction-form';
import { answerSatisfaction, satisfactionLink } from '../queries';

/** Why a link does not work: an unknown or tampered one (404), or one already used (409). */
function linkProblem(t: (key: string) => string, error: unknown): string {
  if (isApiError(error) && error.status === 404) return t('satisfactionLink.invalid');
  if (isApiError(error) && error.status === 409) return t('satisfactionLink.used');
  return describeProblem(t as never, error).summary;
}

/**
 * Where a satisfaction mail's link leads (no sign-in): the score chosen in the mail is shown
 * chosen, and counts only when the person confirms it here — opening the link rates nothing, so a
 * mail scanner that follows links does not answer for them. The secret is after `#`.
 */
export function SatisfactionPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const token = location.hash.replace(/^#/, '');
  const chosen = Number(new URLSearchParams(location.search).get('score'));
  const initialRating = Number.isInteger(chosen) && chosen >= 1 && chosen <= 5 ? chosen : null;
  const [ticket, setTicket] = useState<{ number: string; subject: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(token.length < 20 ? t('satisfactionLink.invalid') : null);
  const [done, setDone] = useState(false);

  useEffect(() => {
    if (token.length < 20) return;
    satisfactionLink(token).then(setTicket, (error: unknown) => setProblem(linkProblem(t, error)));
  }, [token, t]);

  return (
    <div className="narrow">
      <PageHeading title={t('satisfactionLink.title')}>
        {ticket && <p className="lead">{t('satisfactionLink.about', { number: ticket.number, subject: ticket.subject })}</p>}
      </PageHeading>
      {problem && (
        <div className="message message-error" role="alert">
          <p className="message-title">
            <span className="message-icon" aria-hidden="true">!</span>
            <span className="visually-hidden">{t('common.errorPrefix')} </span>
            {problem}
          </p>
        </div>
      )}
      {!problem && !ticket && <Loading />}
      {done ? (
        <div className="message message-success" role="status" tabIndex={-1} ref={(el) => el?.focus()}>
          <p className="message-title">{t('satisfactionLink.thanks')}</p>
        </div>
      ) : (
        ticket &&
        !problem && (
          <>
            {initialRating !== null && <p>{t('satisfactionLink.confirm')}</p>}
            <RatingForm
              initialRating={initialRating}
              onRated={() => setDone(true)}
              send={async (rating, comment) => {
                try {
                  await answerSatisfaction(token, rating, comment);
                } catch (error) {
                  // A link spent meanwhile (another tab) is no field's fault: say so instead of the form.
                  if (isApiError(error) && (error.status === 404 || error.status === 409)) setProblem(linkProblem(t, error));
                  throw error;
                }
              }}
            />
          </>
        )
      )}
    </div>
  );
}
