import { findOverlaps, parsePeriodAward, rankPairs, type PeriodAward } from './award-overlaps.js';

const award = (id: string, directorateId: string, from: string, to: string, over: Partial<PeriodAward> = {}): PeriodAward =>
  ({ ...parsePeriodAward(`${id} ${directorateId} o1 c 100 ${from} ${to} -`), ...over });

describe('findOverlaps', () => {
  it('pairs awards of different directorates whose periods overlap (both ends included), never two of one directorate', () => {
    const r = findOverlaps([
      award('a', 'A', '2025-04-01', '2026-03-31', { amountPence: '9500000' }),
      award('b', 'B', '2026-03-31', '2026-12-31', { amountPence: '4000000', organisationId: 'o2' }),
      award('c', 'A', '2026-01-01', '2026-06-30'),
      award('d', 'B', '2027-01-01', '2027-12-31'),
    ])!;
    expect(r.pairs).toEqual([
      { aId: 'a', bId: 'b', from: '2026-03-31', to: '2026-03-31', level: 1, days: 0 },
      { aId: 'b', bId: 'c', from: '2026-03-31', to: '2026-06-30', level: 1, days: 91 },
    ]);
    expect(r).toMatchObject({ awardIds: ['a', 'b', 'c'], directorateIds: ['A', 'B'], totalAmountPence: 13500100n, overlapFrom: '2026-03-31', overlapTo: '2026-06-30', maxLevel: 1 });
    expect([...r.awardsByOrganisation]).toEqual([['o1', 2], ['o2', 1]]);
  });

  it('levels pairs: in-kind involved 0, one programme 2; none overlapping means no flag', () => {
    const r = findOverlaps([award('a', 'A', '2025-01-01', '2025-12-31', { programme: 'p1' }), award('b', 'B', '2025-06-01', '2025-06-30', { programme: 'p1' }), award('c', 'C', '2025-06-01', '2025-06-30', { inKind: true, programme: 'p1' })])!;
    expect(r.pairs.map((p) => [p.aId, p.bId, p.level])).toEqual([['a', 'b', 2], ['a', 'c', 0], ['b', 'c', 0]]);
    expect(rankPairs(r.pairs).map((p) => p.aId + p.bId)).toEqual(['ab', 'ac', 'bc']);
    expect(findOverlaps([award('a', 'A', '2025-01-01', '2025-12-31'), award('b', 'B', '2026-01-01', '2026-12-31')])).toBeNull();
  });

  it('changes its digest when an amount or a period changes', () => {
    const base = [award('a', 'A', '2025-01-01', '2025-12-31'), award('b', 'B', '2025-06-01', '2025-06-30')];
    const digest = findOverlaps(base)!.awardsDigest;
    expect(findOverlaps(base)!.awardsDigest).toBe(digest);
    expect(findOverlaps([base[0], { ...base[1], amountPence: '101' }])!.awardsDigest).not.toBe(digest);
    expect(findOverlaps([base[0], award('b', 'B', '2025-06-01', '2025-07-31')])!.awardsDigest).not.toBe(digest);
  });

  it('reads the compact lines SQL sends', () => {
    expect(parsePeriodAward('a1 d1 o1 k 1250050 2025-04-01 2026-03-31 -')).toEqual({ id: 'a1', directorateId: 'd1', organisationId: 'o1', inKind: true, programme: null, amountPence: '1250050', from: '2025-04-01', to: '2026-03-31', fromDay: 20179, toDay: 20543 });
    expect(parsePeriodAward('a1 d1 o1 c 5 2025-04-01 2026-03-31 -123').programme).toBe('-123');
  });
});
