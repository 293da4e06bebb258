import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber, localName } from './locale.js';

describe('numbers and dates per language', () => {
  it('groups thousands and writes the decimal mark as each language does, keeping every digit', () => {
    expect(formatNumber('1234567.50', 'lv')).toBe('1\u00a0234\u00a0567,50');
    expect(formatNumber('1234567.50', 'en')).toBe('1,234,567.50');
    expect(formatNumber('-1000.5', 'lv')).toBe('-1\u00a0000,5');
    expect(formatNumber('-1000.5', 'en')).toBe('-1,000.5');
    expect(formatNumber('0.012345', 'en')).toBe('0.012345');
    expect(formatNumber('412', 'lv')).toBe('412');
  });

  it('writes dates the Latvian and the English way', () => {
    expect(formatDate('2026-11-02', 'lv')).toBe('02.11.2026.');
    expect(formatDate('2026-11-02', 'en')).toBe('2 November 2026');
  });
});

describe('localName', () => {
  it('gives the English variant only to an English reader, and the Latvian name otherwise', () => {
    expect(localName({ lv: 'Licences', en: 'Licences (EN)' }, 'en')).toBe('Licences (EN)');
    expect(localName({ lv: 'Licences', en: 'Licences (EN)' }, 'lv')).toBe('Licences');
    expect(localName({ lv: 'Licences', en: null }, 'en')).toBe('Licences');
    expect(localName({ lv: 'Licences', en: '' }, 'en')).toBe('Licences');
  });
});
