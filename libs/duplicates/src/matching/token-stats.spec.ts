import { buildTokenStats, namesWithToken, tokenWeight } from './token-stats.js';
import { DEFAULT_MATCH_SETTINGS } from './types.js';

const NAMES = [
  'Olney Foodbank',
  'Olney Village Hall Trust',
  'Bletchley Village Hall Trust',
  'Hanslope Village Hall Trust',
  'Wavendon Village Hall',
  'Olney Community Association',
  'Bletchley Community Association',
  'Wolverton Community Association',
];

describe('buildTokenStats and tokenWeight', () => {
  const stats = buildTokenStats(NAMES);
  const weight = (token: string) => tokenWeight(stats, token, DEFAULT_MATCH_SETTINGS);

  it('counts the names each normalised token key appears in, once per name', () => {
    expect(stats.names).toBe(8);
    expect(namesWithToken(stats, 'village')).toBe(4);
    expect(namesWithToken(stats, 'olney')).toBe(3);
    expect(namesWithToken(stats, 'foodbank')).toBe(1);
    expect(namesWithToken(stats, 'unknown')).toBe(0);
    expect(namesWithToken(buildTokenStats(['Olney Olney Club']), 'olney')).toBe(1);
  });

  it('weighs a rare word above a common one (Splink term frequencies)', () => {
    expect(weight('foodbank')).toBeCloseTo(Math.log2(9 / 2), 10);
    expect(weight('village')).toBeCloseTo(Math.log2(9 / 5), 10);
    expect(weight('foodbank')).toBeGreaterThan(weight('olney'));
    expect(weight('olney')).toBeGreaterThan(weight('village'));
    expect(weight('neverseen')).toBeCloseTo(Math.log2(9), 10);
  });

  it("caps generic words such as 'trust', 'association' and 'community' at genericTokenWeight", () => {
    const rareTrust = buildTokenStats([...NAMES.slice(0, 1), 'Parks Trust', ...Array.from({ length: 50 }, (_, i) => `Club ${i}`)]);
    expect(tokenWeight(rareTrust, 'trust', DEFAULT_MATCH_SETTINGS)).toBe(1);
    expect(tokenWeight(rareTrust, 'trust', { genericTokenWeight: 0.5 })).toBe(0.5);
    expect(weight('association')).toBe(1);
  });

  it('never weighs a word at zero', () => {
    const everywhere = buildTokenStats(['Olney A', 'Olney B', 'Olney C']);
    expect(tokenWeight(everywhere, 'olney', DEFAULT_MATCH_SETTINGS)).toBe(0.25);
  });
});
