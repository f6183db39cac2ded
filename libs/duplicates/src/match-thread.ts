import { parentPort, workerData } from 'node:worker_threads';
import { BlockIndex } from './matching/blocking.js';
import { assessPair } from './matching/compare.js';
import { prepareOrganisation } from './matching/prepare.js';
import type { TokenStats } from './matching/token-stats.js';
import type { MatchSettings, OrgRecord, PairMatch } from './matching/types.js';

export type MatchPartInput = { orgs: OrgRecord[]; settings: MatchSettings; part: number; parts: number };
export type MatchPartOutput = { matches: PairMatch[]; pairsCompared: number };

/**
 * The term frequencies buildTokenStats would count, read from the prepared names instead of
 * tokenising every name a second time (a prepared name's keys are its distinct token keys).
 */
export function tokenStatsOfPrepared(orgs: readonly OrgRecord[]): TokenStats {
  const namesWith = new Map<string, number>();
  let names = 0;
  for (const org of orgs) {
    names += 1 + org.aliases.length;
    for (const name of prepareOrganisation(org).names) for (const key of name.keys) namesWith.set(key, (namesWith.get(key) ?? 0) + 1);
  }
  return { names, namesWith };
}

/**
 * One share of matchOrganisations: every thread builds the same index over all records (the
 * blocks and word frequencies need them all) and walks the same candidate pairs in the same order,
 * but compares only every parts-th pair, starting at `part`.
 */
export function matchPart({ orgs, settings, part, parts }: MatchPartInput, onSlice?: () => void): MatchPartOutput {
  const stats = tokenStatsOfPrepared(orgs);
  const index = new BlockIndex(orgs, stats, settings);
  const matches: PairMatch[] = [];
  let n = 0;
  let pairsCompared = 0;
  for (const [i, j] of index.indexPairs()) {
    if (n++ % parts !== part) continue;
    pairsCompared += 1;
    const a = index.prepared[i];
    const b = index.prepared[j];
    const { explain, ...result } = assessPair(a, b, stats, settings);
    if (result.decision !== 'different') matches.push({ aId: a.record.id, bId: b.record.id, ...result, evidence: explain() });
    if (onSlice && pairsCompared % 20_000 === 0) onSlice();
  }
  return { matches, pairsCompared };
}

// Run as a worker thread (match-runner.ts starts it): match the share named in workerData and send it back.
if (parentPort && workerData?.kind === 'duplicates-match-part') parentPort.postMessage(matchPart(workerData.input as MatchPartInput));
