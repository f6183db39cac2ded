import { Decimal } from 'decimal.js';
import { AppError } from '@app/common';
import { computeSroi } from './compute-sroi.js';
import { makeAward, plainOutcome } from './sroi.fixtures.js';
import { DEFAULT_SROI_SETTINGS, type SroiSummaryRow } from './sroi.types.js';
import { SroiAccumulator, summariseSroi } from './summarise-sroi.js';

const row = (rows: SroiSummaryRow[], level: SroiSummaryRow['level'], key: string | null) =>
  rows.find((r) => r.level === level && r.key === key);

// PV 100000.00 on £1,000,000: ratio 0.10.
const weak = makeAward({ awardId: 'award-2', inputsPence: 100_000_000n, outcomes: [plainOutcome('103500')] });
const unvalued = makeAward({ awardId: 'award-3', inputsPence: 1_000_000n, outcomes: [], programme: null, directorate: 'Children' });

describe('summariseSroi', () => {
  const rows = summariseSroi([makeAward(), weak, unvalued], DEFAULT_SROI_SETTINGS);

  it('pools the ratio as Σ PV / Σ inputs, not the mean of the awards’ ratios', () => {
    const programme = row(rows, 'programme', 'Into work');
    expect(programme).toMatchObject({ awards: 2, inputs: '1050000.00', presentValue: '277837.81', netPresentValue: '-772162.19', ratio: '0.26' });
    const meanOfRatios = new Decimal(computeSroi(makeAward()).ratio!).plus(computeSroi(weak).ratio!).div(2).toFixed(2);
    expect(meanOfRatios).toBe('1.83');
    expect(programme?.ratio).not.toBe(meanOfRatios);
  });

  it('counts awards without outcomes and keeps their inputs', () => {
    expect(row(rows, 'programme', null)).toMatchObject({ label: 'No programme', awards: 1, awardsWithoutOutcomes: 1, inputs: '10000.00', presentValue: '0.00', ratio: '0.00' });
    expect(row(rows, 'funder', 'Milton Keynes City Council')).toMatchObject({ awards: 3, awardsWithoutOutcomes: 1, inputs: '1060000.00', ratio: '0.26' });
    expect(row(rows, 'directorate', 'Children')?.paybackMonths).toBeNull();
  });

  it('gives rows per award, programme, directorate and funder, groups by label with "No …" last', () => {
    expect(rows.map((r) => `${r.level}:${r.label}`)).toEqual([
      'award:award-1',
      'award:award-2',
      'award:award-3',
      'programme:Into work',
      'programme:No programme',
      'directorate:Adult social care',
      'directorate:Children',
      'funder:Milton Keynes City Council',
    ]);
  });

  it('keeps the award rows equal to computeSroi', () => {
    const award = row(rows, 'award', 'award-1');
    const single = computeSroi(makeAward());
    expect(award).toMatchObject({ inputs: single.inputs, presentValue: single.presentValue, ratio: '3.56', lowRatio: '2.85', highRatio: '4.27', paybackMonths: '6.54', breakEvenProxyFactor: '0.2812' });
  });

  it('keeps low ≤ pooled ≤ high in every row', () => {
    for (const r of rows.filter((x) => x.ratio !== null))
      expect([new Decimal(r.lowRatio!).lte(r.ratio!), new Decimal(r.ratio!).lte(r.highRatio!)]).toEqual([true, true]);
    expect(row(rows, 'directorate', 'Adult social care')).toMatchObject({ lowRatio: '0.21', ratio: '0.26', highRatio: '0.32' });
  });

  it('sums full-precision PVs and rounds once (twice 177837.8066 is 355675.61, not 355675.62)', () => {
    const twice = summariseSroi([makeAward({ awardId: 'a' }), makeAward({ awardId: 'b' })]);
    expect(row(twice, 'award', 'a')?.presentValue).toBe('177837.81');
    expect(row(twice, 'programme', 'Into work')).toMatchObject({ presentValue: '355675.61', inputs: '100000.00', netPresentValue: '255675.61' });
  });
});

describe('SroiAccumulator', () => {
  it('streams awards, returns each award’s result and can leave award rows out', () => {
    const acc = new SroiAccumulator(DEFAULT_SROI_SETTINGS, { awardRows: false });
    expect(acc.add(makeAward())).toEqual(computeSroi(makeAward()));
    acc.add(weak);
    expect(acc.result().map((r) => r.level)).toEqual(['programme', 'directorate', 'funder']);
    expect(acc.result()[0]).toMatchObject({ key: 'Into work', awards: 2, ratio: '0.26' });
  });

  it('refuses the same award twice and a bad award, adding nothing', () => {
    const acc = new SroiAccumulator();
    acc.add(makeAward());
    expect(() => acc.add(makeAward())).toThrow(AppError);
    expect(() => acc.add(makeAward({ awardId: 'bad', outcomes: [plainOutcome('x')] }))).toThrow(/financialProxy/);
    expect(acc.result().map((r) => [r.level, r.awards, r.presentValue])).toEqual([
      ['award', 1, '177837.81'],
      ['programme', 1, '177837.81'],
      ['directorate', 1, '177837.81'],
      ['funder', 1, '177837.81'],
    ]);
  });

  it('reports a group whose inputs are all zero with no ratio', () => {
    const acc = new SroiAccumulator();
    acc.add(makeAward({ inputsPence: 0n, programme: 'Volunteering' }));
    expect(acc.result().find((r) => r.level === 'programme')).toMatchObject({ ratio: null, lowRatio: null, highRatio: null, breakEvenProxyFactor: '0.0000' });
  });
});
