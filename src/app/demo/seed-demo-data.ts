import { systemActor } from '../../domain/actor.js';
import type { Role } from '../../domain/roles.js';
import { createAgreement } from '../municipalities/create-agreement.js';
import { createTenant } from '../municipalities/create-tenant.js';
import { createUser } from '../identity/create-user.js';
import { createService, subscribe } from '../catalogue/manage-services.js';
import type { DemoDeps } from './ports.js';
import { seedDemoHistory } from './seed-demo-history.js';
import { updateTenant } from '../municipalities/update-tenant.js';
import { SYSTEM } from '../shared/transaction.js';

/** One password for every demo login; demo data is for evaluation only. */
export const DEMO_PASSWORD = 'kopa-demo-2026';

interface DemoMunicipality {
  slug: string;
  name: string;
  registrationNumber: string;
  street: string;
  city: string;
  postalCode: string;
  agreement: string;
  since: string;
  admin: string;
  user: string;
}

const MUNICIPALITIES: DemoMunicipality[] = [
  { slug: 'cesis', name: 'Cēsu novada pašvaldība', registrationNumber: '90000031828', street: 'Raunas iela 4', city: 'Cēsis', postalCode: 'LV-4101', agreement: 'RDA-SL-2025/01', since: '2025-01-01', admin: 'Ilze Kalniņa', user: 'Jānis Bērziņš' },
  { slug: 'sigulda', name: 'Siguldas novada pašvaldība', registrationNumber: '90000048311', street: 'Pils iela 16', city: 'Sigulda', postalCode: 'LV-2150', agreement: 'RDA-SL-2025/02', since: '2025-01-01', admin: 'Māris Ozoliņš', user: 'Līga Liepiņa' },
  { slug: 'valmiera', name: 'Valmieras novada pašvaldība', registrationNumber: '90000043969', street: 'Lāčplēša iela 2', city: 'Valmiera', postalCode: 'LV-4201', agreement: 'RDA-SL-2025/03', since: '2025-03-01', admin: 'Santa Krūmiņa', user: 'Edgars Vītols' },
  { slug: 'ogre', name: 'Ogres novada pašvaldība', registrationNumber: '90000052158', street: 'Brīvības iela 33', city: 'Ogre', postalCode: 'LV-5001', agreement: 'RDA-SL-2025/04', since: '2025-06-01', admin: 'Gatis Zariņš', user: 'Inese Jansone' },
  { slug: 'talsi', name: 'Talsu novada pašvaldība', registrationNumber: '90000041135', street: 'Kareivju iela 7', city: 'Talsi', postalCode: 'LV-3201', agreement: 'RDA-SL-2026/01', since: '2026-01-01', admin: 'Dace Strautiņa', user: 'Artūrs Celmiņš' },
  { slug: 'jelgava', name: 'Jelgavas valstspilsētas pašvaldība', registrationNumber: '90000073501', street: 'Lielā iela 11', city: 'Jelgava', postalCode: 'LV-3001', agreement: 'RDA-SL-2026/02', since: '2027-01-01', admin: 'Kristaps Lācis', user: 'Anna Pētersone' },
];

const STAFF: { email: string; name: string; role: Role }[] = [
  { email: 'operators@rda.lv', name: 'Oskars Operators', role: 'operator' },
  { email: 'dienests@rda.lv', name: 'Daiga Dienesta', role: 'desk_agent' },
  { email: 'finanses@rda.lv', name: 'Fricis Finansists', role: 'finance' },
  { email: 'auditors@rda.lv', name: 'Aiga Auditore', role: 'auditor' },
];

const SERVICES = [
  {
    code: 'DVS', name: { lv: 'Dokumentu vadības sistēma', en: 'Document management system' }, critical: true,
    description: 'Pašvaldības lietvedība, e-adrese un dokumentu aprite.', holder: 'Pašvaldība', provider: 'Rīgas digitālā aģentūra',
    legalBasis: [{ title: 'Dokumentu juridiskā spēka likums', url: 'https://likumi.lv/ta/id/210205' }],
    customerGroup: 'Pašvaldības darbinieki', requestChannels: ['Kopa pieteikumi', 'e-pasts'], fee: 'Bez maksas', timeLimit: 'Pastāvīgi pieejams', resultDelivery: 'Tīmekļa lietotne',
  },
  {
    code: 'EPAK', name: { lv: 'E-pakalpojumu portāls', en: 'E-services portal' }, critical: true,
    description: 'Iedzīvotāju iesniegumi un pašvaldības e-pakalpojumi.', holder: 'Pašvaldība', provider: 'Rīgas digitālā aģentūra',
    legalBasis: [{ title: 'MK noteikumi Nr. 399 (2017) par valsts pārvaldes pakalpojumu uzskaiti, kvalitātes kontroli un novērtēšanu', url: 'https://likumi.lv/ta/id/292323' }],
    customerGroup: 'Iedzīvotāji un uzņēmumi', requestChannels: ['latvija.gov.lv', 'pašvaldības tīmekļvietne'], fee: 'Bez maksas', timeLimit: 'Atbilstoši pakalpojumam', resultDelivery: 'E-adrese vai e-pasts',
  },
  {
    code: 'GIS', name: { lv: 'Ģeotelpiskās informācijas sistēma', en: 'Geospatial information system' }, critical: false,
    description: 'Teritorijas plānojums, adreses un kartes.', holder: 'Pašvaldība', provider: 'Rīgas digitālā aģentūra',
    legalBasis: [{ title: 'Ģeotelpiskās informācijas likums', url: 'https://likumi.lv/ta/id/254278' }],
    customerGroup: 'Pašvaldības darbinieki un iedzīvotāji', requestChannels: ['Kopa pieteikumi'], fee: 'Bez maksas', timeLimit: 'Pastāvīgi pieejams', resultDelivery: 'Tīmekļa karte',
  },
];

export interface DemoLogin {
  email: string;
  role: Role;
  tenant: string | null;
}

/**
 * Idempotent: a database that already has municipalities is left as it is. With `history`
 * (`kopa demo`), also weeks of monitoring, tickets, metering and invoices; tests leave it out
 * and seed the figures they check themselves.
 */
export async function seedDemoData(deps: DemoDeps, options: { history?: boolean } = {}): Promise<{ seeded: boolean; logins: DemoLogin[] }> {
  const actor = systemActor('demo-seed');
  const existing = await deps.store.run(SYSTEM, (tx) => deps.store.tenants.list(tx, null));
  const logins: DemoLogin[] = [
    ...STAFF.map((s) => ({ email: s.email, role: s.role, tenant: null })),
    ...MUNICIPALITIES.flatMap((m) => [
      { email: `admin@${m.slug}.lv`, role: 'tenant_admin' as const, tenant: m.name },
      { email: `lietotajs@${m.slug}.lv`, role: 'tenant_user' as const, tenant: m.name },
    ]),
  ];
  if (existing.length > 0) return { seeded: false, logins };

  for (const s of STAFF) await createUser(deps, actor, { ...s, tenantId: null, password: DEMO_PASSWORD });
  const services = [];
  for (const s of SERVICES) services.push(await createService(deps, actor, { ...s, owner: 'Platformas komanda' }));
  const onboarded: { slug: string; since: string; tenantId: string }[] = [];
  for (const m of MUNICIPALITIES) {
    const tenant = await createTenant(deps, actor, {
      name: m.name,
      registrationNumber: m.registrationNumber,
      vatNumber: `LV${m.registrationNumber}`,
      address: { street: m.street, city: m.city, postalCode: m.postalCode, country: 'LV' },
      email: `pasts@${m.slug}.lv`,
    });
    onboarded.push({ slug: m.slug, since: m.since, tenantId: tenant.id });
    await createAgreement(deps, actor, tenant.id, {
      number: m.agreement,
      signedOn: shiftDays(m.since, -30),
      effectiveFrom: m.since,
      buyerReference: `${m.agreement.replace(/\W+/g, '-')}-IT`,
      vatExempt: false,
    });
    // Agreements that have started are in force; a future one is still onboarding.
    if (m.since <= deps.clock.now().toISOString().slice(0, 10)) await updateTenant(deps, actor, tenant.id, { status: 'active' });
    for (const service of services) await subscribe(deps, actor, tenant.id, { serviceId: service.id, from: m.since, mode: 'shared' });
    await createUser(deps, actor, { email: `admin@${m.slug}.lv`, name: m.admin, role: 'tenant_admin', tenantId: tenant.id, password: DEMO_PASSWORD });
    await createUser(deps, actor, { email: `lietotajs@${m.slug}.lv`, name: m.user, role: 'tenant_user', tenantId: tenant.id, password: DEMO_PASSWORD });
  }
  if (options.history) await seedDemoHistory(deps, onboarded);
  return { seeded: true, logins };
}

function shiftDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
