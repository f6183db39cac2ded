import { createHash } from 'node:crypto';
import type { OverlapPair } from './flag-assembly.js';

/** An award of one organisation as the overlap search reads it (one compact line from SQL). */
export type PeriodAward = {
  id: string;
  directorateId: string;
  organisationId: string;
  inKind: boolean;
  /** A hash of the programme, lower-case and trimmed; null when none is recorded. */
  programme: string | null;
  /** Pence as decimal digits (made a bigint only when summed). */
  amountPence: string;
  /** The planned period, YYYY-MM-DD, both ends included, and the same as day numbers. */
  from: string;
  to: string;
  fromDay: number;
  toDay: number;
};

/** Pair level as far as the awards alone tell: 0 in-kind support involved, 2 cash in one programme, 1 other cash. */
export type LeveledPair = OverlapPair & { level: 0 | 1 | 2; days: number };

export type OrganisationOverlaps = {
  pairs: LeveledPair[];
  pairCount: number;
  /** Awards in any pair, by id. */
  awardIds: string[];
  directorateIds: string[];
  totalAmountPence: bigint;
  overlapFrom: string;
  overlapTo: string;
  maxLevel: 0 | 1 | 2;
  /** Digest of every flagged award's id, amount and period: what a review looked at. */
  awardsDigest: string;
  /** How many flagged awards each member record holds. */
  awardsByOrganisation: Map<string, number>;
};

/**
 * The pairs of one organisation's awards from different directorates whose periods overlap: a
 * sweep over the awards sorted by start (each award meets only those starting before it ends),
 * never every pair of every award.
 */
export function findOverlaps(awards: PeriodAward[]): OrganisationOverlaps | null {
  const sorted = awards.filter((a) => a.fromDay <= a.toDay).sort((x, y) => x.fromDay - y.fromDay || (x.id < y.id ? -1 : 1));
  const pairs: LeveledPair[] = [];
  const inPairs = new Set<PeriodAward>();
  let overlapFrom = '';
  let overlapTo = '';
  let maxLevel: 0 | 1 | 2 = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    const x = sorted[i];
    for (let j = i + 1; j < sorted.length && sorted[j].fromDay <= x.toDay; j += 1) {
      const y = sorted[j];
      if (x.directorateId === y.directorateId) continue;
      const [a, b] = x.id < y.id ? [x, y] : [y, x];
      const level = a.inKind || b.inKind ? 0 : a.programme !== null && a.programme === b.programme ? 2 : 1;
      const end = x.toDay < y.toDay ? x : y;
      pairs.push({ aId: a.id, bId: b.id, from: y.from, to: end.to, level, days: end.toDay - y.fromDay });
      inPairs.add(x).add(y);
      if (!overlapFrom || y.from < overlapFrom) overlapFrom = y.from;
      if (end.to > overlapTo) overlapTo = end.to;
      if (level > maxLevel) maxLevel = level;
    }
  }
  if (!pairs.length) return null;
  const flagged = [...inPairs].sort((x, y) => (x.id < y.id ? -1 : 1));
  const awardsByOrganisation = new Map<string, number>();
  const directorates = new Set<string>();
  let total = 0n;
  for (const a of flagged) {
    awardsByOrganisation.set(a.organisationId, (awardsByOrganisation.get(a.organisationId) ?? 0) + 1);
    directorates.add(a.directorateId);
    total += BigInt(a.amountPence);
  }
  return {
    pairs,
    pairCount: pairs.length,
    awardIds: flagged.map((a) => a.id),
    directorateIds: [...directorates].sort(),
    totalAmountPence: total,
    overlapFrom,
    overlapTo,
    maxLevel,
    awardsDigest: createHash('sha1').update(flagged.map((a) => `${a.id}:${a.amountPence}:${a.from}:${a.to}`).join('|')).digest('hex'),
    awardsByOrganisation,
  };
}

/** The pairs most worth showing and judging first: in one programme, then cash, then the longest overlaps. */
export function rankPairs(pairs: readonly LeveledPair[]): LeveledPair[] {
  return [...pairs].sort((x, y) => y.level - x.level || y.days - x.days || (x.aId < y.aId ? -1 : x.aId > y.aId ? 1 : x.bId < y.bId ? -1 : 1));
}

/** One line of SQL's string_agg: 'id directorate organisation k|c pence from to programmeHash|-'. */
export function parsePeriodAward(line: string): PeriodAward {
  const [id, directorateId, organisationId, kind, amountPence, from, to, programme] = line.split(' ');
  return { id, directorateId, organisationId, inKind: kind === 'k', programme: programme === '-' ? null : programme, amountPence, from, to, fromDay: dayNumber(from), toDay: dayNumber(to) };
}

/** 'YYYY-MM-DD' -> days since 1970-01-01; 'infinity' -> +Infinity. */
function dayNumber(date: string): number {
  if (date === 'infinity') return Number.POSITIVE_INFINITY;
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}
