import type { TFunction } from 'i18next';
import { isApiError, problemCode, type ApiError, type FieldError } from './api/problem';

export interface Text {
  text: string;
  /** Set when the text stays in the server's language (English) and not the UI's. */
  lang?: string;
}

/**
 * A field error in the reader's language: the server's code and params worded by the UI. A code
 * this UI does not know yet (a newer server) falls back to the server's English, marked so.
 */
export function fieldMessage(t: TFunction, error: FieldError, local: boolean): Text {
  if (local || !error.code) return local ? { text: error.message } : { text: error.message, lang: 'en' };
  const translated = t(`fieldErrors.${error.code}`, { ...error.params, defaultValue: '' });
  return translated ? { text: translated } : { text: error.message, lang: 'en' };
}

/** The problem's detail worded from its reason; the server's English when there is none or it is unknown. */
function problemDetail(t: TFunction, error: ApiError): Text | null {
  if (error.reason) {
    const translated = t(`problemReasons.${error.reason.reason}`, { ...error.reason.params, defaultValue: '' });
    if (translated) return { text: translated };
  }
  return error.detail ? { text: error.detail, lang: 'en' } : null;
}

/** A short translated sentence for a failed request, plus the server's own detail when useful. */
export function describeProblem(t: TFunction, error: unknown): { summary: string; detail: Text | null } {
  if (!isApiError(error)) {
    return { summary: t('errors.unexpected'), detail: error instanceof Error && error.message ? { text: error.message, lang: 'en' } : null };
  }
  const detail = problemDetail(t, error);
  switch (error.status) {
    case 0:
      return { summary: t('errors.network'), detail: null };
    case 400:
      return { summary: t('errors.validation'), detail: error.errors.length > 0 ? null : detail };
    case 401:
      return { summary: t(problemCode(error) === 'tenant_offboarded' ? 'errors.tenantOffboarded' : 'errors.unauthenticated'), detail: null };
    case 403:
      // A suspended municipality's write: the reason is known, so say it in the reader's language.
      if (problemCode(error) === 'tenant_suspended') return { summary: t('errors.tenantSuspended'), detail: null };
      return { summary: t('errors.forbidden'), detail };
    case 404:
      return { summary: t('errors.notFound'), detail: null };
    case 409:
      // A conflict with another record, or a request the data does not allow yet (a month with nothing to bill).
      return { summary: t(error.type.endsWith('/invalid_state') ? 'errors.invalidState' : 'errors.conflict'), detail };
    case 413:
      return { summary: t('errors.tooLarge'), detail: null };
    case 429:
      return {
        summary: error.retryAfter ? t('errors.throttledWait', { minutes: Math.max(1, Math.ceil(error.retryAfter / 60)) }) : t('errors.throttled'),
        detail: null,
      };
    case 503:
      // The database is away for a moment (a restart or failover); the server answers again by itself.
      if (problemCode(error) === 'database_unavailable') return { summary: t('errors.databaseUnavailable'), detail: null };
      return { summary: t('errors.server'), detail };
    default:
      return { summary: error.status >= 500 ? t('errors.server') : t('errors.unexpected'), detail };
  }
}
