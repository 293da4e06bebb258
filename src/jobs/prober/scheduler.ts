import type { Monitor } from '../../domain/monitoring/monitor.js';
import type { CheckOutcome, ProbeTarget } from './checks.js';

export type Assignment = Pick<Monitor, 'id' | 'type' | 'target' | 'config' | 'timeoutMs' | 'intervalSeconds'>;

export interface ProbeResult {
  monitorId: string;
  /** The scheduled slot, not the moment the check began: replicas probing the same monitor write the same key. */
  at: string;
  ok: boolean;
  latencyMs: number | null;
  error: string | null;
}

export interface SchedulerOptions {
  check(monitor: ProbeTarget): Promise<CheckOutcome>;
  /** Receives finished results; called at most every `flushMs` with everything gathered since. */
  deliver(results: ProbeResult[]): Promise<void>;
  concurrency?: number;
  /** The longest a result waits for the batch it is stored with (default 5 s). */
  flushMs?: number;
  /** A batch this large is delivered at once, without waiting for `flushMs` (default 1,000). */
  maxBatch?: number;
  now?: () => number;
  /** Asked just before each check; false skips the slot (a replica whose lease on the monitor lapsed). */
  mayRun?(monitorId: string): boolean;
}

/**
 * Phases fall on whole seconds (when the interval is whole seconds, as every monitor's is), so the
 * checks of one second start in one wake-up of the process (one timer per booked second). On a quiet
 * machine a check met alone cost the process about twice one started with the others of its second
 * (`bench/monitoring-ops.ts` prints both; ADR 0025, "2026-12-06, evening").
 */
export const PHASE_STEP_MS = 1000;

/** A stable offset inside the interval, so a monitor's checks land at the same phase everywhere. */
export function phaseOf(monitorId: string, intervalMs: number): number {
  let hash = 2166136261;
  for (let i = 0; i < monitorId.length; i++) hash = Math.imul(hash ^ monitorId.charCodeAt(i), 16777619) >>> 0;
  // An interval of a fraction of a second (the scheduler's tests) keeps millisecond phases.
  const step = intervalMs % PHASE_STEP_MS === 0 ? PHASE_STEP_MS : 1;
  return (hash % (intervalMs / step)) * step;
}

/** The first slot at or after `from`: slots are phase + k × interval on the epoch's time line. */
export function nextSlot(monitorId: string, intervalMs: number, from: number): number {
  const phase = phaseOf(monitorId, intervalMs);
  return Math.ceil((from - phase) / intervalMs) * intervalMs + phase;
}

/**
 * Runs every assigned monitor on its interval, spread over the interval by a hash of its id,
 * through a global concurrency limit; checks past their slot start as soon as a place frees.
 * Lateness (start − slot) is kept so an operator can see when one process is not enough.
 */
export class ProbeScheduler {
  /** Each monitor's next booked slot (null when none is booked). */
  private readonly monitors = new Map<string, { assignment: Assignment; slot: number | null; key: string }>();
  /** One timer per slot instant, for every monitor booked on it: the checks of a second start in one wake-up. */
  private readonly slots = new Map<number, { ids: Set<string>; timer: NodeJS.Timeout }>();
  private readonly waiting: (() => void)[] = [];
  private readonly outbox: ProbeResult[] = [];
  private active = 0;
  private flushTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private stopped = true;
  private latenessMs: number[] = [];
  private checksDone = 0;
  private readonly now: () => number;
  private readonly concurrency: number;
  private readonly flushMs: number;
  private readonly maxBatch: number;
  /** Each monitor's last outcome, so a change (a failure or a recovery) is delivered at once. */
  private readonly lastOk = new Map<string, boolean>();
  /** A delivery already queued behind the running one: it takes whatever has gathered by then. */
  private queued = false;
  /** Slots fired and not yet finished: stopping waits for their checks, so their results are stored too. */
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly options: SchedulerOptions) {
    this.now = options.now ?? Date.now;
    this.concurrency = options.concurrency ?? 64;
    this.flushMs = options.flushMs ?? 5_000;
    this.maxBatch = options.maxBatch ?? 1_000;
  }

  start(): void {
    this.stopped = false;
    this.flushTimer = setInterval(() => void this.flush(), this.flushMs);
    for (const id of this.monitors.keys()) this.schedule(id);
  }

  /** Replaces the assignments; unchanged monitors keep their booked slots, changed ones are booked anew. */
  assign(assignments: Assignment[]): void {
    const seen = new Set<string>();
    for (const a of assignments) {
      seen.add(a.id);
      const key = JSON.stringify([a.type, a.target, a.config, a.timeoutMs, a.intervalSeconds]);
      const existing = this.monitors.get(a.id);
      if (existing && existing.key === key) continue;
      if (existing) this.unbook(a.id, existing);
      this.monitors.set(a.id, { assignment: a, slot: null, key });
      if (!this.stopped) this.schedule(a.id);
    }
    for (const [id, entry] of this.monitors) {
      if (seen.has(id)) continue;
      this.unbook(id, entry);
      this.monitors.delete(id);
      this.lastOk.delete(id);
    }
  }

  private schedule(id: string, after = this.now()): void {
    const entry = this.monitors.get(id);
    if (!entry || this.stopped) return;
    const intervalMs = entry.assignment.intervalSeconds * 1000;
    const slot = nextSlot(id, intervalMs, after);
    entry.slot = slot;
    const booked = this.slots.get(slot);
    if (booked) {
      booked.ids.add(id);
      return;
    }
    const ids = new Set([id]);
    const timer = setTimeout(() => {
      this.slots.delete(slot);
      for (const due of ids) {
        const dueEntry = this.monitors.get(due);
        if (dueEntry) dueEntry.slot = null;
        const fired = this.fire(due, slot).finally(() => this.running.delete(fired));
        this.running.add(fired);
      }
    }, Math.max(0, slot - this.now()));
    timer.unref?.();
    this.slots.set(slot, { ids, timer });
  }

  /** Takes a monitor off its booked slot; the slot's timer goes when no monitor is left on it. */
  private unbook(id: string, entry: { slot: number | null }): void {
    const slot = entry.slot;
    if (slot === null) return;
    entry.slot = null;
    const booked = this.slots.get(slot);
    if (!booked) return;
    booked.ids.delete(id);
    if (booked.ids.size > 0) return;
    clearTimeout(booked.timer);
    this.slots.delete(slot);
  }

  private async fire(id: string, slot: number): Promise<void> {
    const entry = this.monitors.get(id);
    if (!entry || this.stopped) return;
    // Book the next slot first, so a slow check never delays the schedule.
    this.schedule(id, slot + 1);
    await this.acquire();
    try {
      if (this.stopped || this.monitors.get(id) !== entry) return;
      if (this.options.mayRun && !this.options.mayRun(id)) return;
      this.latenessMs.push(this.now() - slot);
      if (this.latenessMs.length > 10_000) this.latenessMs = this.latenessMs.slice(-5_000);
      const outcome = await this.options.check(entry.assignment);
      this.checksDone++;
      this.outbox.push({ monitorId: id, at: new Date(slot).toISOString(), ok: outcome.ok, latencyMs: outcome.latencyMs, error: outcome.error ?? outcome.warning });
      // Results are batched to save statements, but never at the cost of an alert: a result that
      // changes the monitor's outcome (or a first one that fails) is delivered now, with the rest.
      const changed = (this.lastOk.get(id) ?? true) !== outcome.ok;
      this.lastOk.set(id, outcome.ok);
      if (changed || this.outbox.length >= this.maxBatch) this.flushSoon();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.concurrency) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  /** A delivery now rather than at the next tick; one queued behind a running one is enough. */
  private flushSoon(): void {
    if (this.queued) return;
    this.queued = true;
    void this.flush();
  }

  /** Hands gathered results over; deliveries never overlap, and a failed one keeps its results for the next try. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      this.queued = false;
      // What has gathered until now, at most `maxBatch` per delivery so one never grows past what the
      // store takes in one request; results arriving during a delivery wait for the next flush.
      let due = this.outbox.length;
      while (due > 0) {
        const batch = this.outbox.splice(0, Math.min(due, this.maxBatch));
        due -= batch.length;
        try {
          await this.options.deliver(batch);
        } catch {
          this.outbox.unshift(...batch);
          return;
        }
      }
    });
    return this.flushing;
  }

  stats(): { monitors: number; checks: number; inFlight: number; queued: number; latenessP50Ms: number; latenessP99Ms: number; latenessMaxMs: number } {
    const sorted = [...this.latenessMs].sort((a, b) => a - b);
    const pick = (q: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
    return { monitors: this.monitors.size, checks: this.checksDone, inFlight: this.active, queued: this.waiting.length, latenessP50Ms: pick(0.5), latenessP99Ms: pick(0.99), latenessMaxMs: sorted.at(-1) ?? 0 };
  }

  resetStats(): void {
    this.latenessMs = [];
    this.checksDone = 0;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.flushTimer) clearInterval(this.flushTimer);
    for (const booked of this.slots.values()) clearTimeout(booked.timer);
    this.slots.clear();
    for (const entry of this.monitors.values()) entry.slot = null;
    // Checks under way finish (each within its own timeout) and their results go with the last batch.
    await Promise.allSettled([...this.running]);
    await this.flush();
  }
}
