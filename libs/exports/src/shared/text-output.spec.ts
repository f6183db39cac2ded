import { csvField, csvLine } from './text-output.js';
import { dateCell, poundsCell } from './xlsx.js';

describe('export cell and field helpers', () => {
  it('quotes CSV fields only when they need it', () => {
    expect(csvLine(['360G-x-1', 'Play, sport & "fun"', 12500.5, null, 'two\nlines'])).toBe('360G-x-1,"Play, sport & ""fun""",12500.5,,"two\nlines"\r\n');
    expect(csvField(undefined)).toBe('');
    expect(csvField(true)).toBe('true');
  });

  it('turns pence into pounds and calendar dates into whole-day UTC dates', () => {
    expect(poundsCell(9500000n)).toBe(95000);
    expect(poundsCell('3166667')).toBe(31666.67);
    expect(poundsCell(1n)).toBe(0.01);
    expect(poundsCell(null)).toBeNull();
    expect(dateCell('2025-04-01')?.toISOString()).toBe('2025-04-01T00:00:00.000Z');
    expect(dateCell(null)).toBeNull();
  });
});
