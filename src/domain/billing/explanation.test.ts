import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../locale.js';
import { EXPLANATION_CODES, EXPLANATION_PARAMS, EXPLANATION_TEXTS, explainHosting, explainPoolShare, renderExplanation } from './explanation.js';

const NBSP = '\u00a0';

describe('explanations in Latvian and English', () => {
  it('writes hosting usage with each language’s decimals and thousands', () => {
    const e = explainHosting({ quantity: '2400', unit: 'GB mēn.', unitPrice: '0.021000', provider: 'LVRTC' });
    expect(e).toEqual({ code: 'hosting_usage', params: { quantity: '2400', unit: 'GB mēn.', unitPrice: '0.021000', provider: 'LVRTC' } });
    expect(renderExplanation(e, 'lv')).toBe(`2${NBSP}400 GB mēn. × 0,021000 EUR (LVRTC tarifs)`);
    expect(renderExplanation(e, 'en')).toBe('2,400 GB mēn. × 0.021000 EUR (LVRTC tariff)');
  });

  it('writes pool shares by each driver, naming the pool only when asked', () => {
    const users = { driver: 'active_users' as const, driverValue: '412', driverTotal: '2310', poolCents: 100000n };
    expect(explainPoolShare(users, true)).toEqual({ code: 'share_active_users', params: { value: '412', total: '2310', poolAmount: '1000.00' } });
    expect(renderExplanation(explainPoolShare(users, true), 'lv')).toBe(`412 no 2${NBSP}310 aktīvajiem lietotājiem; fonds 1${NBSP}000,00 EUR`);
    expect(renderExplanation(explainPoolShare(users, true), 'en')).toBe('412 of 2,310 active users; pool 1,000.00 EUR');
    expect(renderExplanation(explainPoolShare(users, false), 'lv')).toBe(`412 no 2${NBSP}310 aktīvajiem lietotājiem`);
    const even = { driver: 'even' as const, driverValue: '1', driverTotal: '5', poolCents: 103n };
    expect(renderExplanation(explainPoolShare(even, true), 'lv')).toBe('vienāda daļa (1 no 5 pašvaldībām); fonds 1,03 EUR');
    expect(renderExplanation(explainPoolShare(even, true), 'en')).toBe('equal share (1 of 5 municipalities); pool 1.03 EUR');
    const cost = { driver: 'hosting_cost' as const, driverValue: '1234.50', driverTotal: '10000.00', poolCents: 50000n };
    expect(renderExplanation(explainPoolShare(cost, false), 'lv')).toBe(`hostinga izmaksas 1${NBSP}234,50 no 10${NBSP}000,00 EUR`);
    expect(renderExplanation(explainPoolShare(cost, false), 'en')).toBe('hosting costs 1,234.50 of 10,000.00 EUR');
  });

  it('writes invoice notes and terms', () => {
    expect(renderExplanation({ code: 'payment_terms', params: { days: '30' } }, 'en')).toBe('Payment within 30 days of the invoice date.');
    expect(renderExplanation({ code: 'credit_note_for', params: { invoice: 'KOPA-2026-00001', month: '2026-10' } }, 'lv')).toBe('Kredītrēķins rēķinam KOPA-2026-00001: 2026-10 izmaksas pārrēķinātas.');
    expect(renderExplanation({ code: 'replaces_invoices', params: { invoices: 'KOPA-2026-00001' } }, 'en')).toBe('Replaces invoice KOPA-2026-00001.');
  });

  it('has a Latvian and an English text for every code, using every param and no other', () => {
    for (const code of EXPLANATION_CODES) {
      const names = EXPLANATION_PARAMS[code].map((n) => n.replace(/\?$/, ''));
      const params = Object.fromEntries(names.map((n, i) => [n, `9${i}7`]));
      for (const language of LANGUAGES) {
        expect(typeof EXPLANATION_TEXTS[language][code], `${language} ${code}`).toBe('function');
        const text = renderExplanation({ code, params }, language);
        expect(text, `${language} ${code}`).not.toMatch(/undefined|NaN|\$\{/);
        for (const [name, value] of Object.entries(params)) expect(text, `${language} ${code} shows ${name}`).toContain(value);
      }
      expect(renderExplanation({ code, params }, 'lv'), code).not.toBe(renderExplanation({ code, params }, 'en'));
    }
    expect(Object.keys(EXPLANATION_TEXTS.lv).sort()).toEqual([...EXPLANATION_CODES].sort());
    expect(Object.keys(EXPLANATION_TEXTS.en).sort()).toEqual([...EXPLANATION_CODES].sort());
  });

  it('shows an unknown code from a newer server as the code, not as nothing', () => {
    expect(renderExplanation({ code: 'from_the_future' as never, params: {} }, 'en')).toBe('from_the_future');
  });
});
