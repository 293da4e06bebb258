import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maintenanceIcs, type MaintenanceEvent } from './maintenance-ics.js';

const STAMP = Date.parse('2026-10-01T08:00:00Z');
const event = (over: Partial<MaintenanceEvent> = {}): MaintenanceEvent => ({
  id: '0b7e3c1a-0000-4000-8000-000000000001',
  sequence: 0,
  title: 'DVS atjaunināšana',
  description: null,
  startMs: Date.parse('2026-10-13T19:00:00Z'),
  endMs: Date.parse('2026-10-13T22:00:00Z'),
  ...over,
});
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');
const lines = (text: string) => unfold(text).split('\r\n');

describe('maintenance calendar messages', () => {
  it('writes a REQUEST with the window in Riga wall-clock time and the zone defined', () => {
    const text = maintenanceIcs('REQUEST', [event(), event({ id: '0b7e3c1a-0000-4000-8000-000000000002', startMs: Date.parse('2026-11-10T20:00:00Z'), endMs: Date.parse('2026-11-10T23:00:00Z') })], STAMP, 'desk@kopa.lv');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const all = lines(text);
    expect(all).toEqual(expect.arrayContaining(['METHOD:REQUEST', 'BEGIN:VTIMEZONE', 'TZID:Europe/Riga', 'UID:maintenance-0b7e3c1a-0000-4000-8000-000000000001@kopa', 'SEQUENCE:0', 'DTSTAMP:20261001T080000Z', 'STATUS:CONFIRMED', 'ORGANIZER:mailto:desk@kopa.lv']));
    // Both occurrences read 22:00–01:00 although their UTC times differ by the DST change.
    expect(all.filter((l) => l.startsWith('DTSTART;'))).toEqual(['DTSTART;TZID=Europe/Riga:20261013T220000', 'DTSTART;TZID=Europe/Riga:20261110T220000']);
    expect(all.filter((l) => l.startsWith('DTEND;'))).toEqual(['DTEND;TZID=Europe/Riga:20261014T010000', 'DTEND;TZID=Europe/Riga:20261111T010000']);
    expect(all.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
  });

  it('a cancellation is METHOD:CANCEL with STATUS:CANCELLED and the raised SEQUENCE, under the same UID', () => {
    const all = lines(maintenanceIcs('CANCEL', [event({ sequence: 3 })], STAMP, null));
    expect(all).toEqual(expect.arrayContaining(['METHOD:CANCEL', 'STATUS:CANCELLED', 'SEQUENCE:3', 'UID:maintenance-0b7e3c1a-0000-4000-8000-000000000001@kopa']));
    expect(all.some((l) => l.startsWith('ORGANIZER'))).toBe(false);
  });

  it('escapes text and folds every line at 75 octets without splitting a character', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 70, maxLength: 300, size: 'max', unit: fc.constantFrom('ā', 'š', 'a', ';', ',', '\\', '\n', ' ', 'Ž', '€', 'x') }), (title) => {
        const text = maintenanceIcs('REQUEST', [event({ title, description: title })], STAMP, null);
        const raw = text.split('\r\n');
        for (const line of raw) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
        expect(text).not.toContain('\uFFFD');
        const summary = lines(text).find((l) => l.startsWith('SUMMARY:'))!.slice('SUMMARY:'.length);
        // Unescaping gives the title back.
        expect(summary.replace(/\\(n|N|;|,|\\)/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c))).toBe(title);
      }),
    );
  });
});
