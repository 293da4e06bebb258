import { describe, expect, it } from 'vitest';
import { parseDeskAddress, ticketReplyAddress } from './reply-address.js';

describe('ticket reply addresses', () => {
  it('puts the ticket number after a plus in the desk address', () => {
    expect(ticketReplyAddress('atbalsts@kopa.rda.lv', 1042)).toBe('atbalsts+1042@kopa.rda.lv');
  });

  it('reads the ticket number, the desk itself, or nothing', () => {
    expect(parseDeskAddress('atbalsts@kopa.rda.lv', 'Atbalsts+1042@Kopa.RDA.lv')).toEqual({ ticketNumber: 1042 });
    expect(parseDeskAddress('atbalsts@kopa.rda.lv', 'atbalsts@kopa.rda.lv')).toEqual({ desk: true });
    expect(parseDeskAddress('atbalsts@kopa.rda.lv', 'atbalsts+abc@kopa.rda.lv')).toBeNull();
    expect(parseDeskAddress('atbalsts@kopa.rda.lv', 'atbalsts+0@kopa.rda.lv')).toBeNull();
    expect(parseDeskAddress('atbalsts@kopa.rda.lv', 'other+1042@kopa.rda.lv')).toBeNull();
    expect(parseDeskAddress('atbalsts@kopa.rda.lv', 'atbalsts+1042@elsewhere.lv')).toBeNull();
  });
});
