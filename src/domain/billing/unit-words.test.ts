import { describe, expect, it } from 'vitest';
import { unitWord } from './unit-words.js';

describe('unit words', () => {
  it('writes the UN/ECE codes of the catalogue as words in each language', () => {
    expect(unitWord('HUR', 'lv')).toBe('st.');
    expect(unitWord('HUR', 'en')).toBe('h');
    expect(unitWord('C62', 'lv')).toBe('gab.');
    expect(unitWord('C62', 'en')).toBe('pcs');
    expect(unitWord('E34', 'lv')).toBe('GB');
  });

  it('prints an unknown code as it is rather than dropping it', () => {
    expect(unitWord('XYZ', 'lv')).toBe('XYZ');
  });
});
