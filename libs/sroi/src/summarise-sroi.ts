import { AppError, penceToPounds } from '@app/common';
import type { Decimal } from 'decimal.js';
import { SroiValuer, toSroiResult, type SroiFigures } from './compute-sroi.js';
import { getOrAdd } from './get-or-add.js';
import { ZERO, breakEvenFactorOf, paybackMonthsOf, penceToDecimalPounds, pounds, ratioOf } from './decimal.js';
import { DEFAULT_SROI_SETTINGS, type SroiAward, type SroiLevel, type SroiResult, type SroiSettings, type SroiSummaryRow } from './sroi.types.js';

type GroupLevel = Exclude<SroiLevel, 'award'>;
const GROUP_LEVELS: readonly GroupLevel[] = ['programme', 'directorate', 'funder'];
const NO_KEY_LABEL: Record<GroupLevel, string> = {
  programme: 'No programme',
  directorate: 'No directorate',
  funder: 'No funder',
};

/** Running full-precision sums of a set of awards; rounded only in `toRow`. */
class Totals {
  private awards = 0;
  private awardsWithoutOutcomes = 0;
  private inputsPence = 0n;
  private presentValue: Decimal = ZERO;
  private lowPresentValue: Decimal = ZERO;
  private highPresentValue: Decimal = ZERO;
  private year1: Decimal = ZERO;

  add(f: SroiFigures): void {
    this.awards += 1;
    if (!f.hasOutcomes) this.awardsWithoutOutcomes += 1;
    this.inputsPence += f.inputsPence;
    this.presentValue = this.presentValue.plus(f.presentValue);
    this.lowPresentValue = this.lowPresentValue.plus(f.lowPresentValue);
    this.highPresentValue = this.highPresentValue.plus(f.highPresentValue);
    this.year1 = this.year1.plus(f.yearValues[0] ?? ZERO);
  }

  /** Awards with no outcomes, counted together: nothing to value, only their inputs and their number. */
  addWithoutOutcomes(count: number, inputsPence: bigint): void {
    this.awards += count;
    this.awardsWithoutOutcomes += count;
    this.inputsPence += inputsPence;
  }

  merge(other: Totals): void {
    this.awards += other.awards;
    this.awardsWithoutOutcomes += other.awardsWithoutOutcomes;
    this.inputsPence += other.inputsPence;
    this.presentValue = this.presentValue.plus(other.presentValue);
    this.lowPresentValue = this.lowPresentValue.plus(other.lowPresentValue);
    this.highPresentValue = this.highPresentValue.plus(other.highPresentValue);
    this.year1 = this.year1.plus(other.year1);
  }

  /** Pooled figures: Σ PV / Σ inputs, never the mean of the awards' ratios. */
  toRow(level: GroupLevel, key: string | null): SroiSummaryRow {
    const inputs = penceToDecimalPounds(this.inputsPence);
    return {
      level,
      key,
      label: key ?? NO_KEY_LABEL[level],
      awards: this.awards,
      awardsWithoutOutcomes: this.awardsWithoutOutcomes,
      inputs: penceToPounds(this.inputsPence),
      presentValue: pounds(this.presentValue),
      netPresentValue: pounds(this.presentValue.minus(inputs)),
      ratio: ratioOf(this.presentValue, inputs),
      lowRatio: ratioOf(this.lowPresentValue, inputs),
      highRatio: ratioOf(this.highPresentValue, inputs),
      paybackMonths: paybackMonthsOf(inputs, this.year1),
      breakEvenProxyFactor: breakEvenFactorOf(inputs, this.presentValue),
    };
  }
}

type GroupKeys = Pick<SroiAward, GroupLevel>;

export interface SroiAccumulatorOptions {
  /** Keep one row per award in `result()` (default true). A job that writes award rows from `add`'s return value can turn it off. */
  awardRows?: boolean;
}

/**
 * Streams awards into SROI summaries per award, programme, directorate and funder: it keeps
 * running sums, never the awards. Awards without outcomes count (PV 0, their inputs kept).
 */
export class SroiAccumulator {
  private readonly valuer: SroiValuer;
  private readonly awardRows: SroiSummaryRow[] = [];
  /** Sums per (programme, directorate, funder) combination, rolled up to each level in `result()`. */
  private readonly cells = new Map<string, { keys: GroupKeys; totals: Totals }>();
  private readonly seen = new Set<string>();

  constructor(
    settings: SroiSettings = DEFAULT_SROI_SETTINGS,
    private readonly options: SroiAccumulatorOptions = {},
  ) {
    this.valuer = new SroiValuer(settings);
  }

  /** Values the award, adds it to its groups and returns its own result. A bad award throws and adds nothing. */
  add(award: SroiAward): SroiResult {
    if (this.seen.has(award.awardId))
      throw new AppError('VALIDATION', `award ${award.awardId} was added to the SROI summary twice`, [
        { field: 'awardId', reason: 'must be added once' },
      ]);
    const figures = this.valuer.value(award);
    this.seen.add(award.awardId);
    this.cellOf(award).add(figures);
    const result = toSroiResult(award.awardId, figures);
    if (this.options.awardRows !== false) this.awardRows.push(toAwardRow(award, result));
    return result;
  }

  /**
   * Counts `count` awards of one programme, directorate and funder that have no outcomes and whose
   * inputs add up to `inputsPence`, without a row each: a database can sum them in one query
   * instead of sending every one. They add nothing to the present value, and weigh on the pooled
   * ratios through their inputs exactly as `add` would count them (DOMAIN.md 4: shown, not dropped).
   */
  addWithoutOutcomes(group: GroupKeys, count: number, inputsPence: bigint): void {
    if (!Number.isInteger(count) || count < 0 || typeof inputsPence !== 'bigint' || inputsPence < 0n)
      throw new AppError('VALIDATION', `awards without outcomes: count ${count} and inputs ${inputsPence} pence must be whole numbers, 0 or more`, [
        { field: 'count', reason: 'must be a whole number, 0 or more' },
      ]);
    if (count > 0) this.cellOf(group).addWithoutOutcomes(count, inputsPence);
  }

  /** Rows by level (award, programme, directorate, funder); awards in the order added, other groups by label, "No …" last. */
  result(): SroiSummaryRow[] {
    const groupRows = GROUP_LEVELS.flatMap((level) => {
      const groups = new Map<string | null, Totals>();
      for (const { keys, totals } of this.cells.values()) getOrAdd(groups, keys[level], () => new Totals()).merge(totals);
      return [...groups].map(([key, totals]) => totals.toRow(level, key)).sort(byLabelNoKeyLast);
    });
    return [...this.awardRows, ...groupRows];
  }

  private cellOf(award: GroupKeys): Totals {
    const keys: GroupKeys = { programme: award.programme, directorate: award.directorate, funder: award.funder };
    return getOrAdd(this.cells, JSON.stringify([keys.programme, keys.directorate, keys.funder]), () => ({ keys, totals: new Totals() })).totals;
  }
}

/** One award pooled alone is the award itself, so its row is its already rounded result. */
const toAwardRow = (award: SroiAward, r: SroiResult): SroiSummaryRow => ({
  level: 'award',
  key: r.awardId,
  label: award.title ?? r.awardId,
  awards: 1,
  awardsWithoutOutcomes: r.hasOutcomes ? 0 : 1,
  inputs: r.inputs,
  presentValue: r.presentValue,
  netPresentValue: r.netPresentValue,
  ratio: r.ratio,
  lowRatio: r.sensitivity.lowRatio,
  highRatio: r.sensitivity.highRatio,
  paybackMonths: r.paybackMonths,
  breakEvenProxyFactor: r.sensitivity.breakEvenProxyFactor,
});

const byLabelNoKeyLast = (a: SroiSummaryRow, b: SroiSummaryRow): number =>
  Number(a.key === null) - Number(b.key === null) || a.label.localeCompare(b.label, 'en-GB');

/** Summaries of a whole collection; for large sets feed a `SroiAccumulator` instead. */
export function summariseSroi(awards: Iterable<SroiAward>, settings: SroiSettings = DEFAULT_SROI_SETTINGS): SroiSummaryRow[] {
  const acc = new SroiAccumulator(settings);
  for (const award of awards) acc.add(award);
  return acc.result();
}
