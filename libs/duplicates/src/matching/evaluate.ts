import { candidatePairs } from './blocking.js';
import { compareOrganisations } from './compare.js';
import { namesOf } from './match-organisations.js';
import { pairKey } from './pair-key.js';
import { buildTokenStats, type TokenStats } from './token-stats.js';
import { DEFAULT_MATCH_SETTINGS, type MatchResult, type MatchSettings, type OrgRecord } from './types.js';

/** A pair of records with the truth: are they one organisation? `kind` names the variation tested. */
export type LabelledPair = { a: OrgRecord; b: OrgRecord; same: boolean; kind: string };

export type Confusion = { tp: number; fp: number; fn: number; tn: number };

export type Evaluation = Confusion & {
  precision: number;
  recall: number;
  /** Pairs the matcher left to a person ('possible'); counted as not-a-match above. */
  possible: number;
  /** Share of the labelled same pairs that blocking puts together when all records are indexed at once. */
  blockingRecall: number;
  /** Share of the labelled same pairs both blocked together and judged 'same': recall of the whole pipeline. */
  pipelineRecall: number;
  byKind: Record<string, Confusion & { pairs: number }>;
  mistakes: Array<{ kind: string; same: boolean; a: string; b: string; result: MatchResult }>;
};

/**
 * Precision and recall of compareOrganisations on labelled pairs. Only 'same' is a predicted match:
 * 'possible' goes to a person, so it counts as not-a-match. Term frequencies come from every name
 * and alias in the set, as they would from the whole organisation register.
 */
export function evaluate(pairs: LabelledPair[], settings: MatchSettings = DEFAULT_MATCH_SETTINGS): Evaluation {
  const records = pairs.flatMap((p) => [p.a, p.b]);
  const stats = buildTokenStats(namesOf(records));
  const blocked = blockedPairs(records, stats, settings);
  const total: Confusion = { tp: 0, fp: 0, fn: 0, tn: 0 };
  const byKind: Evaluation['byKind'] = {};
  const mistakes: Evaluation['mistakes'] = [];
  let possible = 0;
  let sameBlocked = 0;
  let sameBlockedMatched = 0;
  for (const pair of pairs) {
    const result = compareOrganisations(pair.a, pair.b, stats, settings);
    if (result.decision === 'possible') possible += 1;
    const cell = confusionCell(pair.same, result.decision === 'same');
    const kind = (byKind[pair.kind] ??= { pairs: 0, tp: 0, fp: 0, fn: 0, tn: 0 });
    kind.pairs += 1;
    kind[cell] += 1;
    total[cell] += 1;
    if (cell === 'fp' || cell === 'fn') mistakes.push({ kind: pair.kind, same: pair.same, a: pair.a.name, b: pair.b.name, result });
    if (pair.same && blocked.has(pairKey(pair.a.id, pair.b.id))) {
      sameBlocked += 1;
      if (cell === 'tp') sameBlockedMatched += 1;
    }
  }
  const positives = total.tp + total.fn;
  return {
    ...total,
    precision: ratio(total.tp, total.tp + total.fp),
    recall: ratio(total.tp, positives),
    possible,
    blockingRecall: ratio(sameBlocked, positives),
    pipelineRecall: ratio(sameBlockedMatched, positives),
    byKind,
    mistakes,
  };
}

function blockedPairs(records: OrgRecord[], stats: TokenStats, settings: MatchSettings): Set<string> {
  const blocked = new Set<string>();
  for (const [a, b] of candidatePairs(records, stats, settings)) blocked.add(pairKey(a.id, b.id));
  return blocked;
}

function confusionCell(actual: boolean, predicted: boolean): keyof Confusion {
  if (predicted) return actual ? 'tp' : 'fp';
  return actual ? 'fn' : 'tn';
}

function ratio(n: number, d: number): number {
  return d === 0 ? 1 : n / d;
}
