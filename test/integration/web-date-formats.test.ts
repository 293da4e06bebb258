import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dateFormat } from '../../web/src/date-formats.js';

/**
 * The UI's date formatters are made once per locale and options (web/src/date-formats.ts): making
 * one per call was the monitors page's largest script cost in Chromium (ADR 0026). Counted by
 * wrapping the real constructor, so the formatting itself stays Intl's.
 */
describe('the UI date formatters', () => {
  const Real = Intl.DateTimeFormat;
  let made = 0;
  beforeEach(() => {
    made = 0;
    const Counting = function (this: unknown, ...args: ConstructorParameters<typeof Real>) {
      made++;
      return new Real(...args);
    } as unknown as typeof Intl.DateTimeFormat;
    Intl.DateTimeFormat = Counting;
  });
  afterEach(() => {
    Intl.DateTimeFormat = Real;
  });

  it('makes one formatter for a page of rows, and one more per other locale or options', () => {
    const options: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Riga' };
    const texts = Array.from({ length: 50 }, (_, i) => dateFormat('lv-LV', { ...options }).format(new Date(Date.UTC(2026, 11, 6, 12, i))));
    expect(made).toBe(1);
    expect(texts[0]).toBe(new Real('lv-LV', options).format(new Date(Date.UTC(2026, 11, 6, 12, 0))));
    // Another locale or other options are another formatter, never the first one's output.
    const noon = new Date(Date.UTC(2026, 11, 6, 12, 0));
    expect(dateFormat('en-GB', options).format(noon)).toBe(new Real('en-GB', options).format(noon));
    expect(dateFormat('en-GB', options).format(noon)).not.toBe(texts[0]);
    expect(dateFormat('lv-LV', { ...options, timeZone: 'UTC' }).format(noon)).toBe(new Real('lv-LV', { ...options, timeZone: 'UTC' }).format(noon));
    expect(dateFormat('lv-LV', { ...options, timeZone: 'UTC' }).format(noon)).not.toBe(texts[0]);
    expect(made).toBe(3);
  });
});
