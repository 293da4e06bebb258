import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHAIN_PROBLEMS } from '../domain/audit.js';
import { AUDIT_ACTIONS } from '../domain/audit-actions.js';
import { FIELD_ERROR_CODES, PROBLEM_REASONS } from '../domain/errors.js';

/** Every code the server declares has words in both UI languages, and no locale keeps words for a code that is gone. */
const locales = ['lv', 'en'].map((lang) => ({
  lang,
  texts: JSON.parse(readFileSync(new URL(`../../web/src/i18n/${lang}.json`, import.meta.url), 'utf8')) as Record<string, Record<string, unknown>>,
}));

describe.each(locales)('$lang locale', ({ texts }) => {
  it('words every field-error code, and only those', () => {
    expect(Object.keys(texts.fieldErrors ?? {}).sort()).toEqual([...FIELD_ERROR_CODES].sort());
  });

  it('words every problem reason, and only those', () => {
    expect(Object.keys(texts.problemReasons ?? {}).sort()).toEqual([...PROBLEM_REASONS].sort());
  });

  it('words every problem code the UI tells apart', () => {
    // The coarse codes are worded by status in web/src/messages.ts; these are the keys it uses.
    for (const key of ['validation', 'unauthenticated', 'forbidden', 'notFound', 'conflict', 'invalidState', 'throttled', 'tenantSuspended', 'tenantOffboarded', 'databaseUnavailable', 'server']) {
      expect(texts.errors?.[key], key).toEqual(expect.any(String));
    }
  });

  it('words every problem a check of the audit chain can find, and only those', () => {
    expect(Object.keys((texts.audit?.chainProblems ?? {}) as object).sort()).toEqual([...CHAIN_PROBLEMS].sort());
  });

  it('words every audit action the server records, and only those', () => {
    expect(Object.keys((texts.audit?.actions ?? {}) as object).sort()).toEqual([...AUDIT_ACTIONS].sort());
  });

  it('keeps no slugged English sentences as keys', () => {
    expect(texts.serverErrors).toBeUndefined();
  });
});
