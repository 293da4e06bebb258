import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The UI loads only the chosen language's messages and has no fallback language (ADR 0026), so a
// key missing from one catalogue would show as the key itself: each must hold every key of the other.
const catalogue = (locale: string) => JSON.parse(readFileSync(new URL(`../../web/src/i18n/${locale}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
const keys = (o: Record<string, unknown>, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
// Latvian has a plural form for zero (and for numbers ending in 0) that English does not: i18next
// asks English for `_other` where Latvian has `_zero`.
const plural = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

describe('the message catalogues', () => {
  it('hold the same messages in Latvian and English', () => {
    const lv = keys(catalogue('lv'));
    const en = keys(catalogue('en'));
    const enWords = new Set(en.map(plural));
    const lvWords = new Set(lv.map(plural));
    expect(lv.filter((k) => !enWords.has(plural(k)))).toEqual([]);
    expect(en.filter((k) => !lvWords.has(plural(k)))).toEqual([]);
    expect(lv.filter((k) => !k.endsWith('_zero') && !new Set(en).has(k))).toEqual([]);
  });

  it('name each language as its speakers do, in both', () => {
    // The language switch names both languages from the catalogue shown: the other is not loaded.
    expect(catalogue('lv').language).toMatchObject({ name: { lv: 'Latviešu', en: 'English' } });
    expect(catalogue('en').language).toMatchObject({ name: { lv: 'Latviešu', en: 'English' } });
  });
});
