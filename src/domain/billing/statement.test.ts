import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeStatements, type StatementTenant } from './statement.js';
import { explainPoolShare, renderExplanation } from './explanation.js';

const tenants: StatementTenant[] = [
  { id: 'cesis', name: 'Cēsu novada pašvaldība', registrationNumber: '90000031828', vatExempt: false, activeUsers: '412' },
  { id: 'sigulda', name: 'Siguldas novada pašvaldība', registrationNumber: '90000048311', vatExempt: false, activeUsers: '1000' },
  { id: 'valmiera', name: 'Valmieras novada pašvaldība', registrationNumber: '90000043969', vatExempt: true, activeUsers: '898' },
];

describe('monthly statements', () => {
  it('matches a hand-computed month', () => {
    const { statements, problems } = computeStatements({
      tenants,
      vatRatePercent: '21',
      hosting: [
        // 2976 vCPU h × 0.012345 = 36.73872 → 36.74
        { tenantId: 'cesis', provider: 'LVRTC', resource: 'vcpu_hour', resourceName: 'vCPU stundas', unit: 'vCPU h', unitCode: 'HUR', unitPrice: '0.012345', quantity: '2976' },
        // the same resource at a new price from mid-month: 1000 × 0.0125 = 12.50 (its own line)
        { tenantId: 'cesis', provider: 'LVRTC', resource: 'vcpu_hour', resourceName: 'vCPU stundas', unit: 'vCPU h', unitCode: 'HUR', unitPrice: '0.0125', quantity: '1000' },
        // 250.5 GB-months × 0.035 = 8.7675 → 8.77
        { tenantId: 'sigulda', provider: 'LNB', resource: 'storage_gb_month', resourceName: 'Krātuve', unit: 'GB mēn.', unitCode: 'E34', unitPrice: '0.035', quantity: '250.5' },
      ],
      pools: [{ id: 'admin', description: 'Platformas administrēšana', amountCents: 1_000_000n, driver: 'active_users' }],
    });
    expect(problems).toEqual([]);
    const [cesis, sigulda, valmiera] = statements;
    expect(cesis!.hosting.map((l) => l.amountCents)).toEqual([3674n, 1250n]);
    // 1,000,000 cents over 412 + 1000 + 898 = 2310 users: 178,354.978…, 432,900.432…, 388,744.588…
    // cents; the floors leave two cents, which go to the largest remainders: Cēsis (.978) and
    // Valmiera (.588); Sigulda's (.432) gets none.
    expect(statements.map((s) => s.administrationCents)).toEqual([178355n, 432900n, 388745n]);
    expect(cesis!.administration[0]).toMatchObject({ driverValue: '412', driverTotal: '2310' });
    expect(renderExplanation(explainPoolShare(cesis!.administration[0]!, false), 'lv')).toBe('412 no 2\u00a0310 aktīvajiem lietotājiem');
    // Cēsis: net 36.74 + 12.50 + 1783.55 = 1832.79; VAT 384.8859 → 384.89; total 2217.68.
    expect(cesis).toMatchObject({ netCents: 183279n, vatCents: 38489n, totalCents: 221768n });
    expect(sigulda).toMatchObject({ hostingCents: 877n, netCents: 433777n });
    // Valmiera is VAT-exempt.
    expect(valmiera).toMatchObject({ vatRatePercent: '0', vatCents: 0n, totalCents: 388745n });
  });

  it('splits evenly and by hosting cost, and refuses a pool with nothing to split by', () => {
    const { statements, problems } = computeStatements({
      tenants: tenants.map((t) => ({ ...t, activeUsers: null })),
      vatRatePercent: '21',
      hosting: [{ tenantId: 'sigulda', provider: 'LNB', resource: 'egress_gb', resourceName: 'Izejošā datplūsma', unit: 'GB', unitCode: 'E34', unitPrice: '0.05', quantity: '200' }],
      pools: [
        { id: 'even', description: 'Licences', amountCents: 100n, driver: 'even' },
        { id: 'cost', description: 'Rezerves kopijas', amountCents: 5000n, driver: 'hosting_cost' },
        { id: 'users', description: 'Atbalsts', amountCents: 700n, driver: 'active_users' },
      ],
    });
    // 1.00 in three: 0.33 each and one cent by remainder — equal remainders, equal drivers, so the lowest registration number (Cēsis).
    expect(statements.map((s) => s.administration.find((a) => a.poolId === 'even')!.amountCents)).toEqual([34n, 33n, 33n]);
    expect(statements.map((s) => s.administration.find((a) => a.poolId === 'cost')!.amountCents)).toEqual([0n, 5000n, 0n]);
    expect(problems).toEqual([{ field: 'pools[2]', code: 'pool_driver_zero', params: { pool: 'Atbalsts', driver: 'active_users' }, message: '“Atbalsts” cannot be split: its driver active_users adds up to zero this month' }]);
  });

  it('always splits every pool exactly (property)', () => {
    const tenant = fc.record({ users: fc.integer({ min: 0, max: 50_000 }), exempt: fc.boolean() });
    fc.assert(
      fc.property(fc.array(tenant, { minLength: 1, maxLength: 20 }), fc.array(fc.bigInt({ min: 0n, max: 10_000_000_00n }), { minLength: 1, maxLength: 4 }), (ts, pools) => {
        const list = ts.map((t, i) => ({ id: `t${i}`, name: `T${i}`, registrationNumber: String(90000000000 + i), vatExempt: t.exempt, activeUsers: String(t.users + 1) }));
        const { statements } = computeStatements({ tenants: list, hosting: [], vatRatePercent: '21', pools: pools.map((amountCents, i) => ({ id: `p${i}`, description: `P${i}`, amountCents, driver: 'active_users' as const })) });
        pools.forEach((amount, i) => expect(statements.reduce((s, st) => s + st.administration[i]!.amountCents, 0n)).toBe(amount));
        for (const s of statements) expect(s.totalCents).toBe(s.netCents + s.vatCents);
      }),
      { numRuns: 300 },
    );
  });
});
