import { describe, expect, it } from 'vitest';
import { checkUsageRecord, parseQuantity, sameUsage } from './usage.js';
import { parseUsageCsv } from './usage-csv.js';
import { placeTariff, type Tariff } from './catalogue.js';

const TENANT = '6f1c2a7e-3b4d-4c5e-8f90-1a2b3c4d5e6f';
const known = { tenants: new Set([TENANT]), providers: new Set(['LVRTC']), resources: new Set(['vcpu_hour']) };
const good = { id: 'a', tenantId: TENANT.toUpperCase(), provider: 'LVRTC', resource: 'vcpu_hour', quantity: '1.50', periodStart: '2026-10-01T03:00:00+03:00', periodEnd: '2026-10-01T01:00:00Z' };

describe('usage records', () => {
  it('normalises a valid record: tenant id in lower case, instants in UTC, exact quantity', () => {
    const check = checkUsageRecord(good, known);
    expect(check).toEqual({ ok: true, record: { ...good, tenantId: TENANT, quantity: '1.50', periodStart: '2026-10-01T00:00:00.000Z', periodEnd: '2026-10-01T01:00:00.000Z' } });
  });

  it('names every wrong field', () => {
    const check = checkUsageRecord({ id: 7, tenantId: 'x', provider: 'AWS', quantity: '1e3', periodStart: '2026-02-30T00:00:00Z', periodEnd: 'soon', extra: 1 }, known);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.errors.map((e) => e.field)).toEqual(['extra', 'id', 'tenantId', 'provider', 'resource', 'quantity', 'periodStart', 'periodEnd']);
      expect(check.errors.map((e) => e.code)).toEqual(['unknown_field', 'wrong_type', 'unknown_tenant', 'unknown_provider', 'required', 'invalid_amount', 'invalid_instant', 'invalid_instant']);
    }
  });

  it('refuses ids that could not be stored as text', () => {
    for (const id of ['', 'a\u0000b', 'x\ud800', '\udc00y', 'x'.repeat(201)]) expect(checkUsageRecord({ ...good, id }, known)).toMatchObject({ ok: false, errors: [{ field: 'id' }] });
    expect(checkUsageRecord({ ...good, id: 'emoji-\u{1F600}' }, known).ok).toBe(true);
    expect(checkUsageRecord({ ...good, periodStart: '0000-01-01T00:00:00Z' }, known)).toMatchObject({ ok: false, errors: [{ field: 'periodStart' }] });
  });

  it('reads quantities exactly from strings and numbers, refusing negatives', () => {
    expect(parseQuantity('0.000000000001')).toEqual({ units: 1n, scale: 12 });
    expect(parseQuantity(0.1)).toEqual({ units: 1n, scale: 1 });
    expect(parseQuantity(1e-7)).toEqual({ units: 1n, scale: 7 });
    for (const bad of ['-1', -0, -1, '1.0000000000001', 'abc', Number.NaN, null, true]) expect(parseQuantity(bad)).toBeNull();
  });

  it('compares records by meaning: 12.5 and 12.50 are the same quantity', () => {
    const a = { id: 'a', tenantId: TENANT, provider: 'LVRTC', resource: 'vcpu_hour', quantity: '12.5', periodStart: '2026-10-01T00:00:00.000Z', periodEnd: '2026-10-01T01:00:00.000Z' };
    expect(sameUsage(a, { ...a, quantity: '12.50' })).toBe(true);
    expect(sameUsage(a, { ...a, quantity: '12.51' })).toBe(false);
    expect(sameUsage(a, { ...a, periodEnd: '2026-10-01T01:00:00Z' })).toBe(true);
  });
});

describe('usage CSV', () => {
  it('reads quoted fields, aliases and the line each row starts on', () => {
    const parsed = parseUsageCsv('\uFEFFid,tenant,provider,resource,quantity,periodStart,periodEnd\n"a,1",9,LVRTC,vcpu_hour,"1",s,e\n\n"b\nc",9,LNB,egress_gb,2,s,e\n');
    expect(parsed).toEqual({
      ok: true,
      rows: [
        { line: 2, values: { id: 'a,1', tenantId: '9', provider: 'LVRTC', resource: 'vcpu_hour', quantity: '1', periodStart: 's', periodEnd: 'e' } },
        { line: 4, values: { id: 'b\nc', tenantId: '9', provider: 'LNB', resource: 'egress_gb', quantity: '2', periodStart: 's', periodEnd: 'e' } },
      ],
    });
  });

  it('takes semicolons with a decimal comma, and explains a wrong header', () => {
    const parsed = parseUsageCsv('id;tenantId;provider;resource;quantity;periodStart;periodEnd\r\nx;9;LNB;egress_gb;2,75;s;e');
    expect(parsed.ok && parsed.rows[0]!.values.quantity).toBe('2.75');
    expect(parseUsageCsv('id,provider\n')).toEqual({
      ok: false,
      problem: { code: 'csv_missing_columns', message: 'missing column(s) tenantId, resource, quantity, periodStart, periodEnd in the header row', params: { columns: 'tenantId, resource, quantity, periodStart, periodEnd' } },
    });
    expect(parseUsageCsv('')).toMatchObject({ ok: false });
  });
});

describe('placing a tariff', () => {
  const tariff = (validFrom: string, validTo: string | null): Tariff => ({ id: validFrom, provider: 'LNB', resource: 'egress_gb', unitPrice: '1', currency: 'EUR', validFrom, validTo, createdAt: '', createdBy: null });

  it('closes the open-ended tariff that starts before it and reports any other overlap', () => {
    const open = tariff('2026-01-01', null);
    expect(placeTariff([open], { validFrom: '2026-07-01', validTo: null })).toEqual({ close: open, conflicts: [] });
    expect(placeTariff([open], { validFrom: '2026-01-01', validTo: null })).toEqual({ close: null, conflicts: [open] });
    expect(placeTariff([open], { validFrom: '2025-01-01', validTo: '2026-01-01' })).toEqual({ close: null, conflicts: [] });
    const closed = tariff('2025-01-01', '2026-01-01');
    expect(placeTariff([closed, open], { validFrom: '2025-12-31', validTo: null }).conflicts).toEqual([closed, open]);
  });
});
