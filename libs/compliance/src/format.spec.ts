import { count, daysAdjective, daysAndWeeks, listInWords, percent, recorded } from './format.js';

describe('message wording', () => {
  it('rounds percentages half up, exactly', () => {
    expect(percent(1_750_000n, 10_750_000n, 2)).toBe('16.28 %');
    expect(percent(1_750_000n, 9_000_000n, 2)).toBe('19.44 %');
    expect(percent(500_000n, 1_750_000n, 1)).toBe('28.6 %');
    expect(percent(1n, 8n, 0)).toBe('13 %');
    expect(percent(1n, 8n, 1)).toBe('12.5 %');
    expect(percent(2n, 3n, 2)).toBe('66.67 %');
    expect(percent(0n, 3n, 1)).toBe('0.0 %');
  });
  it('words counts, weeks and lists', () => {
    expect([count(1, 'day'), count(2, 'day'), count(2, 'payment is', 'payments are')]).toEqual(['1 day', '2 days', '2 payments are']);
    expect([daysAndWeeks(84), daysAndWeeks(85), daysAdjective(56), daysAdjective(90)]).toEqual(['84 days (12 weeks)', '85 days', '8-week (56-day)', '90-day']);
    expect([listInWords([]), listInWords(['a']), listInWords(['a', 'b']), listInWords(['a', 'b', 'c'])]).toEqual(['', 'a', 'a and b', 'a, b and c']);
  });
  it('treats blank recorded text as none', () => {
    expect([recorded(null), recorded('  '), recorded(' Pilot year ')]).toEqual([null, null, 'Pilot year']);
  });
});
