import { describe, expect, it } from 'vitest';
import { reportNotice } from './report-notice.js';

const services = [
  { serviceName: 'Dokumentu vadības sistēma', availabilityPercent: 99.8654, targetPercent: 97, met: true },
  { serviceName: 'Arhīvs', availabilityPercent: null, targetPercent: 99.5, met: false },
];

describe('the availability report notice', () => {
  it('writes figures as each language does: "99,865 %" in Latvian, "99.865%" in English', () => {
    const lv = reportNotice('lv', { month: '2026-10', version: 1, correction: null, services });
    expect(lv.subject).toBe('[Kopa] Pieejamības pārskats 2026-10');
    expect(lv.lines).toEqual([
      'Pieejamības pārskats par 2026-10 ir publicēts.',
      'Dokumentu vadības sistēma: 99,865 % (mērķis 97 %, sasniegts)',
      'Arhīvs: — (mērķis 99,5 %, nav sasniegts)',
    ]);
    const en = reportNotice('en', { month: '2026-10', version: 1, correction: null, services });
    expect(en.lines[1]).toBe('Dokumentu vadības sistēma: 99.865% (target 97%, met)');
  });

  it('names a correction, its version and its reason', () => {
    const en = reportNotice('en', { month: '2026-10', version: 2, correction: 'late probe results', services: [] });
    expect(en.subject).toBe('[Kopa] Corrected availability report 2026-10 (version 2)');
    expect(en.lines).toEqual(['The availability report for 2026-10 was corrected: late probe results']);
    expect(reportNotice('lv', { month: '2026-10', version: 2, correction: 'vēlu rezultāti', services: [] }).subject).toBe('[Kopa] Labots pieejamības pārskats 2026-10 (2. versija)');
  });
});
