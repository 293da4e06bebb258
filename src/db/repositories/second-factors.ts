import { sql, type Selectable } from 'kysely';
import type { PasskeyRecord, SecondFactorStore } from '../../app/identity/second-factor-ports.js';
import type { PasskeysTable } from '../second-factor-schema.js';
import { trxOf } from '../tx.js';

function toPasskey(r: Selectable<PasskeysTable>): PasskeyRecord {
  return {
    id: r.id,
    userId: r.user_id,
    tenantId: r.tenant_id,
    credentialId: r.credential_id,
    publicKey: r.public_key,
    counter: Number(r.counter),
    transports: (r.transports as string[] | null) ?? [],
    deviceType: r.device_type,
    backedUp: r.backed_up,
    name: r.name,
    createdAt: new Date(r.created_at).toISOString(),
    lastUsedAt: r.last_used_at ? new Date(r.last_used_at).toISOString() : null,
  };
}

export const secondFactorRepository: SecondFactorStore = {
  async totp(tx, userId) {
    const row = await trxOf(tx).selectFrom('totp_factors').selectAll().where('user_id', '=', userId).executeTakeFirst();
    if (!row) return null;
    return {
      userId: row.user_id,
      secretSealed: row.secret_sealed,
      confirmedAt: row.confirmed_at ? new Date(row.confirmed_at) : null,
      lastUsedStep: row.last_used_step === null ? null : Number(row.last_used_step),
    };
  },
  async saveTotp(tx, userId, tenantId, secretSealed) {
    await trxOf(tx)
      .insertInto('totp_factors')
      .values({ user_id: userId, tenant_id: tenantId, secret_sealed: secretSealed, confirmed_at: null, last_used_step: null })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ secret_sealed: secretSealed, confirmed_at: null, last_used_step: null, created_at: sql`now()` }))
      .execute();
  },
  async confirmTotp(tx, userId, at) {
    await trxOf(tx).updateTable('totp_factors').set({ confirmed_at: at }).where('user_id', '=', userId).execute();
  },
  async useTotpStep(tx, userId, step) {
    const result = await trxOf(tx)
      .updateTable('totp_factors')
      .set({ last_used_step: step })
      .where('user_id', '=', userId)
      .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', String(step))]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
  async deleteTotp(tx, userId) {
    const result = await trxOf(tx).deleteFrom('totp_factors').where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },

  async replaceRecoveryCodes(tx, userId, tenantId, codeHashes) {
    await trxOf(tx).deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    if (codeHashes.length === 0) return;
    await trxOf(tx)
      .insertInto('recovery_codes')
      .values(codeHashes.map((code_hash) => ({ user_id: userId, tenant_id: tenantId, code_hash })))
      .execute();
  },
  async useRecoveryCode(tx, userId, codeHash, at) {
    const result = await trxOf(tx)
      .updateTable('recovery_codes')
      .set({ used_at: at })
      .where('user_id', '=', userId)
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
  async recoveryCodesLeft(tx, userId) {
    const row = await trxOf(tx)
      .selectFrom('recovery_codes')
      .select(sql<string>`count(*)`.as('n'))
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
  async deleteRecoveryCodes(tx, userId) {
    const result = await trxOf(tx).deleteFrom('recovery_codes').where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  async passkeys(tx, userId) {
    const rows = await trxOf(tx).selectFrom('passkeys').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
    return rows.map((r) => toPasskey(r));
  },
  async insertPasskey(tx, record) {
    const row = await trxOf(tx)
      .insertInto('passkeys')
      .values({
        user_id: record.userId,
        tenant_id: record.tenantId,
        credential_id: record.credentialId,
        public_key: record.publicKey,
        counter: record.counter,
        transports: JSON.stringify(record.transports),
        device_type: record.deviceType,
        backed_up: record.backedUp,
        name: record.name,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toPasskey(row);
  },
  async renamePasskey(tx, userId, passkeyId, name) {
    const row = await trxOf(tx).updateTable('passkeys').set({ name }).where('user_id', '=', userId).where('id', '=', passkeyId).returningAll().executeTakeFirst();
    return row ? toPasskey(row) : null;
  },
  async deletePasskey(tx, userId, passkeyId) {
    const row = await trxOf(tx).deleteFrom('passkeys').where('user_id', '=', userId).where('id', '=', passkeyId).returningAll().executeTakeFirst();
    return row ? toPasskey(row) : null;
  },
  async usePasskey(tx, passkeyId, counter, at) {
    await trxOf(tx).updateTable('passkeys').set({ counter, last_used_at: at }).where('id', '=', passkeyId).execute();
  },
  async deletePasskeys(tx, userId) {
    const result = await trxOf(tx).deleteFrom('passkeys').where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  async rememberBrowser(tx, tokenHash, userId, tenantId, at, expiresAt) {
    await trxOf(tx)
      .insertInto('known_browsers')
      .values({ token_hash: tokenHash, user_id: userId, tenant_id: tenantId, last_used_at: at, expires_at: expiresAt })
      .onConflict((oc) => oc.columns(['token_hash', 'user_id']).doUpdateSet({ last_used_at: at, expires_at: expiresAt }))
      .execute();
  },
  async isKnownBrowser(tx, tokenHash, userId, now) {
    let q = trxOf(tx).selectFrom('known_browsers').select('user_id').where('token_hash', '=', tokenHash).where('expires_at', '>', now);
    if (userId !== null) q = q.where('user_id', '=', userId);
    const row = await q.executeTakeFirst();
    return row !== undefined;
  },
  async pruneBrowsers(tx, now) {
    const result = await trxOf(tx).deleteFrom('known_browsers').where('expires_at', '<', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
  async forgetBrowsers(tx, userId) {
    const result = await trxOf(tx).deleteFrom('known_browsers').where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
