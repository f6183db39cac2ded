import { Decimal } from 'decimal.js';
import { AppError } from '@app/common';
import { computeSroi } from './compute-sroi.js';
import { intoWork, lessIsolated, makeAward, plainOutcome } from './sroi.fixtures.js';
import { DEFAULT_SROI_SETTINGS } from './sroi.types.js';

const thrownBy = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
};
const noDiscount = { ...DEFAULT_SROI_SETTINGS, discountRate: '0' };

describe('computeSroi: the worked example of DOMAIN.md §4', () => {
  const result = computeSroi(makeAward(), DEFAULT_SROI_SETTINGS);

  it('values each year, discounts year 1 too, and rounds once at the end', () => {
    expect(result).toMatchObject({
      awardId: 'award-1',
      inputs: '50000.00',
      yearValues: ['91800.00', '62100.00', '34560.00'],
      presentValue: '177837.81',
      netPresentValue: '127837.81',
      ratio: '3.56',
      ratioText: '3.56 : 1',
      paybackMonths: '6.54',
      hasOutcomes: true,
    });
  });

  it('gives 136613.57 and 2.73 : 1 with the first outcome attributed at 0.50', () => {
    const half = computeSroi(makeAward({ outcomes: [{ ...intoWork, attribution: '0.50' }, lessIsolated] }));
    expect(half.presentValue).toBe('136613.57');
    expect(half.netPresentValue).toBe('86613.57');
    expect(half.ratioText).toBe('2.73 : 1');
  });

  it('does not round each year before summing (that would give 177837.80)', () => {
    const roundedPerYear = [91800, 62100, 34560]
      .map((v, i) => new Decimal(v).div(new Decimal('1.035').pow(i + 1)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP))
      .reduce((a, b) => a.plus(b));
    expect(roundedPerYear.toFixed(2)).toBe('177837.80');
    expect(result.presentValue).toBe('177837.81');
  });

  it('reports the proxy ±20 % range and the break-even proxy factor', () => {
    expect(result.sensitivity).toEqual({ lowRatio: '2.85', highRatio: '4.27', breakEvenProxyFactor: '0.2812' });
  });
});

describe('computeSroi: sensitivity', () => {
  const single = (attribution: string, deadweight = '0') =>
    makeAward({ inputsPence: 100_000n, outcomes: [plainOutcome('1000', { attribution, deadweight })] });

  it('takes the attribution moves when they swing more than the proxies, and keeps low ≤ base ≤ high', () => {
    const base = computeSroi(single('0.70'));
        expect(base.sensitivity.lowRatio).toBe(computeSroi(single('0.80')).ratio);
    expect(base.sensitivity.highRatio).toBe(computeSroi(single('0.60')).ratio);
    expect([base.sensitivity.lowRatio, base.ratio, base.sensitivity.highRatio]).toEqual(['0.19', '0.29', '0.39']);
  });

  it('moves deadweight one outcome at a time, the same way', () => {
    const base = computeSroi(single('0', '0.75'));
    expect(base.sensitivity.lowRatio).toBe(computeSroi(single('0', '0.85')).ratio);
    expect(base.sensitivity.highRatio).toBe(computeSroi(single('0', '0.65')).ratio);
    expect([base.sensitivity.lowRatio, base.ratio, base.sensitivity.highRatio]).toEqual(['0.14', '0.24', '0.34']);
  });

  it('clamps the moved fraction to 0..1', () => {
    const base = computeSroi(single('0.95'));
    expect(base.sensitivity.lowRatio).toBe('0.00');
    expect(base.sensitivity.highRatio).toBe(computeSroi(single('0.85')).ratio);
  });

  it('uses the settings for points and proxy variation', () => {
    const wide = computeSroi(makeAward(), { ...DEFAULT_SROI_SETTINGS, proxyVariation: '0.50' });
    expect(wide.sensitivity).toEqual({ lowRatio: '1.78', highRatio: '5.34', breakEvenProxyFactor: '0.2812' });
  });
});

describe('computeSroi: edge cases', () => {
  it('values an award with no outcomes at 0 without throwing', () => {
    expect(computeSroi(makeAward({ outcomes: [] }))).toEqual({
      awardId: 'award-1',
      inputs: '50000.00',
      yearValues: [],
      presentValue: '0.00',
      netPresentValue: '-50000.00',
      ratio: '0.00',
      ratioText: '0.00 : 1',
      paybackMonths: null,
      sensitivity: { lowRatio: '0.00', highRatio: '0.00', breakEvenProxyFactor: null },
      hasOutcomes: false,
    });
  });

  it('gives no ratio for zero inputs, without throwing', () => {
    const free = computeSroi(makeAward({ inputsPence: 0n }));
    expect(free).toMatchObject({ inputs: '0.00', presentValue: '177837.81', netPresentValue: '177837.81', ratio: null, ratioText: null, paybackMonths: '0.00' });
    expect(free.sensitivity).toEqual({ lowRatio: null, highRatio: null, breakEvenProxyFactor: '0.0000' });
    expect(computeSroi(makeAward({ inputsPence: 0n, outcomes: [] })).ratio).toBeNull();
  });

  it('rounds half up, not to even', () => {
    const tie = computeSroi(makeAward({ inputsPence: 100n, outcomes: [plainOutcome('1.125')] }), noDiscount);
    expect(tie.presentValue).toBe('1.13');
    expect(tie.ratio).toBe('1.13');
    expect(computeSroi(makeAward({ outcomes: [plainOutcome('0.005')] }), noDiscount).presentValue).toBe('0.01');
  });

  it('applies drop-off from year 2 and nothing after the duration', () => {
    const r = computeSroi(makeAward({ outcomes: [plainOutcome('1000', { dropOff: '0.25', durationYears: 4 })] }), noDiscount);
    expect(r.yearValues).toEqual(['1000.00', '750.00', '562.50', '421.88']);
    expect(r.presentValue).toBe('2734.38');
  });

  it('reports no payback and no break-even when the value is negative', () => {
    const r = computeSroi(makeAward({ outcomes: [plainOutcome('-1000')] }), noDiscount);
    expect([r.presentValue, r.ratio, r.paybackMonths, r.sensitivity.breakEvenProxyFactor]).toEqual(['-1000.00', '-0.02', null, null]);
    expect([r.sensitivity.lowRatio, r.sensitivity.highRatio]).toEqual(['-0.02', '-0.02']);
  });

  it('throws a VALIDATION error naming every bad field', () => {
    const bad = makeAward({ outcomes: [intoWork, { ...lessIsolated, attribution: '1.2', durationYears: 0 }] });
    const error = thrownBy(() => computeSroi(bad));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION');
    expect((error as AppError).details?.map((d) => d.field)).toEqual(['outcomes[1].attribution', 'outcomes[1].durationYears']);
  });

  it('refuses settings out of range', () => {
    expect(() => computeSroi(makeAward(), { ...DEFAULT_SROI_SETTINGS, discountRate: '3.5' })).toThrow(/discountRate/);
  });
});
