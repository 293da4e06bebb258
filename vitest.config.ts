import { defineConfig } from 'vitest/config';

/**
 * Integration files that time things across processes, restart or kill servers and databases, or
 * run replicas side by side: they run one at a time, after the others, so no other file's load
 * bends what they measure (ADR 0021).
 */
const ONE_AT_A_TIME = [
  'backup-restore',
  'cli',
  'compiled-server',
  'concurrency',
  'database-restart',
  'graceful-shutdown',
  'outbox-crash',
  'probe-agent',
  'probe-leases',
  'prober-checks',
  'prober-tls',
  'replicas',
  'stopped-clock',
].map((name) => `test/integration/${name}.test.ts`);

// Groups run in order: the unit tests; the integration files two at a time (each file has its own
// databases and servers on free ports, and most of a file's time is spent waiting on them); the
// timing-sensitive ones alone; then the browser journeys in real Chromium, one file at a time.
export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts'], environment: 'node', sequence: { groupOrder: 0 } } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: ONE_AT_A_TIME,
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'integration-serial',
          include: ONE_AT_A_TIME,
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
