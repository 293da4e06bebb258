import { describe, expect, it } from 'vitest';
import { formatDuration, formatMinutes, formatPercent } from './figures.js';

describe('figures as pages and PDFs write them', () => {
  it('writes durations in hours and minutes, seconds only under a minute', () => {
    expect(formatDuration(716 * 3600 + 15 * 60, 'lv')).toBe('716 st. 15 min');
    expect(formatDuration(716 * 3600 + 15 * 60, 'en')).toBe('716 h 15 min');
    expect(formatDuration(3600, 'lv')).toBe('1 st.');
    expect(formatDuration(600, 'en')).toBe('10 min');
    expect(formatDuration(45, 'lv')).toBe('45 s');
    expect(formatDuration(0, 'lv')).toBe('0 min');
    expect(formatMinutes(1234 * 60 + 5, 'lv')).toBe('1\u00a0234 st. 5 min');
    expect(formatMinutes(1234 * 60, 'en')).toBe('1,234 h');
  });

  it('writes percentages without trailing zeros, with the language’s comma and sign', () => {
    expect(formatPercent(97, 'lv')).toBe('97 %');
    expect(formatPercent(97, 'en')).toBe('97%');
    expect(formatPercent(99.86543, 'lv')).toBe('99,865 %');
    expect(formatPercent(99.86543, 'en')).toBe('99.865%');
    expect(formatPercent(99.9996, 'lv')).toBe('100 %');
    expect(formatPercent(12.5, 'lv', 1)).toBe('12,5 %');
  });
});
