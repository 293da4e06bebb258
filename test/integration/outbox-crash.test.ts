import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/app/identity/create-user.js';
import { alertOperators } from '../../src/app/shared/alert-operators.js';
import { systemActor } from '../../src/domain/actor.js';
import { openDatabase, type KopaDatabase } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { createStore } from '../../src/db/store.js';
import { argon2Hasher } from '../../src/main/runtime.js';
import { BACKENDS, createEmptyPostgresDatabase, type BackendName } from '../support/database.js';
import { kopaCommand } from '../support/kopa-command.js';
import { serverEnv, spawnServer } from '../support/server-process.js';
import { smtpReceiver, type SmtpReceiver } from '../support/smtp-receiver.js';

const SYSTEM = { role: 'system' as const, tenantId: null };

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe.each(BACKENDS)('a notice outlives the server that was to send it (%s)', (backend: BackendName) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kopa-outbox-crash-'));
  let pgDatabase: { url: string; drop(): Promise<void> } | null = null;
  let smtp: SmtpReceiver | undefined;
  /** What reached the receiver: each mail's recipients and subject. */
  const mails = () => (smtp?.mails ?? []).map((m) => `${m.to.join(',')} ${/Subject: (.*)/.exec(m.raw)?.[1]?.trim()}`);

  afterAll(async () => {
    await smtp?.close();
    await pgDatabase?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const open = (): Promise<KopaDatabase> => (pgDatabase ? openDatabase({ url: pgDatabase.url, poolSize: 2 }) : openDatabase({ dataDir }));
  const row = async () => {
    const db = await open();
    try {
      return (await db.kysely.selectFrom('outbox').select(['status', 'attempts']).where('event_key', '=', 'crash:1').execute())[0];
    } finally {
      await db.close();
    }
  };

  it('records, is killed before the mail is accepted, and after a restart the operator gets exactly one mail', async () => {
    if (backend === 'postgres') pgDatabase = await createEmptyPostgresDatabase();
    // The receiver takes the message and never answers while `hold` is set: the sender is mid-send.
    smtp = await smtpReceiver();
    smtp.state.hold = true;
    const smtpUrl = smtp.url;

    // The change and its notice commit together; no server is running to send it.
    const db = await open();
    await migrate(db.kysely);
    const store = createStore(db.kysely);
    await createUser({ store, clock: { now: () => new Date() }, passwords: argon2Hasher }, systemActor('test'), { email: 'operator@crash.test', name: 'Operatore', role: 'operator', tenantId: null, password: 'outbox-crash-2026' });
    await store.run(SYSTEM, (tx) => alertOperators({ store, notifications: { mailEnabled: true, webhooks: [], publicUrl: null } }, tx, {
      event: 'backup.failed', key: 'crash:1', subject: 'Kopa: before the crash', lines: ['Ierakstīts pirms avārijas.'], body: {}, at: new Date(),
    }));
    await db.close();

    const env = serverEnv({ KOPA_SMTP_URL: smtpUrl, KOPA_PROBER: 'false', ...(pgDatabase ? { DATABASE_URL: pgDatabase.url, KOPA_SECRET_KEY: randomBytes(32).toString('base64') } : {}) });
    const command = kopaCommand('serve', '--port', '0', '--data-dir', dataDir);

    // The first server claims the notice and dies (kill -9) while the receiver holds the message unanswered.
    const first = await spawnServer(command, env);
    try {
      expect(await until(() => smtp!.state.held === 1, 60_000), first.output()).toBe(true);
    } finally {
      first.child.kill('SIGKILL');
      await first.exited;
    }
    expect(mails()).toEqual([]);
    expect(await row()).toEqual({ status: 'sending', attempts: 1 });

    // Its claim expires five minutes after it was taken; the test does not wait that long but moves it.
    const expire = await open();
    await expire.kysely.updateTable('outbox').set({ next_attempt_at: new Date(Date.now() - 1000) }).where('event_key', '=', 'crash:1').execute();
    await expire.close();

    smtp.state.hold = false;
    const second = await spawnServer(command, env);
    try {
      expect(await until(() => mails().length > 0, 60_000), second.output()).toBe(true);
      await new Promise((r) => setTimeout(r, 11_000)); // two more polls of the worker: nothing more is sent
      expect(mails()).toEqual(['operator@crash.test Kopa: before the crash']);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    expect(await row()).toEqual({ status: 'sent', attempts: 2 });
    expect(smtp.state.held).toBe(1);
  }, 240_000);
});
