import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { readdirSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../src/app/ports.js';
import { createBackupArchiver } from '../../src/db/backup/archiver.js';
import { backupJobs, jobHandlers, outboxSender } from '../../src/jobs/handlers.js';
import { createNotifier } from '../../src/jobs/notifier.js';
import { startWorker } from '../../src/jobs/worker.js';
import { verifyAuditChain } from '../../src/app/audit/verify-audit-chain.js';
import { backupToFile } from '../../src/db/backup/dump.js';
import { restoreFromFile } from '../../src/db/backup/restore.js';
import { verifyArchive } from '../../src/db/backup/verify.js';
import { openDatabase, type KopaDatabase } from '../../src/db/connect.js';
import { createStore } from '../../src/db/store.js';
import { signIn, startTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, createEmptyPostgresDatabase } from '../support/database.js';
import { kopaCommand } from '../support/kopa-command.js';
import { attachmentDigests, tableFingerprints } from '../support/table-oracle.js';

const dir = mkdtempSync(join(tmpdir(), 'kopa-backup-test-'));
const onPostgres = process.env.TEST_DATABASE_URL ? it : it.skip;
const withPostgres = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PostgreSQL (SKIPPED: TEST_DATABASE_URL is not set)';

/** A PNG header, then every byte value: any text conversion on the way would change some of them. */
const DOCUMENT = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 256 }, (_v, i) => i), 0, 0, 0x5c, 0x78]);

async function addAttachment(t: TestApp): Promise<void> {
  const user = await signIn(t.app, 'lietotajs@cesis.lv');
  const ticket = (await user.post('/api/v1/tickets', { priority: 'P3', subject: 'Pielikums', description: 'Visi baiti' })).json();
  const boundary = '----kopa-backup-boundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="visi-baiti.png"\r\nContent-Type: image/png\r\n\r\n`),
    Buffer.from(DOCUMENT),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'lietotajs@cesis.lv', password: 'kopa-demo-2026' } });
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/tickets/${ticket.id}/attachments`,
    payload: body,
    headers: { cookie: `kopa_session=${login.cookies[0]!.value}`, 'x-csrf-token': login.json().csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  expect(res.statusCode).toBe(201);
}

async function expectSameDatabase(source: KopaDatabase, restored: KopaDatabase): Promise<void> {
  const want = await tableFingerprints(source.kysely);
  expect(Object.keys(want).length).toBeGreaterThan(40);
  expect(await tableFingerprints(restored.kysely)).toEqual(want);
  const documents = await attachmentDigests(restored.kysely);
  expect(Object.values(documents)).toContain(sha256(DOCUMENT));
  expect(documents).toEqual(await attachmentDigests(source.kysely));
  const chain = await verifyAuditChain({ store: createStore(restored.kysely) });
  expect(chain).toMatchObject({ ok: true });
  expect(chain.checked).toBeGreaterThan(10);
}

function sha256(bytes: Uint8Array): string {
  // Computed here, not by the database, so the oracle for the stored bytes is independent of both.
  return createHash('sha256').update(bytes).digest('hex');
}

/** Rewrites one row of the archive's body and leaves the header (counts, checksums) as it was. */
function tamper(file: string, out: string, table: string): void {
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
  const start = lines.indexOf(JSON.stringify({ table }));
  expect(start).toBeGreaterThan(0);
  const row = JSON.parse(lines[start + 1]!) as (string | null)[];
  const i = row.findIndex((v) => typeof v === 'string' && v.length > 3 && !/^[0-9a-f-]{36}$/.test(v));
  row[i] = `${row[i]!.slice(0, -1)}${row[i]!.endsWith('X') ? 'Y' : 'X'}`;
  lines[start + 1] = JSON.stringify(row);
  writeFileSync(out, gzipSync(lines.join('\n')));
}

describe('backup and restore', () => {
  let source: TestApp;
  const archive = join(dir, 'pglite.jsonl.gz');

  beforeAll(async () => {
    // Demo history: invoices and credit notes (a table referring to itself), monthly probe partitions, an identity column.
    source = await startTestApp('pglite', { demoHistory: true });
    await addAttachment(source);
    await backupToFile(source.database.db.kysely, archive, { backend: 'pglite', now: new Date() });
  }, 240_000);
  afterAll(async () => {
    await source.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores a PGlite archive into a new PGlite database, every table and document the same', async () => {
    const target = await openDatabase({ dataDir: join(dir, 'pglite-target') });
    try {
      const summary = await restoreFromFile(target.kysely, archive);
      expect(summary.rows).toBeGreaterThan(1000);
      await expectSameDatabase(source.database.db, target);
    } finally {
      await target.close();
    }
  }, 240_000);

  onPostgres(`restores the PGlite archive into a fresh ${withPostgres} database (an evaluation becoming production)`, async () => {
    const empty = await createEmptyPostgresDatabase();
    const target = await openDatabase({ url: empty.url, poolSize: 2 });
    try {
      await restoreFromFile(target.kysely, archive);
      await expectSameDatabase(source.database.db, target);
    } finally {
      await target.close();
      await empty.drop();
    }
  }, 240_000);

  onPostgres(`backs up ${withPostgres} while it is written to, in one snapshot, and restores it into another`, async () => {
    const pg = await startTestApp('postgres');
    const empty = await createEmptyPostgresDatabase();
    const target = await openDatabase({ url: empty.url, poolSize: 2 });
    try {
      await addAttachment(pg);
      const user = await signIn(pg.app, 'lietotajs@cesis.lv');
      const file = join(dir, 'postgres.jsonl.gz');
      // Audited writes during the backup: a snapshot torn between audit_events and audit_head would not verify.
      let writing = true;
      let firstWritten!: () => void;
      const started = new Promise<void>((resolve) => (firstWritten = resolve));
      const writes = (async () => {
        let n = 0;
        while (writing) {
          const res = await user.post('/api/v1/tickets', { priority: 'P4', subject: `Rakstīšana ${n++}`, description: 'backup laikā' });
          expect(res.statusCode).toBe(201);
          firstWritten();
        }
        return n;
      })();
      await started; // the snapshot then holds at least one of these tickets, and more are written while it is read
      const header = await backupToFile(pg.database.db.kysely, file, { backend: 'postgres', now: new Date() });
      writing = false;
      expect(await writes).toBeGreaterThan(1);
      expect(header.source.backend).toBe('postgres');
      await restoreFromFile(target.kysely, file);
      expect(await verifyAuditChain({ store: createStore(target.kysely) })).toMatchObject({ ok: true });
      // The audit log is read near the start of the archive and the tickets near its end; each ticket
      // and its audit event are written in one transaction, so only one snapshot has both in step.
      const { rows } = await sql<{ tickets: string; opened: string }>`
        SELECT (SELECT count(*) FROM tickets)::text AS tickets,
               (SELECT count(*) FROM audit_events WHERE action = 'ticket.opened')::text AS opened`.execute(target.kysely);
      expect(Number(rows[0]!.tickets)).toBeGreaterThan(1);
      expect(rows[0]!.opened).toBe(rows[0]!.tickets);
      expect(await attachmentDigests(target.kysely)).toEqual(await attachmentDigests(pg.database.db.kysely));
      const restoredTickets = (await tableFingerprints(target.kysely)).tickets!;
      const archivedTickets = header.tables.find((t) => t.name === 'tickets')!.rows;
      expect(restoredTickets.startsWith(`${archivedTickets} rows`)).toBe(true);
      // After the writes stopped, a second backup equals the database exactly.
      const still = join(dir, 'postgres-still.jsonl.gz');
      await backupToFile(pg.database.db.kysely, still, { backend: 'postgres', now: new Date() });
      const second = await openDatabase({});
      try {
        await restoreFromFile(second.kysely, still);
        await expectSameDatabase(pg.database.db, second);
      } finally {
        await second.close();
      }
    } finally {
      await target.close();
      await empty.drop();
      await pg.close();
    }
  }, 240_000);

  it('refuses a database that is not empty, and an archive newer than the code', async () => {
    await expect(restoreFromFile(source.database.db.kysely, archive)).rejects.toThrow(/^the database is not empty \(\w+ has \d+ rows\)/);
    const lines = gunzipSync(readFileSync(archive)).toString('utf8').split('\n');
    const header = JSON.parse(lines[0]!);
    lines[0] = JSON.stringify({ ...header, schemaVersion: 999 });
    const newer = join(dir, 'newer.jsonl.gz');
    writeFileSync(newer, gzipSync(lines.join('\n')));
    const empty = await openDatabase({});
    try {
      await expect(restoreFromFile(empty.kysely, newer)).rejects.toThrow(/schema version 999, newer than this Kopa's \d+/);
    } finally {
      await empty.close();
    }
  });

  it('the restore drill passes on the archive and finds a row altered after the backup', async () => {
    const good = await verifyArchive(archive);
    expect(good.ok).toBe(true);
    expect(good.lines.filter((l) => l.startsWith('same '))).toHaveLength(good.header!.tables.length + good.header!.sequences.length);
    const altered = join(dir, 'altered.jsonl.gz');
    tamper(archive, altered, 'tenants');
    const bad = await verifyArchive(altered);
    expect(bad.ok).toBe(false);
    expect(bad.lines.join('\n')).toMatch(/DIFFERS +file tenants/);
    // A restore of it is refused as well, and leaves the database empty.
    const empty = await openDatabase({});
    try {
      await expect(restoreFromFile(empty.kysely, altered)).rejects.toThrow(/table tenants: .* the archive was altered or damaged/);
      expect((await tableFingerprints(empty.kysely)).tenants).toMatch(/^0 rows/);
    } finally {
      await empty.close();
    }
  }, 120_000);
});

describe('the backup and restore commands', () => {
  const cliDir = mkdtempSync(join(tmpdir(), 'kopa-backup-cli-'));
  afterAll(() => rmSync(cliDir, { recursive: true, force: true }));

  function kopa(...args: string[]) {
    const env = { ...process.env, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv;
    delete env.DATABASE_URL;
    const result = spawnSync(process.execPath, kopaCommand(...args), { env, encoding: 'utf8', timeout: 120_000 });
    return { code: result.status, out: result.stdout, err: result.stderr };
  }

  it('backs up, verifies and restores a data folder, exiting non-zero with one line when refused', () => {
    const from = join(cliDir, 'from');
    const to = join(cliDir, 'to');
    const file = join(cliDir, 'kopa.jsonl.gz');
    expect(kopa('user', 'create', '--data-dir', from, '--email', 'anna@rda.lv', '--name', 'Anna Bērziņa', '--role', 'operator').code).toBe(0);

    const backup = kopa('backup', '--out', file, '--data-dir', from);
    expect(backup.err).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.out).toMatch(/^Backup written to .*kopa\.jsonl\.gz: schema version \d+, \d+ tables, \d+ rows, \d+ bytes\.\n$/);

    const verify = kopa('backup', '--verify', file);
    expect(verify.code).toBe(0);
    expect(verify.out).toMatch(/^same +users +1 rows/m);
    expect(verify.out).toContain('audit chain intact: 1 events verified');

    const restore = kopa('restore', '--in', file, '--data-dir', to);
    expect(restore.code).toBe(0);
    expect(restore.out).toContain('audit chain intact: 1 events verified');

    const again = kopa('restore', '--in', file, '--data-dir', to);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/^Error: the database is not empty \(\w+ has \d+ rows\); restore only into an empty database\n$/);

    const altered = join(cliDir, 'altered.jsonl.gz');
    tamper(file, altered, 'users');
    const drill = kopa('backup', '--verify', altered);
    expect(drill.code).toBe(1);
    expect(drill.out).toContain('DIFFERS  file users');

    const missing = kopa('restore', '--in', join(cliDir, 'nothing.gz'), '--data-dir', join(cliDir, 'other'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^Error: .*nothing\.gz: no such file\n$/);

    const usage = kopa('backup', '--data-dir', from);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('--out FILE or --verify FILE');
  }, 600_000);
});

describe.each(BACKENDS)('scheduled backups on %s', (backend) => {
  const METRICS_TOKEN = 'metrics-token-for-backup-tests-0123';
  const folder = mkdtempSync(join(tmpdir(), 'kopa-scheduled-'));
  const start = Date.parse('2026-12-01T00:10:00Z');
  let now = new Date(start);
  let t: TestApp;
  let deps: Deps;
  const webhooks: { event: string; body: { error: string; file: string } }[] = [];
  const receiver = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      webhooks.push({ event: String(req.headers['x-kopa-event']), body: JSON.parse(text) });
      res.end('ok');
    });
  });
  const silent = { info: () => {}, error: () => {} };

  beforeAll(async () => {
    receiver.listen(0, '127.0.0.1');
    await once(receiver, 'listening');
    const address = receiver.address() as { port: number };
    t = await startTestApp(backend, { now: () => now, server: { metricsToken: METRICS_TOKEN } });
    deps = {
      ...t.deps,
      backupArchiver: createBackupArchiver(t.database.db, { now: () => now }),
      notifier: createNotifier({ smtpUrl: undefined, mailFrom: 'kopa@rda.lv' }),
      notifications: { mailEnabled: true, webhooks: [{ url: `http://127.0.0.1:${address.port}/hook`, secret: 'webhook-secret-0123456789' }], publicUrl: null },
    };
  }, 240_000);
  afterAll(async () => {
    await t.close();
    receiver.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const replica = (dir: string) =>
    startWorker({ deps, handlers: jobHandlers(deps, { backup: { dir, keep: 2 } }), periodic: backupJobs({ dir, intervalHours: 1 }), pollMs: 3_600_000, afterJobs: outboxSender(deps, silent), log: silent });
  const age = async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.statusCode).toBe(200);
    const match = /^kopa_backup_last_success_age_seconds (\S+)$/m.exec(res.body);
    return match ? (match[1] === '+Inf' ? Infinity : Number(match[1])) : null;
  };
  const archives = () => readdirSync(folder).filter((f) => f.startsWith('kopa-backup-')).sort();

  it('runs once per interval across replicas, keeps the newest, and /metrics tells the age of the last good one', async () => {
    expect(await age()).toBe(Infinity); // no good backup yet
    writeFileSync(join(folder, 'README.txt'), 'not an archive, never rotated away');
    const [a, b] = [replica(folder), replica(folder)];
    try {
      await a.tick();
      await b.tick();
      await a.tick();
      expect(archives()).toEqual(['kopa-backup-20261201T001000Z.jsonl.gz']);
      now = new Date(start + 90_000);
      expect(await age()).toBe(90);
      for (const hour of [1, 2, 3]) {
        now = new Date(start + hour * 3_600_000);
        await b.tick();
        await a.tick();
      }
      expect(archives()).toEqual(['kopa-backup-20261201T021000Z.jsonl.gz', 'kopa-backup-20261201T031000Z.jsonl.gz']);
      expect(readdirSync(folder)).toContain('README.txt');
      now = new Date(start + 3 * 3_600_000 + 5_000);
      expect(await age()).toBe(5);
      // What was kept is a real archive of this database.
      const drill = await verifyArchive(join(folder, archives()[1]!));
      expect(drill.ok).toBe(true);
    } finally {
      await a.stop();
      await b.stop();
    }
  }, 240_000);

  it('a failed backup alerts the operators by e-mail and webhook, and the metric keeps the last good age', async () => {
    const broken = replica(join(folder, 'README.txt', 'not-a-folder'));
    try {
      now = new Date(start + 4 * 3_600_000);
      await broken.tick();
      now = new Date(start + 4 * 3_600_000 + 1_000);
      await broken.tick(); // the failure's notices were sent in the same pass; nothing is sent twice
      expect(webhooks).toHaveLength(1);
      expect(webhooks[0]).toMatchObject({ event: 'backup.failed', body: { file: expect.stringContaining('not-a-folder') } });
      expect(webhooks[0]!.body.error).toMatch(/ENOTDIR|EEXIST/);
      // No SMTP server here: the operators' mail waits in the outbox, the reason kept, retried in 30 s.
      const mail = (await t.database.ownerQuery("SELECT recipient, subject, status, attempts, last_error, next_attempt_at FROM outbox WHERE channel = 'email'")) as { recipient: string; subject: string; status: string; attempts: number; last_error: string; next_attempt_at: Date }[];
      expect(mail.map((m) => m.recipient)).toEqual(['operators@rda.lv']);
      expect(mail[0]).toMatchObject({ subject: expect.stringContaining('backup failed'), status: 'queued', attempts: 1, last_error: 'KOPA_SMTP_URL is not set' });
      expect(new Date(mail[0]!.next_attempt_at).toISOString()).toBe(new Date(start + 4 * 3_600_000 + 30_000).toISOString());
      const runs = await t.database.ownerQuery('SELECT ok::text AS ok, error FROM backup_runs ORDER BY id');
      expect(runs.map((r) => (r as { ok: string }).ok)).toEqual(['true', 'true', 'true', 'true', 'false']);
      expect(await age()).toBe(3_600 + 1);
      expect(archives()).toHaveLength(2);
    } finally {
      await broken.stop();
    }
  }, 120_000);
});
