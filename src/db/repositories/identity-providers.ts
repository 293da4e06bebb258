import type { Selectable } from 'kysely';
import type { IdentityProviderStore, StoredProvider } from '../../app/oidc/oidc-ports.js';
import type { RoleMappingEntry } from '../../domain/identity-provider.js';
import type { Role } from '../../domain/roles.js';
import type { IdentityProviders } from '../generated/database.js';
import { trxOf } from '../tx.js';

type ProviderRow = Selectable<IdentityProviders> & { tenant_name: string | null };

function toProvider(row: ProviderRow): StoredProvider {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    tenantName: row.tenant_name,
    name: row.name,
    issuer: row.issuer,
    clientId: row.client_id,
    clientSecretSealed: row.client_secret_sealed,
    emailDomains: row.email_domains,
    createPeople: row.create_people,
    defaultRole: row.default_role as Role,
    mfaAcrValues: row.mfa_acr_values,
    roleClaim: row.role_claim,
    roleMapping: row.role_mapping as RoleMappingEntry[],
    enabled: row.enabled,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

const providers = (tx: Parameters<IdentityProviderStore['get']>[0]) =>
  trxOf(tx).selectFrom('identity_providers').leftJoin('tenants', 'tenants.id', 'identity_providers.tenant_id').selectAll('identity_providers').select('tenants.name as tenant_name');

export const identityProviderRepository: IdentityProviderStore = {
  async list(tx, filter) {
    let q = providers(tx);
    if (filter.tenantId !== undefined) q = filter.tenantId === null ? q.where('identity_providers.tenant_id', 'is', null) : q.where('identity_providers.tenant_id', '=', filter.tenantId);
    const rows = await q.orderBy('tenants.name', (o) => o.nullsFirst()).orderBy('identity_providers.name').orderBy('identity_providers.id').execute();
    return rows.map(toProvider);
  },
  async get(tx, providerId) {
    const row = await providers(tx).where('identity_providers.id', '=', providerId).executeTakeFirst();
    return row ? toProvider(row) : null;
  },
  async forEmailDomain(tx, domain) {
    const rows = await providers(tx)
      .where('identity_providers.enabled', '=', true)
      .where((eb) => eb(eb.val(domain), '=', eb.fn.any('identity_providers.email_domains')))
      .orderBy('identity_providers.name')
      .execute();
    return rows.map(toProvider);
  },
  async byIssuerAndClient(tx, issuer, clientId) {
    const row = await providers(tx).where('identity_providers.issuer', '=', issuer).where('identity_providers.client_id', '=', clientId).executeTakeFirst();
    return row ? toProvider(row) : null;
  },
  async insert(tx, id, fields, clientSecretSealed) {
    await trxOf(tx)
      .insertInto('identity_providers')
      .values({
        id,
        tenant_id: fields.tenantId,
        name: fields.name,
        issuer: fields.issuer,
        client_id: fields.clientId,
        client_secret_sealed: clientSecretSealed,
        email_domains: fields.emailDomains,
        create_people: fields.createPeople,
        default_role: fields.defaultRole,
        mfa_acr_values: fields.mfaAcrValues,
        role_claim: fields.roleClaim,
        role_mapping: JSON.stringify(fields.roleMapping),
        enabled: fields.enabled,
      })
      .execute();
    return (await this.get(tx, id))!;
  },
  async update(tx, providerId, fields, clientSecretSealed, at) {
    await trxOf(tx)
      .updateTable('identity_providers')
      .set({
        name: fields.name,
        issuer: fields.issuer,
        client_id: fields.clientId,
        email_domains: fields.emailDomains,
        create_people: fields.createPeople,
        default_role: fields.defaultRole,
        mfa_acr_values: fields.mfaAcrValues,
        role_claim: fields.roleClaim,
        role_mapping: JSON.stringify(fields.roleMapping),
        enabled: fields.enabled,
        updated_at: at,
        ...(clientSecretSealed !== null && { client_secret_sealed: clientSecretSealed }),
      })
      .where('id', '=', providerId)
      .execute();
    return (await this.get(tx, providerId))!;
  },
  async delete(tx, providerId) {
    const result = await trxOf(tx).deleteFrom('identity_providers').where('id', '=', providerId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },

  async linkedPerson(tx, providerId, subject) {
    const row = await trxOf(tx).selectFrom('linked_identities').select('user_id').where('provider_id', '=', providerId).where('subject', '=', subject).executeTakeFirst();
    return row?.user_id ?? null;
  },
  async link(tx, link) {
    await trxOf(tx)
      .insertInto('linked_identities')
      .values({ provider_id: link.providerId, user_id: link.userId, tenant_id: link.tenantId, subject: link.subject, email: link.email, created_at: link.at, last_used_at: link.at })
      .execute();
  },
  async touchLink(tx, providerId, subject, at) {
    await trxOf(tx).updateTable('linked_identities').set({ last_used_at: at }).where('provider_id', '=', providerId).where('subject', '=', subject).execute();
  },
  async linksOf(tx, userId) {
    const rows = await trxOf(tx)
      .selectFrom('linked_identities')
      .innerJoin('identity_providers', 'identity_providers.id', 'linked_identities.provider_id')
      .select(['linked_identities.id', 'linked_identities.provider_id', 'identity_providers.name as provider_name', 'linked_identities.subject', 'linked_identities.email', 'linked_identities.created_at', 'linked_identities.last_used_at'])
      .where('linked_identities.user_id', '=', userId)
      .orderBy('identity_providers.name')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      providerId: r.provider_id,
      providerName: r.provider_name,
      subject: r.subject,
      email: r.email,
      createdAt: new Date(r.created_at).toISOString(),
      lastUsedAt: new Date(r.last_used_at).toISOString(),
    }));
  },

  async unlink(tx, userId, linkId) {
    const row = await trxOf(tx).deleteFrom('linked_identities').where('id', '=', linkId).where('user_id', '=', userId).returning(['provider_id', 'subject', 'email']).executeTakeFirst();
    return row ? { providerId: row.provider_id, subject: row.subject, email: row.email } : null;
  },
  async countLinks(tx, providerId) {
    const row = await trxOf(tx).selectFrom('linked_identities').select((eb) => eb.fn.countAll<string>().as('n')).where('provider_id', '=', providerId).executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async markSession(tx, tokenHash, session) {
    await trxOf(tx)
      .updateTable('sessions')
      .set({ identity_provider_id: session.providerId, provider_session_id: session.sid, id_token: session.idToken })
      .where('token_hash', '=', tokenHash)
      .execute();
  },
  async sessionOf(tx, tokenHash) {
    const row = await trxOf(tx).selectFrom('sessions').select(['identity_provider_id', 'provider_session_id', 'id_token']).where('token_hash', '=', tokenHash).executeTakeFirst();
    if (!row?.identity_provider_id || !row.id_token) return null;
    return { providerId: row.identity_provider_id, sid: row.provider_session_id, idToken: row.id_token };
  },
  async endSessions(tx, providerId, by) {
    let q = trxOf(tx).deleteFrom('sessions').where('identity_provider_id', '=', providerId);
    if (by.sid !== null) q = q.where('provider_session_id', '=', by.sid);
    if (by.subject !== null) {
      const subject = by.subject;
      q = q.where('user_id', 'in', (eb) => eb.selectFrom('linked_identities').select('user_id').where('provider_id', '=', providerId).where('subject', '=', subject));
    }
    if (by.sid === null && by.subject === null) return { userIds: [], ended: 0 };
    const rows = await q.returning('user_id').execute();
    return { userIds: [...new Set(rows.map((r) => r.user_id))], ended: rows.length };
  },
};
