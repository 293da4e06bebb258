import { describe, expect, it } from 'vitest';
import { currentState, unknownReason } from './current-state.js';

const monitor = { locations: ['lvrtc', 'lnb'], intervalSeconds: 60, failuresToConfirm: 2 };
const MIN = 60_000;
const now = 100 * MIN;
const at = (location: string, minute: number, ok: boolean) => ({ location, at: minute * MIN, ok });

describe('current state of a monitor', () => {
  it('is down when a majority of the locations end in a confirmed run, since the later run began', () => {
    const results = [at('lvrtc', 97, true), at('lvrtc', 98, false), at('lvrtc', 99, false), at('lnb', 96, false), at('lnb', 97, false), at('lnb', 98, false)];
    expect(currentState(monitor, results, now)).toEqual({ state: 'down', since: 98 * MIN });
  });

  it('is up when only one of two locations is down (no majority)', () => {
    const results = [at('lvrtc', 98, false), at('lvrtc', 99, false), at('lnb', 98, true), at('lnb', 99, true)];
    expect(currentState(monitor, results, now).state).toBe('up');
  });

  it('counts a single failure as up, and a silent location as unknown', () => {
    expect(currentState(monitor, [at('lvrtc', 98, true), at('lvrtc', 99, false)], now).state).toBe('up');
    // lnb's last result is 3 intervals old: unknown, so lvrtc alone decides.
    expect(currentState(monitor, [at('lvrtc', 98, false), at('lvrtc', 99, false), at('lnb', 97, true)], now).state).toBe('down');
    expect(currentState(monitor, [at('lnb', 90, false)], now)).toEqual({ state: 'unknown', since: 93 * MIN });
  });

  it('says why the state is unknown: paused, never probed, or which locations went silent and when', () => {
    const active = { ...monitor, active: true };
    expect(unknownReason({ ...monitor, active: false }, [at('lvrtc', 99, true)], now)).toEqual({ code: 'paused' });
    expect(unknownReason(active, [], now)).toEqual({ code: 'never_probed' });
    // Three intervals without a result from either location: the last word was lnb's at minute 90.
    expect(unknownReason(active, [at('lvrtc', 80, true), at('lnb', 90, false)], now)).toEqual({ code: 'no_results', locations: ['lvrtc', 'lnb'], lastResultAt: 90 * MIN });
    expect(unknownReason(active, [at('lvrtc', 80, true), at('lnb', 98, true)], now)).toBeNull();
  });
});
