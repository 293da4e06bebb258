/** One entry of the append-only, hash-chained audit log. */
export interface AuditEvent {
  seq: string;
  id: string;
  at: string;
  actorKind: string;
  actorId: string | null;
  actorLabel: string;
  tenantId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  clientAddress: string | null;
  prevHash: string;
  hash: string;
}

export type AuditPayload = Omit<AuditEvent, 'seq' | 'prevHash' | 'hash'>;

export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every level, so the same event hashes the same
 * whether it comes from memory or back out of a jsonb column (which reorders keys).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * An event's instant as the hash sees it, from the stored `timestamptz` written out in UTC
 * to the microsecond (`YYYY-MM-DDTHH:MM:SS.ffffff`). The database keeps microseconds while
 * a JavaScript Date keeps milliseconds, so reading `at` back as a Date would hide an edit
 * below the millisecond. Events written by Kopa carry whole milliseconds and keep the
 * familiar ISO form (`….123Z`), so chains hashed before this rule still verify; any other
 * stored value is written with all six digits and no longer matches its hash.
 */
export function auditInstant(storedUtc: string): string {
  const match = /^(\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?$/.exec(storedUtc);
  if (!match) throw new Error(`Not a stored UTC instant: ${storedUtc}`);
  const micros = (match[2] ?? '').padEnd(6, '0');
  return micros.endsWith('000') ? `${match[1]}.${micros.slice(0, 3)}Z` : `${match[1]}.${micros}Z`;
}

/** The text whose digest, chained to the previous one, is the event's hash. */
export function auditHashInput(prevHash: string, event: AuditPayload): string {
  return `${prevHash}\n${canonicalJson({
    id: event.id,
    at: event.at,
    actorKind: event.actorKind,
    actorId: event.actorId,
    actorLabel: event.actorLabel,
    tenantId: event.tenantId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    before: event.before,
    after: event.after,
    requestId: event.requestId,
    clientAddress: event.clientAddress,
  })}`;
}

/** What a check of the chain can find; `head_mismatch` is the stored head disagreeing with the last event. */
export const CHAIN_PROBLEMS = ['hash_mismatch', 'broken_link', 'gap', 'head_mismatch'] as const;
export type ChainProblemCode = (typeof CHAIN_PROBLEMS)[number];

export interface ChainProblem {
  seq: string;
  problem: Exclude<ChainProblemCode, 'head_mismatch'>;
}

/**
 * Walks events in sequence order. `digest` is injected so the domain stays free of I/O
 * and crypto libraries. Sequence numbers are gapless (assigned under a lock), so a
 * deleted event shows as a gap and a broken link, an edited one as a hash mismatch.
 */
export function verifyChain(
  events: Iterable<AuditEvent>,
  digest: (text: string) => string,
  start: { prevHash: string; prevSeq: bigint | null } = { prevHash: GENESIS_HASH, prevSeq: null },
): { checked: number; problems: ChainProblem[]; last: { prevHash: string; prevSeq: bigint | null } } {
  let { prevHash, prevSeq } = start;
  let checked = 0;
  const problems: ChainProblem[] = [];
  for (const e of events) {
    checked++;
    const seq = BigInt(e.seq);
    if (prevSeq !== null && seq !== prevSeq + 1n) problems.push({ seq: e.seq, problem: 'gap' });
    if (e.prevHash !== prevHash) problems.push({ seq: e.seq, problem: 'broken_link' });
    if (digest(auditHashInput(e.prevHash, e)) !== e.hash) problems.push({ seq: e.seq, problem: 'hash_mismatch' });
    prevHash = e.hash;
    prevSeq = seq;
  }
  return { checked, problems, last: { prevHash, prevSeq } };
}
