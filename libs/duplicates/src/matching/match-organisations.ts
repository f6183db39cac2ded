import { BlockIndex } from './blocking.js';
import { assessPair } from './compare.js';
import { buildTokenStats, type TokenStats } from './token-stats.js';
import { DEFAULT_MATCH_SETTINGS, type MatchSettings, type OrgRecord, type PairMatch } from './types.js';

/** Every name and alias of the records: what buildTokenStats should count. */
export function namesOf(orgs: readonly OrgRecord[]): string[] {
  return orgs.flatMap((o) => [o.name, ...o.aliases]);
}

/**
 * Compares every candidate pair (blocking, never all pairs) and returns those judged 'same' or
 * 'possible', each with its evidence. Feed the result to resolveClusters.
 */
export function matchOrganisations(orgs: readonly OrgRecord[], settings: MatchSettings = DEFAULT_MATCH_SETTINGS, stats: TokenStats = buildTokenStats(namesOf(orgs))): PairMatch[] {
  const matches: PairMatch[] = [];
  const index = new BlockIndex(orgs, stats, settings);
  for (const [i, j] of index.indexPairs()) {
    const a = index.prepared[i];
    const b = index.prepared[j];
    const { explain, ...result } = assessPair(a, b, stats, settings);
    if (result.decision !== 'different') matches.push({ aId: a.record.id, bId: b.record.id, ...result, evidence: explain() });
  }
  return matches;
}
