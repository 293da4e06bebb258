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
