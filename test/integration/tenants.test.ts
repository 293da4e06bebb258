import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeRegistrationNumber } from '../../src/domain/registration-number.js';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type Client, type TestApp } from '../support/app.js';

describe.each(BACKENDS)('tenants and agreements on %s', (backend) => {
  let t: TestApp;
  let operator: Client;

  beforeAll(async () => {
    t = await startTestApp(backend);
    operator = await signIn(t.app, 'operators@rda.lv');
  });
  afterAll(() => t.close());

  it('onboards a municipality with defaults and an agreement with defaults', async () => {
    const registrationNumber = completeRegistrationNumber('9000001234')!;
    const created = await operator.post('/api/v1/tenants', {
      name: 'Limbažu novada pašvaldība',
      registrationNumber,
      vatNumber: `LV${registrationNumber}`,
      address: { street: 'Rīgas iela 16', city: 'Limbaži', postalCode: 'LV-4001', country: 'LV' },
      email: 'pasts@limbazi.lv',
    });
    expect(created.statusCode).toBe(201);
    const tenant = created.json();
    expect(typeof tenant.id).toBe('string');
    expect(tenant.status).toBe('onboarding');
    expect(tenant.peppolEndpoint).toEqual({ scheme: '0218', id: registrationNumber });

    const agreement = await operator.post(`/api/v1/tenants/${tenant.id}/agreements`, {
      number: 'RDA-SL-2027/01',
      signedOn: '2026-11-20',
      effectiveFrom: '2027-01-01',
      buyerReference: 'LIMB-IT-2027',
    });
    expect(agreement.statusCode).toBe(201);
    expect(agreement.json()).toMatchObject({
      version: 1,
      availabilityTargetPercent: 97,
      calendarId: 'lv',
      maintenanceNoticeHours: 48,
      effectiveTo: null,
      vatExempt: false,
      deskTargets: { P1: { reactionMinutes: 60, resolutionMinutes: 480 }, P4: { reactionMinutes: 480, resolutionMinutes: 4800 } },
    });

    const list = await operator.get(`/api/v1/tenants/${tenant.id}/agreements`);
    expect(list.json().items.map((a: { number: string }) => a.number)).toEqual(['RDA-SL-2027/01']);
  });

  it('keeps every version of a changed agreement', async () => {
    const tenants = (await operator.get('/api/v1/tenants')).json().items;
    const cesis = tenants.find((x: { name: string }) => x.name.startsWith('Cēsu'));
    const [agreement] = (await operator.get(`/api/v1/tenants/${cesis.id}/agreements`)).json().items;
    const changed = await operator.patch(`/api/v1/tenants/${cesis.id}/agreements/${agreement.id}`, {
      availabilityTargetPercent: 98.5,
      changeNote: 'Addendum No. 1',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ id: agreement.id, version: 2, availabilityTargetPercent: 98.5, changeNote: 'Addendum No. 1' });

    const detail = (await operator.get(`/api/v1/tenants/${cesis.id}/agreements/${agreement.id}`)).json();
    expect(detail.versions.map((v: { version: number; availabilityTargetPercent: number }) => [v.version, v.availabilityTargetPercent])).toEqual([
      [2, 98.5],
      [1, 97],
    ]);
  });

  it('rejects bad input with a problem naming each field', async () => {
    const res = await operator.post('/api/v1/tenants', { name: 'X', registrationNumber: '90000031827', vatNumber: 'LV123' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const fields = res.json().errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['name', 'registrationNumber', 'vatNumber']);
  });

  it('takes JSON values as sent: a number is not a name and "97" is not a percentage', async () => {
    const res = await operator.post('/api/v1/tenants', { name: 123, registrationNumber: 90000012352 });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['name', 'registrationNumber']);
    const tenants = (await operator.get('/api/v1/tenants')).json().items;
    const agreement = await operator.post(`/api/v1/tenants/${tenants[0].id}/agreements`, { number: 'X-1', signedOn: '2026-01-01', effectiveFrom: '2026-01-01', availabilityTargetPercent: '97' });
    expect(agreement.json().errors).toEqual([{ field: 'availabilityTargetPercent', code: 'wrong_type', params: { type: 'number' }, message: 'must be number' }]);
  });
});
