import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dayFingerprint } from './status-days.js';

const sha = (text: string) => createHash('sha256').update(text).digest('base64url');
const day = { date: '2026-11-19', start: Date.parse('2026-11-18T22:00:00Z'), end: Date.parse('2026-11-19T22:00:00Z') };
const window = { start: day.start + 3_600_000, end: day.start + 7_200_000, announcedAt: day.start - 86_400_000 };

// The kept days' fingerprints are stored: each must stay the digest of its text, however often it is asked for (its digest is kept per process).
describe('dayFingerprint', () => {
  it('is the digest of the date, the speakers and the windows touching the day, each time it is asked', () => {
    for (let i = 0; i < 3; i++) {
      expect(dayFingerprint('speakers-a', [], day)).toBe(sha(`v2|2026-11-19|speakers-a`));
      expect(dayFingerprint('speakers-b', [], day)).toBe(sha(`v2|2026-11-19|speakers-b`));
      expect(dayFingerprint('speakers-a', [window], day)).toBe(sha(`v2|2026-11-19|speakers-a\nw${window.start}-${window.end}@${window.announcedAt}`));
      expect(dayFingerprint('speakers-a', [{ ...window, announcedAt: window.announcedAt + 1 }], day)).toBe(sha(`v2|2026-11-19|speakers-a\nw${window.start}-${window.end}@${window.announcedAt + 1}`));
      expect(dayFingerprint('speakers-a', [], { ...day, date: '2026-11-20' })).toBe(sha(`v2|2026-11-20|speakers-a`));
    }
  });

  it('stays the digest of its text after more texts than it keeps', () => {
    for (let i = 0; i < 60_000; i++) dayFingerprint(`many-${i}`, [], day);
    expect(dayFingerprint('many-59999', [], day)).toBe(sha(`v2|2026-11-19|many-59999`));
    expect(dayFingerprint('many-0', [], day)).toBe(sha(`v2|2026-11-19|many-0`));
  });
});
