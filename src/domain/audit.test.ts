import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditHashInput, auditInstant, canonicalJson, GENESIS_HASH, verifyChain, type AuditEvent } from './audit.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

function chain(count: number): AuditEvent[] {
  const events: AuditEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 1; i <= count; i++) {
    const payload = {
      id: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
      at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      actorKind: 'user',
      actorId: 'u1',
      actorLabel: 'operators@rda.lv',
      tenantId: null,
      action: 'tenant.updated',
      entityType: 'tenant',
      entityId: `t${i}`,
      before: { name: `Old ${i}` },
      after: { name: `New ${i}`, nested: { b: 1, a: [1, 2] } },
      requestId: `r${i}`,
      clientAddress: '127.0.0.1',
    };
    const hash = sha(auditHashInput(prevHash, payload));
    events.push({ ...payload, seq: String(i), prevHash, hash });
    prevHash = hash;
  }
  return events;
}

describe('canonical JSON', () => {
  it('sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('does not depend on key order (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        return canonicalJson(obj) === canonicalJson(reversed);
      }),
    );
  });
});

describe('audit hash chain', () => {
  it('verifies an intact chain', () => {
    const result = verifyChain(chain(5), sha);
    expect(result).toMatchObject({ checked: 5, problems: [] });
  });

  it('finds an edited event', () => {
    const events = chain(5);
    events[2] = { ...events[2]!, after: { name: 'Forged' } };
    expect(verifyChain(events, sha).problems).toEqual([{ seq: '3', problem: 'hash_mismatch' }]);
  });

  it('finds a deleted event as a gap and a broken link', () => {
    const events = chain(5);
    events.splice(1, 1);
    expect(verifyChain(events, sha).problems).toEqual([
      { seq: '3', problem: 'gap' },
      { seq: '3', problem: 'broken_link' },
    ]);
  });

  it('finds a re-hashed forgery by the broken link to the next event', () => {
    const events = chain(4);
    const forged = { ...events[1]!, after: { name: 'Forged' } };
    forged.hash = sha(auditHashInput(forged.prevHash, forged));
    events[1] = forged;
    expect(verifyChain(events, sha).problems).toEqual([{ seq: '3', problem: 'broken_link' }]);
  });
});

/*
 * Known-answer vectors: the hashed text is written out by hand below (the previous hash, a newline,
 * then every field of the event as JSON with keys sorted at every level), and the digests were
 * computed from that text outside this code base with `printf '%s' "$TEXT" | sha256sum`. Whatever
 * the implementation does, it must hash exactly this text to exactly these digests.
 */
describe('audit hash chain against known-answer vectors', () => {
  const first = {
    id: '3f1c2a9e-7b4d-4e8f-9a6b-1c2d3e4f5a6b',
    at: '2026-10-12T08:00:00.000Z',
    actorKind: 'user',
    actorId: '11111111-2222-4333-8444-555555555555',
    actorLabel: 'operators@rda.lv',
    tenantId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
    action: 'tenant.updated',
    entityType: 'tenant',
    entityId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
    before: { name: 'Cēsu novada pašvaldība', email: null },
    after: { name: 'Cēsu novads', email: 'dome@cesis.lv', address: { street: 'Raunas iela 4', city: 'Cēsis' } },
    requestId: 'req-12345678',
    clientAddress: '192.0.2.10',
  };
  const FIRST_TEXT =
    '0000000000000000000000000000000000000000000000000000000000000000\n' +
    '{"action":"tenant.updated","actorId":"11111111-2222-4333-8444-555555555555","actorKind":"user","actorLabel":"operators@rda.lv",' +
    '"after":{"address":{"city":"Cēsis","street":"Raunas iela 4"},"email":"dome@cesis.lv","name":"Cēsu novads"},"at":"2026-10-12T08:00:00.000Z",' +
    '"before":{"email":null,"name":"Cēsu novada pašvaldība"},"clientAddress":"192.0.2.10","entityId":"aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",' +
    '"entityType":"tenant","id":"3f1c2a9e-7b4d-4e8f-9a6b-1c2d3e4f5a6b","requestId":"req-12345678","tenantId":"aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"}';
  const FIRST_HASH = '40a5848b89d2bd086bf2815c4dd5ca607a806d9a55e45670fb82f8b9c10668fc';

  // A system event with every optional field empty, chained to the first.
  const second = {
    id: '4a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    at: '2026-11-02T07:00:00.000Z',
    actorKind: 'system',
    actorId: null,
    actorLabel: 'system:month-close',
    tenantId: null,
    action: 'billing_run.finalized',
    entityType: 'billing_run',
    entityId: 'bbbbbbbb-cccc-4ddd-8eee-ffffffffffff',
    before: null,
    after: { month: '2026-10', invoices: ['KOPA-2026-00001'] },
    requestId: null,
    clientAddress: null,
  };
  const SECOND_TEXT =
    `${FIRST_HASH}\n` +
    '{"action":"billing_run.finalized","actorId":null,"actorKind":"system","actorLabel":"system:month-close",' +
    '"after":{"invoices":["KOPA-2026-00001"],"month":"2026-10"},"at":"2026-11-02T07:00:00.000Z","before":null,"clientAddress":null,' +
    '"entityId":"bbbbbbbb-cccc-4ddd-8eee-ffffffffffff","entityType":"billing_run","id":"4a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d","requestId":null,"tenantId":null}';
  const SECOND_HASH = 'aa63669cf5ff44556d507fe338b581b841ae4aeba3793de01ab010db1e8d9a72';

  it('hashes exactly the written-out text of every field to the known digest', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    expect(auditHashInput(GENESIS_HASH, first)).toBe(FIRST_TEXT);
    expect(sha(auditHashInput(GENESIS_HASH, first))).toBe(FIRST_HASH);
    expect(auditHashInput(FIRST_HASH, second)).toBe(SECOND_TEXT);
    expect(sha(auditHashInput(FIRST_HASH, second))).toBe(SECOND_HASH);
  });

  it('accepts the known chain and names the event when any one field of it differs', () => {
    const chainOf = (a: typeof first, b: typeof second): AuditEvent[] => [
      { ...a, seq: '1', prevHash: GENESIS_HASH, hash: FIRST_HASH },
      { ...b, seq: '2', prevHash: FIRST_HASH, hash: SECOND_HASH },
    ];
    expect(verifyChain(chainOf(first, second), sha)).toMatchObject({ checked: 2, problems: [] });
    const fields = Object.keys(first) as (keyof typeof first)[];
    expect(fields).toHaveLength(13);
    for (const field of fields) {
      const edited = { ...first, [field]: field === 'before' || field === 'after' ? { name: 'Forged' } : `${String(first[field])}~` };
      expect(verifyChain(chainOf(edited, second), sha).problems, field).toEqual([{ seq: '1', problem: 'hash_mismatch' }]);
    }
  });
});

describe('auditInstant', () => {
  it('writes whole milliseconds in the ISO form Kopa has always hashed', () => {
    expect(auditInstant('2026-12-04T18:33:55.123000')).toBe('2026-12-04T18:33:55.123Z');
    expect(auditInstant('2026-12-04T18:33:55.000000')).toBe('2026-12-04T18:33:55.000Z');
    expect(auditInstant('2026-12-04T18:33:55')).toBe('2026-12-04T18:33:55.000Z');
  });

  it('keeps every stored microsecond, so a sub-millisecond edit changes the text', () => {
    expect(auditInstant('2026-12-04T18:33:55.123001')).toBe('2026-12-04T18:33:55.123001Z');
    expect(auditInstant('2026-12-04T18:33:55.123456')).toBe('2026-12-04T18:33:55.123456Z');
  });

  it('agrees with Date#toISOString for every millisecond instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2200, 0, 1) }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(auditInstant(`${iso.slice(0, 23)}000`)).toBe(iso);
      }),
    );
  });

  it('refuses text that is not a stored instant', () => {
    expect(() => auditInstant('2026-12-04 18:33:55+00')).toThrow();
  });
});
