import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { excludeDowntime, summarizeSla, type ExclusionInterval } from './exclusions.js';
import type { ReportState, Segment } from './timeline.js';

const S = 1000;

describe('outages excluded from the SLA', () => {
  // up [0,100) · down [100,400) · maintenance [400,500) · down [500,600) · unknown [600,1000)
  const timeline: Segment<ReportState>[] = [
    { start: 0, end: 100 * S, state: 'up' },
    { start: 100 * S, end: 400 * S, state: 'down' },
    { start: 400 * S, end: 500 * S, state: 'maintenance' },
    { start: 500 * S, end: 600 * S, state: 'down' },
    { start: 600 * S, end: 1000 * S, state: 'unknown' },
  ];

  it('takes only downtime out of the figures and keeps the outage listed', () => {
    // Exclusion [50, 200): 100 s of the first outage; up time and the second outage untouched.
    const exclusion: ExclusionInterval = { id: 'x1', start: 50 * S, end: 200 * S, reason: 'zondes kļūme' };
    const s = summarizeSla(excludeDowntime(timeline, [exclusion], 0, 1000 * S), [exclusion], 0, 1000 * S);
    // up 100; down 200 + 100 = 300; excluded 100; maintenance 100; unknown 400 → 1000 in all.
    expect(s).toMatchObject({ upSeconds: 100, downSeconds: 300, excludedSeconds: 100, maintenanceSeconds: 100, unknownSeconds: 400 });
    // 100 / (100 + 300) = 25 %; coverage (100 + 300 + 100) / (1000 − 100) = 55.5…%.
    expect(s.availabilityPercent).toBe(25);
    expect(s.coveragePercent).toBeCloseTo((500 / 900) * 100, 10);
    expect(s.outages).toEqual([
      { start: 100 * S, end: 400 * S, seconds: 300, excludedSeconds: 100, exclusionIds: ['x1'] },
      { start: 500 * S, end: 600 * S, seconds: 100, excludedSeconds: 0, exclusionIds: [] },
    ]);
  });

  it('counts excluded time inside and at the end of an outage into that one outage', () => {
    // Exclusions [150, 250) and [350, 450): the first outage [100, 400) is down 50 + 100 = 150 s
    // and excluded 100 + 50 = 150 s, still one outage; the second outage is untouched.
    const exclusions: ExclusionInterval[] = [
      { id: 'mid', start: 150 * S, end: 250 * S, reason: 'zondes kļūme' },
      { id: 'end', start: 350 * S, end: 450 * S, reason: 'nepārvarama vara' },
    ];
    const s = summarizeSla(excludeDowntime(timeline, exclusions, 0, 1000 * S), exclusions, 0, 1000 * S);
    expect(s).toMatchObject({ upSeconds: 100, downSeconds: 250, excludedSeconds: 150, maintenanceSeconds: 100, unknownSeconds: 400 });
    expect(s.outages).toEqual([
      { start: 100 * S, end: 400 * S, seconds: 300, excludedSeconds: 150, exclusionIds: ['mid', 'end'] },
      { start: 500 * S, end: 600 * S, seconds: 100, excludedSeconds: 0, exclusionIds: [] },
    ]);
  });

  it('an exclusion over the whole outage leaves availability at 100 %', () => {
    const exclusions = [{ id: 'a', start: 90 * S, end: 250 * S, reason: 'a' }, { id: 'b', start: 240 * S, end: 650 * S, reason: 'b' }];
    const s = summarizeSla(excludeDowntime(timeline, exclusions, 0, 1000 * S), exclusions, 0, 1000 * S);
    expect(s).toMatchObject({ upSeconds: 100, downSeconds: 0, excludedSeconds: 400, availabilityPercent: 100 });
    expect(s.outages.map((o) => o.exclusionIds)).toEqual([['a', 'b'], ['b']]);
  });

  it('never changes the total, and only moves down time', () => {
    const states: ReportState[] = ['up', 'down', 'maintenance', 'unknown'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 50 }), fc.constantFrom(...states)), { minLength: 1, maxLength: 30 }),
        fc.array(fc.tuple(fc.integer({ min: -10, max: 800 }), fc.integer({ min: 1, max: 200 })), { maxLength: 5 }),
        (parts, cuts) => {
          let t = 0;
          const segments = parts.map(([len, state]) => ({ start: t * S, end: (t += len) * S, state }));
          const exclusions = cuts.map(([start, len], i) => ({ id: String(i), start: start * S, end: (start + len) * S, reason: 'r' }));
          const plain = summarizeSla(segments, [], 0, t * S);
          const s = summarizeSla(excludeDowntime(segments, exclusions, 0, t * S), exclusions, 0, t * S);
          expect(s.upSeconds + s.downSeconds + s.excludedSeconds + s.maintenanceSeconds + s.unknownSeconds).toBe(t);
          expect(s.downSeconds + s.excludedSeconds).toBe(plain.downSeconds);
          expect([s.upSeconds, s.maintenanceSeconds, s.unknownSeconds]).toEqual([plain.upSeconds, plain.maintenanceSeconds, plain.unknownSeconds]);
          expect(s.outages.map((o) => [o.start, o.end])).toEqual(plain.outages.map((o) => [o.start, o.end]));
        },
      ),
    );
  });
});
