import { Decimal } from 'decimal.js';
import { computeSroi } from './compute-sroi.js';
import { intoWork, lessIsolated, makeAward, plainOutcome } from './sroi.fixtures.js';
import type { SroiAward, SroiOutcome } from './sroi.types.js';

/**
 * The library values outcomes through cached drop-off curves and share factors; this checks it
 * against DOMAIN.md §4 written out literally (every year, every scenario recomputed in full).
 */
const D = Decimal.clone({ precision: 60 });
const one = new D(1);

function literalPresentValue(award: SroiAward): Decimal {
  let pv = new D(0);
  for (const o of award.outcomes) {
    let impact = new D(o.quantity).times(o.financialProxy).times(one.minus(o.deadweight)).times(one.minus(o.displacement)).times(one.minus(o.attribution));
    for (let t = 1; t <= o.durationYears; t++) {
      pv = pv.plus(impact.div(new D('1.035').pow(t)));
      impact = impact.times(one.minus(o.dropOff));
    }
  }
  return pv;
}

const clamp = (d: Decimal) => D.min(D.max(d, 0), 1).toString();

function literalScenarios(award: SroiAward): SroiAward[] {
  const scenarios: SroiAward[] = [];
  award.outcomes.forEach((o, i) => {
    for (const field of ['attribution', 'deadweight'] as const)
      for (const move of ['-0.10', '0.10']) {
        const outcomes = award.outcomes.map((x, j): SroiOutcome => (j === i ? { ...x, [field]: clamp(new D(x[field]).plus(move)) } : x));
        scenarios.push({ ...award, outcomes });
      }
  });
  for (const factor of ['0.8', '1.2'])
    scenarios.push({ ...award, outcomes: award.outcomes.map((o) => ({ ...o, financialProxy: new D(o.financialProxy).times(factor).toString() })) });
  return scenarios;
}

const cases: Record<string, SroiAward> = {
  'worked example': makeAward(),
  'clamped fractions, mixed durations': makeAward({
    inputsPence: 1_234_567n,
    outcomes: [
      plainOutcome('2750.33', { quantity: '7.5', attribution: '0.95', deadweight: '0.05', dropOff: '0.3333', durationYears: 7 }),
      plainOutcome('99.99', { quantity: '120', attribution: '1', deadweight: '0', displacement: '0.25', durationYears: 2 }),
      { ...intoWork, durationYears: 12, dropOff: '0.0750' },
    ],
  }),
  'a disbenefit beside a benefit': makeAward({ inputsPence: 800_000n, outcomes: [plainOutcome('-1200', { attribution: '0.6' }), { ...lessIsolated, deadweight: '0.95' }] }),
};

describe('computeSroi against DOMAIN.md §4 written out literally', () => {
  it.each(Object.entries(cases))('%s', (_name, award) => {
    const inputs = new D(award.inputsPence.toString()).div(100);
    const ratios = literalScenarios(award).map((s) => literalPresentValue(s).div(inputs));
    const r = computeSroi(award);
    expect(r.presentValue).toBe(literalPresentValue(award).toFixed(2, Decimal.ROUND_HALF_UP));
    expect(r.sensitivity.lowRatio).toBe(D.min(...ratios).toFixed(2, Decimal.ROUND_HALF_UP));
    expect(r.sensitivity.highRatio).toBe(D.max(...ratios).toFixed(2, Decimal.ROUND_HALF_UP));
  });
});
