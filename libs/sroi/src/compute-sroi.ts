import type { Decimal } from 'decimal.js';
import { penceToPounds } from '@app/common';
import {
  Dec,
  ONE,
  ZERO,
  breakEvenFactorOf,
  paybackMonthsOf,
  penceToDecimalPounds,
  pounds,
  ratioOf,
} from './decimal.js';
import { getOrAdd } from './get-or-add.js';
import { DEFAULT_SROI_SETTINGS, type SroiAward, type SroiOutcome, type SroiResult, type SroiSettings } from './sroi.types.js';
import { MAX_DURATION_YEARS, assertValidAward, assertValidSettings } from './validate-sroi.js';

/** One award's figures at full precision; rounded only when turned into a result or a summary row. */
export interface SroiFigures {
  inputsPence: bigint;
  /** Undiscounted value of each year, pounds. */
  yearValues: Decimal[];
  presentValue: Decimal;
  /** PV of the lowest and of the highest sensitivity scenario. */
  lowPresentValue: Decimal;
  highPresentValue: Decimal;
  hasOutcomes: boolean;
}

/** How one pound of year-1 impact lasts under one drop-off rate (step 3), and what it is worth today (step 4). */
interface Persistence {
  /** surviving[t - 1] = (1 - dropOff)^(t - 1). */
  surviving: Decimal[];
  /** presentValuePerPound[t - 1] = Σ_{s ≤ t} surviving[s - 1] / (1 + r)^s. */
  presentValuePerPound: Decimal[];
}

/**
 * The share of the gross value that deadweight, displacement and attribution leave (step 2), and
 * the largest fall and rise of that share when the attribution or the deadweight, one at a time,
 * moves up or down by the sensitivity points, clamped to 0..1 (step 6).
 */
interface Shares {
  kept: Decimal;
  fall: Decimal;
  rise: Decimal;
}

/** Outcomes repeat a few drop-off rates and fractions: each distinct one is worked out once (bounded cache). */
const CACHE_LIMIT = 10_000;

const lesser = (a: Decimal, b: Decimal): Decimal => (a.lt(b) ? a : b);
const greater = (a: Decimal, b: Decimal): Decimal => (a.gt(b) ? a : b);

/**
 * Values awards by the Cabinet Office Guide to SROI (DOMAIN.md §4) under one set of settings.
 * Every figure keeps 40 significant digits; nothing is rounded here.
 */
export class SroiValuer {
  /** discount[t - 1] = 1 / (1 + r)^t: year 1 is discounted too. */
  private readonly discount: Decimal[];
  private readonly points: Decimal;
  private readonly proxyVariation: Decimal;
  private readonly persistence = new Map<string, Persistence>();
  private readonly shares = new Map<string, Shares>();

  constructor(settings: SroiSettings) {
    assertValidSettings(settings);
    const growth = ONE.plus(settings.discountRate);
    this.discount = Array.from({ length: MAX_DURATION_YEARS }, (_, i) => ONE.div(growth.pow(i + 1)));
    this.points = new Dec(settings.sensitivityPoints);
    this.proxyVariation = new Dec(settings.proxyVariation);
  }

  value(award: SroiAward): SroiFigures {
    assertValidAward(award);
    const yearValues: Decimal[] = [];
    let presentValue = ZERO;
    let lowDelta = ZERO;
    let highDelta = ZERO;
    for (const outcome of award.outcomes) {
      const o = this.valueOutcome(outcome, yearValues);
      presentValue = presentValue.plus(o.presentValue);
      lowDelta = lesser(lowDelta, o.lowDelta);
      highDelta = greater(highDelta, o.highDelta);
    }
    // Step 6: every proxy ± the variation moves the whole PV by that share (both ways, so low ≤ PV ≤ high).
    const proxySwing = presentValue.times(this.proxyVariation).abs();
    return {
      inputsPence: award.inputsPence,
      yearValues,
      presentValue,
      lowPresentValue: presentValue.plus(lesser(lowDelta, proxySwing.neg())),
      highPresentValue: presentValue.plus(greater(highDelta, proxySwing)),
      hasOutcomes: award.outcomes.length > 0,
    };
  }

  /**
   * Steps 1-4 for one outcome: adds its impact in each year to `yearValues` and returns its PV,
   * Σ_t impact(t) / (1 + r)^t, with the lowest and highest change of that PV in its sensitivity moves.
   */
  private valueOutcome(o: SroiOutcome, yearValues: Decimal[]) {
    const gross = new Dec(o.quantity).times(o.financialProxy);
    const { kept, fall, rise } = this.sharesOf(o);
    const impact = gross.times(kept);
    const { surviving, presentValuePerPound } = this.persistenceOf(o.dropOff);
    for (let t = 0; t < o.durationYears; t++) {
      const value = t === 0 ? impact : impact.times(surviving[t]);
      yearValues[t] = yearValues[t] === undefined ? value : yearValues[t].plus(value);
    }
    const grossPresentValue = gross.times(presentValuePerPound[o.durationYears - 1]);
    const down = grossPresentValue.times(fall).neg();
    const up = grossPresentValue.times(rise);
    // A negative proxy (a disbenefit) turns the moves round.
    const [lowDelta, highDelta] = gross.isNegative() ? [up, down] : [down, up];
    return { presentValue: grossPresentValue.times(kept), lowDelta, highDelta };
  }

  private sharesOf(o: SroiOutcome): Shares {
    return getOrAdd(this.shares, `${o.deadweight}|${o.displacement}|${o.attribution}`, () => {
      const attribution = new Dec(o.attribution);
      const deadweight = new Dec(o.deadweight);
      const keptDisplacement = ONE.minus(o.displacement);
      const keptAttribution = ONE.minus(attribution);
      const keptDeadweight = ONE.minus(deadweight);
      // Factors multiplied, not summed (Guide to SROI stage 4).
      const kept = keptDeadweight.times(keptDisplacement).times(keptAttribution);
      // Moving one factor changes only its own (1 - f): by -min(points, 1 - f) up, +min(points, f) down.
      const largest = (attributionMove: Decimal, deadweightMove: Decimal) =>
        keptDisplacement.times(greater(keptDeadweight.times(attributionMove), keptAttribution.times(deadweightMove)));
      return {
        kept,
        fall: largest(lesser(this.points, keptAttribution), lesser(this.points, keptDeadweight)),
        rise: largest(lesser(this.points, attribution), lesser(this.points, deadweight)),
      };
    }, CACHE_LIMIT);
  }

  private persistenceOf(dropOff: string): Persistence {
    return getOrAdd(this.persistence, dropOff, () => {
      const kept = ONE.minus(dropOff);
      const surviving: Decimal[] = [ONE];
      const presentValuePerPound: Decimal[] = [this.discount[0]];
      for (let t = 1; t < MAX_DURATION_YEARS; t++) {
        surviving.push(surviving[t - 1].times(kept));
        presentValuePerPound.push(presentValuePerPound[t - 1].plus(surviving[t].times(this.discount[t])));
      }
      return { surviving, presentValuePerPound };
    }, CACHE_LIMIT);
  }
}

/** Rounds one award's figures once, half up: pounds to pence, ratios and payback months to 2 places. */
export function toSroiResult(awardId: string, f: SroiFigures): SroiResult {
  const inputs = penceToDecimalPounds(f.inputsPence);
  const ratio = ratioOf(f.presentValue, inputs);
  return {
    awardId,
    inputs: penceToPounds(f.inputsPence),
    yearValues: f.yearValues.map(pounds),
    presentValue: pounds(f.presentValue),
    netPresentValue: pounds(f.presentValue.minus(inputs)),
    ratio,
    ratioText: ratio === null ? null : `${ratio} : 1`,
    paybackMonths: paybackMonthsOf(inputs, f.yearValues[0] ?? ZERO),
    sensitivity: {
      lowRatio: ratioOf(f.lowPresentValue, inputs),
      highRatio: ratioOf(f.highPresentValue, inputs),
      breakEvenProxyFactor: breakEvenFactorOf(inputs, f.presentValue),
    },
    hasOutcomes: f.hasOutcomes,
  };
}

/** Keyed by the settings' values, not the object, so that a changed settings object is never served stale factors. */
const valuers = new Map<string, SroiValuer>();

/** One award's SROI. Throws a VALIDATION AppError listing every bad field of its outcomes or of the settings. */
export function computeSroi(award: SroiAward, settings: SroiSettings = DEFAULT_SROI_SETTINGS): SroiResult {
  const key = `${settings.discountRate}|${settings.sensitivityPoints}|${settings.proxyVariation}`;
  const valuer = getOrAdd(valuers, key, () => new SroiValuer(settings), CACHE_LIMIT);
  return toSroiResult(award.awardId, valuer.value(award));
}
