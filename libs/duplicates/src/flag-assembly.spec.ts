import { token_set_ratio } from 'fuzzball';
import { DEFAULT_DUPLICATE_SETTINGS } from './duplicate-settings.js';
import { assembleFlag, assessOverlap, fingerprintOf, SimilarityCache, type ClusterOverlap, type FlagAward } from './flag-assembly.js';

const settings = DEFAULT_DUPLICATE_SETTINGS.flags;
const award = (over: Partial<FlagAward>): FlagAward => ({
  id: 'a1',
  directorateName: 'Children and Families',
  kind: 'grant',
  title: 'Holiday play schemes 2025-28',
  description: null,
  programme: null,
  ...over,
});

describe('assessOverlap', () => {
  it('is low whenever in-kind support is involved, even in one programme', () => {
    const cash = award({ programme: 'Play' });
    const inKind = award({ id: 'a2', kind: 'in_kind', title: 'Rent-free hall', programme: 'Play' });
    expect(assessOverlap(cash, inKind, settings)).toEqual({ severity: 'low', reason: 'in-kind support "Rent-free hall" overlaps cash' });
    expect(assessOverlap(inKind, { ...inKind, id: 'a3' }, settings)).toEqual({ severity: 'low', reason: 'both are in-kind support' });
  });

  it('is high for one programme, whatever the case and surrounding spaces', () => {
    expect(assessOverlap(award({ programme: ' Food security ' }), award({ id: 'a2', title: 'Meals', programme: 'food security' }), settings)).toEqual({ severity: 'high', reason: 'same programme "Food security"' });
  });

  it('is high for close titles (token_set_ratio at or above the threshold) and names the score', () => {
    const r = assessOverlap(award({}), award({ id: 'a2', title: 'Holiday play scheme 2025-2028' }), settings);
    expect(r).toEqual({ severity: 'high', reason: 'close titles "Holiday play schemes 2025-28" ~ "Holiday play scheme 2025-2028" (token_set_ratio 95)' });
  });

  it('is high for close descriptions, medium otherwise', () => {
    const a = award({ title: 'Youth voice', description: 'Street-based outreach on Friday nights in Wolverton' });
    const b = award({ id: 'a2', title: 'Detached youth work', description: 'Street based outreach on Friday nights, Wolverton' });
    expect(assessOverlap(a, b, settings)).toEqual({ severity: 'high', reason: 'close descriptions (token_set_ratio 100)' });
    expect(assessOverlap({ ...a, description: 'A young people’s council' }, b, settings)).toEqual({ severity: 'medium', reason: 'different programmes and purposes (titles token_set_ratio 63)' });
  });

  it('scores the same through the cache as fuzzball does directly', () => {
    const cache = new SimilarityCache();
    expect(cache.tokenSetRatio('Holiday play schemes 2025-28', 'holiday PLAY scheme 2025–2028')).toBe(cache.tokenSetRatio('holiday PLAY scheme 2025–2028', 'Holiday play schemes 2025-28'));
    expect(cache.tokenSetRatio('Emergency food parcels', 'Holiday hunger meals')).toBe(33);
    for (const [x, y] of [['Holiday play schemes 2025-28', 'Holiday play scheme 2025-2028'], ['Youth voice', 'Detached youth work'], ['Café Œuvre – Ølby', 'cafe oeuvre olby']])
      expect(cache.tokenSetRatio(x, y)).toBe(token_set_ratio(x, y));
    expect(cache.tokenSetRatio('Same', 'Same')).toBe(100);
  });
});

describe('assembleFlag', () => {
  const cluster: ClusterOverlap = {
    clusterKey: 'k1',
    overlapFrom: '2025-07-01',
    overlapTo: '2025-08-31',
    maxLevel: 1,
    pairs: 1,
    awardIds: ['a2', 'a1'],
    directorateIds: ['d2', 'd1'],
    funderIds: ['f1'],
    totalAmountPence: 3500050n,
    awardsDigest: 'digest',
    displayName: 'Bletchley Food Bank',
    topPairs: [{ aId: 'a1', bId: 'a2', from: '2025-07-01', to: '2025-08-31' }],
  };
  const a1 = award({ title: 'Emergency food parcels' });
  const a2 = award({ id: 'a2', title: 'Holiday hunger meals', directorateName: 'Public Health' });
  const pair = { ...cluster.topPairs[0], a: a1, b: a2, ...assessOverlap(a1, a2, settings) };

  it('takes the most severe assessed pair, sorts ids and fingerprints what a reviewer sees', () => {
    const flag = assembleFlag(cluster, [pair], [{ id: 'o2', name: 'Trussell Trust Bletchley' }, { id: 'o1', name: 'Bletchley Food Bank' }], [], settings);
    expect(flag).toMatchObject({
      clusterKey: 'k1',
      organisationName: 'Bletchley Food Bank',
      organisation: { id: 'k1', name: 'Bletchley Food Bank', memberIds: ['o1', 'o2'] },
      awardIds: ['a1', 'a2'],
      directorateIds: ['d1', 'd2'],
      severity: 'medium',
      fingerprint: fingerprintOf('digest', '2025-07-01', '2025-08-31', 'medium'),
    });
    expect(flag.evidence.overlaps).toEqual([
      { awardIds: ['a1', 'a2'], directorates: ['Children and Families', 'Public Health'], from: '2025-07-01', to: '2025-08-31', severity: 'medium', reason: 'different programmes and purposes (titles token_set_ratio 33)' },
    ]);
  });

  it("takes a high pair's severity, and the fingerprint changes with the severity", () => {
    const flag = assembleFlag({ ...cluster, maxLevel: 2 }, [{ ...pair, severity: "high" as const, reason: "same programme" }], [], [], settings);
    expect(flag.severity).toBe('high');
    expect(flag.fingerprint).not.toBe(fingerprintOf('digest', '2025-07-01', '2025-08-31', 'medium'));
  });
});
