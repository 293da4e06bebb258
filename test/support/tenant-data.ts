import { expect } from 'vitest';
import { inviteUser } from '../../src/app/identity/invite-user.js';
import { receiveMail } from '../../src/app/desk/receive-mail.js';
import { systemActor } from '../../src/domain/actor.js';
import type { TestApp } from './app.js';
import { DEMO_PASSWORD, signIn } from './app.js';
import { totpAt } from './totp.js';

/** Every table of the schema with a `tenant_id` column, from the catalogue (so a new one is never missed). */
export async function tenantTables(t: TestApp): Promise<string[]> {
  const rows = (await t.database.ownerQuery(
    "SELECT DISTINCT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY table_name",
  )) as { table_name: string }[];
  return rows.map((r) => r.table_name);
}

/** A multipart body with one file, as a browser uploads it. */
export function multipart(fileName: string, data: Uint8Array, type = 'application/octet-stream') {
  const boundary = '----kopa-test-boundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, Buffer.from(data), tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/**
 * Gives a municipality (by its admin's e-mail) rows in the tables that demo data leaves empty for
 * it — a session, an API token, a ticket with an attachment, a monitor of its own, an SLA exclusion
 * and a published report — through the API, as people would. Billing and usage come from the
 * demo history; its notification settings too. `month` is a month that has ended by the app's clock. A person of its own gets a
 * second factor (authenticator app, recovery codes, a passkey) and a known browser.
 */
export async function giveTenantOneOfEverything(t: TestApp, adminEmail: string, month: string): Promise<{ tenantId: string; ticketId: string; attachmentId: string; monitorId: string; exclusionId: string; tokenId: string }> {
  const operator = await signIn(t.app, 'operators@rda.lv');
  const admin = await signIn(t.app, adminEmail); // a session of the municipality
  const tenantId = ((await admin.get('/api/v1/tenants')).json().items as { id: string }[])[0]!.id;
  const ok = async (res: Promise<{ statusCode: number; body: string; json(): unknown }>) => {
    const r = await res;
    expect(r.statusCode, r.body).toBeLessThan(300);
    return r.json() as { id: string };
  };
  const token = await ok(operator.post('/api/v1/tokens', { name: 'Uzraudzības skripts', role: 'tenant_admin', tenantId }));
  const ticket = await ok(admin.post('/api/v1/tickets', { priority: 'P3', subject: 'Pielikums', description: 'Ekrānuzņēmums pielikumā' }));
  await ok(admin.post(`/api/v1/tickets/${ticket.id}/watchers`, {})); // a watcher row of the municipality
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
  const upload = multipart('ekrans.png', png);
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: adminEmail, password: 'kopa-demo-2026' } });
  const headers = { cookie: `kopa_session=${login.cookies.find((c) => c.name === 'kopa_session')!.value}`, 'x-csrf-token': login.json().csrfToken as string };
  const attachment = await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/attachments`, payload: upload.payload, headers: { ...headers, ...upload.headers } });
  expect(attachment.statusCode, attachment.body).toBe(201);
  const service = ((await operator.get('/api/v1/services')).json().items as { id: string; code: string }[]).find((s) => s.code === 'DVS')!;
  const monitor = await ok(operator.post('/api/v1/monitors', { serviceId: service.id, tenantId, name: 'Pašvaldības portāls', type: 'http', target: 'https://portals.example.lv/', intervalSeconds: 60, locations: ['lvrtc'] }));
  const exclusion = await ok(operator.post('/api/v1/sla-exclusions', { serviceId: service.id, tenantId, startsAt: `${month}-10T08:00:00Z`, endsAt: `${month}-10T08:10:00Z`, reason: 'Zondes kļūme' }));
  const published = (await operator.get(`/api/v1/tenants/${tenantId}/sla-reports/${month}/publications`)).json().items as unknown[];
  if (published.length === 0) await ok(operator.post(`/api/v1/tenants/${tenantId}/sla-reports/${month}/publications`, {}));
  // Its own choice of who hears of invoices (a row of notification_settings).
  const invoices = { email: { contact: true, roles: ['tenant_admin'], userIds: [], extraAddresses: [`gramatvediba@${adminEmail.split('@')[1]!}`] }, teams: [], slack: [] };
  await ok(admin.put(`/api/v1/tenants/${tenantId}/notification-settings`, { topics: { invoices } }));
  await giveSecondFactors(t, operator, tenantId, adminEmail.split('@')[1]!);
  await giveIdentityProvider(t, operator, tenantId, adminEmail);
  // An invitation goes out by e-mail; this app has no mail server, so the use case gets mail settings.
  await inviteUser({ ...t.deps, notifications: { mailEnabled: true, webhooks: [], publicUrl: 'https://kopa.example.lv' } }, systemActor('test'), tenantId, { email: `uzaicinats@${adminEmail.split('@')[1]!}`, name: 'Uzaicināts', role: 'tenant_user' });
  // A mail from its admin to the desk: received by the SMTP listener, not by a route.
  const mail = await receiveMail(t.deps, { deskAddress: 'atbalsts@kopa.rda.lv', ownAddresses: [] }, {
    messageId: `<one-of-everything.${tenantId}@example.lv>`, envelopeFrom: adminEmail, recipients: ['atbalsts@kopa.rda.lv'], from: adminEmail,
    subject: 'Pa pastu', text: 'Pieteikums pa e-pastu', headers: new Map(), contentType: 'text/plain', references: [], attachments: [], raw: new Uint8Array([1]),
  });
  expect(mail).toMatchObject({ status: 'ticket', tenantId });
  // A notice to the municipality that could not be sent: the outbox is written by the worker, not by a route.
  await t.database.ownerQuery(
    "INSERT INTO outbox (event_key, event, channel, recipient, tenant_id, subject, payload, status, attempts, last_error, next_attempt_at, created_at) VALUES ($1, 'sla_report.published', 'email', $2, $3, 'Pārskats publicēts', '{}', 'failed', 8, 'pārbaudes kļūme', now(), now())",
    [`test:${tenantId}`, adminEmail, tenantId],
  );
  return { tenantId, ticketId: ticket.id, attachmentId: (attachment.json() as { id: string }).id, monitorId: monitor.id, exclusionId: exclusion.id, tokenId: token.id };
}

/**
 * The municipality's own OpenID Provider, registered through the API, and its admin's identity
 * there. Linking happens on a sign-in through a running provider, so the link row is written as the owner.
 */
async function giveIdentityProvider(t: TestApp, operator: Awaited<ReturnType<typeof signIn>>, tenantId: string, adminEmail: string): Promise<void> {
  const domain = adminEmail.split('@')[1]!;
  const created = await operator.post('/api/v1/identity-providers', { name: `${domain} konts`, issuer: `https://login.${domain}/realms/kopa`, clientId: `kopa-${domain}`, clientSecret: 'pārbaudes-noslēpums', tenantId, emailDomains: [domain] });
  expect(created.statusCode, created.body).toBe(201);
  await t.database.ownerQuery(
    'INSERT INTO linked_identities (provider_id, user_id, tenant_id, subject, email) SELECT $1, id, tenant_id, $2, email FROM users WHERE email = $3',
    [created.json().id, `sub-${domain}`, adminEmail],
  );
}

/**
 * A new person of the municipality (so no other test's sign-in meets a second-factor step) enrols an
 * authenticator app through the API, which gives recovery codes, and signs in again with a code, which
 * makes the browser known. A passkey needs an authenticator, so its row is written as the owner.
 */
async function giveSecondFactors(t: TestApp, operator: Awaited<ReturnType<typeof signIn>>, tenantId: string, domain: string): Promise<void> {
  const email = `drosiba@${domain}`;
  const created = await operator.post(`/api/v1/tenants/${tenantId}/users`, { email, name: 'Drošības Pārbaude', role: 'tenant_user', password: DEMO_PASSWORD });
  expect(created.statusCode, created.body).toBe(201);
  const person = await signIn(t.app, email);
  const started = await person.post('/api/v1/account/mfa/totp');
  expect(started.statusCode, started.body).toBe(201);
  const secret = started.json().secret as string;
  const now = t.deps.clock.now();
  expect((await person.post('/api/v1/account/mfa/totp/confirm', { code: totpAt(secret, now) })).statusCode).toBe(200);
  const password = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password: DEMO_PASSWORD } });
  expect(password.json()).toMatchObject({ mfaRequired: true });
  const pending = password.cookies.find((c) => c.name === 'kopa_session')!.value;
  // The enrolment used this step's code; the next step's is within the accepted drift.
  const second = await t.app.inject({ method: 'POST', url: '/api/v1/session/mfa', headers: { cookie: `kopa_session=${pending}` }, payload: { method: 'totp', code: totpAt(secret, now, 1) } });
  expect(second.statusCode, second.body).toBe(200);
  expect(second.cookies.some((c) => c.name === 'kopa_device')).toBe(true);
  await t.database.ownerQuery(
    "INSERT INTO passkeys (user_id, tenant_id, credential_id, public_key, name) SELECT id, tenant_id, 'cred-' || id, 'pQECAyYgASFYIA', 'Darba dators' FROM users WHERE email = $1",
    [email],
  );
}
