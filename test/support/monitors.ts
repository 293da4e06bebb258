import { createMonitor } from '../../src/app/monitoring/manage-monitors.js';
import { systemActor } from '../../src/domain/actor.js';
import type { Monitor } from '../../src/domain/monitoring/monitor.js';
import type { TestApp } from './app.js';

const SYSTEM = { role: 'system' as const, tenantId: null };

/** The first service of the seeded catalogue: what rollup and latency tests hang their monitors on. */
export async function firstServiceId(t: TestApp): Promise<string> {
  return (await t.deps.store.run(SYSTEM, (tx) => t.deps.store.services.list(tx)))[0]!.id;
}

/** A critical one-minute HTTP monitor at two locations (lvrtc, lnb): the shape rollup tests reason about. */
export function twoLocationMonitor(t: TestApp, serviceId: string, name: string, failuresToConfirm = 2): Promise<Monitor> {
  return createMonitor(t.deps, systemActor('test'), { serviceId, tenantId: null, name, type: 'http', target: 'https://dvs.kopa.test/', config: {}, intervalSeconds: 60, timeoutMs: 5000, failuresToConfirm, critical: true, locations: ['lvrtc', 'lnb'], active: true });
}
