import { compareIdentifiers } from './identifiers.js';
import { compareNames, describeNames, type NameComparison } from './name-similarity.js';
import { prepareOrganisation, type PreparedOrg } from './prepare.js';
import type { TokenStats } from './token-stats.js';
import { DEFAULT_MATCH_SETTINGS, type MatchDecision, type MatchResult, type MatchSettings, type OrgRecord } from './types.js';

/** A decision whose evidence is written only when asked for (most candidate pairs are discarded). */
export type Assessment = Omit<MatchResult, 'evidence'> & { explain(): string[] };

/**
 * Are two records one organisation? (DOMAIN.md section 3.) Identifiers decide first: an equal one
 * means same, a different one in the same scheme means different whatever the names. When one
 * identifier agrees and another scheme disagrees the records contradict each other, so the pair is
 * only 'possible' and a person decides. Without comparable identifiers the names (and aliases)
 * decide, with a shared postcode raising confidence and a different one lowering it (by less
 * within one postcode district, as Splink's postcode comparison levels do).
 */
export function compareOrganisations(a: OrgRecord, b: OrgRecord, stats: TokenStats, settings: MatchSettings = DEFAULT_MATCH_SETTINGS): MatchResult {
  const { explain, ...result } = assessPair(prepareOrganisation(a), prepareOrganisation(b), stats, settings);
  return { ...result, evidence: explain() };
}

export function assessPair(a: PreparedOrg, b: PreparedOrg, stats: TokenStats, settings: MatchSettings): Assessment {
  const ids = compareIdentifiers(a.ids, b.ids);
  const byIdentifier = (decision: MatchDecision, confidence: number): Assessment => ({ decision, confidence, method: 'identifier', explain: () => [...ids.equal, ...ids.conflicting] });
  if (ids.equal.length && ids.conflicting.length) return byIdentifier('possible', 0.5);
  if (ids.equal.length) return byIdentifier('same', 1);
  if (ids.conflicting.length) return byIdentifier('different', 0);
  return assessNames(a, b, stats, settings);
}

function assessNames(a: PreparedOrg, b: PreparedOrg, stats: TokenStats, settings: MatchSettings): Assessment {
  const postcode = postcodeAdjustment(a, b, settings);
  const best = bestNamePair(a, b, stats, settings, postcode.delta);
  if (!best) return { decision: 'different', confidence: 0, method: 'name', explain: () => ['no name to compare'] };
  if (best.numbersDiffer) return { decision: 'different', confidence: 0, method: 'name', explain: () => [describeNames(best)] };
  const confidence = round3(Math.min(1, Math.max(0, best.score + postcode.delta)));
  const explain = () => [describeNames(best), ...(postcode.evidence ? [postcode.evidence()] : [])];
  return { decision: decide(confidence, settings), confidence, method: 'name', explain };
}

/**
 * Below this rarity agreement a name pair cannot reach 'possible' whatever its spelling, so its
 * token_set_ratio is not computed: never under the threshold less the postcode bonus, and for
 * this pair's postcodes (known before the names) under the threshold less their adjustment and
 * less half a rounding step (confidence is rounded to 0.001), so that skipping it never changes a decision.
 */
export function nameFloor(settings: MatchSettings, postcodeDelta: number): number {
  return Math.max(settings.possibleThreshold - settings.postcodeBonus, settings.possibleThreshold - postcodeDelta - 0.0005 - 1e-9);
}

/** The highest-scoring pairing of the two records' names and aliases. */
function bestNamePair(a: PreparedOrg, b: PreparedOrg, stats: TokenStats, settings: MatchSettings, postcodeDelta: number): NameComparison | null {
  const floor = nameFloor(settings, postcodeDelta);
  let best: NameComparison | null = null;
  for (const na of a.names) {
    for (const nb of b.names) {
      const c = compareNames(na, nb, stats, settings, floor);
      if (!best || c.score > best.score) best = c;
    }
  }
  return best;
}

function postcodeAdjustment(a: PreparedOrg, b: PreparedOrg, settings: MatchSettings): { delta: number; evidence: (() => string) | null } {
  if (!a.postcode || !b.postcode) return { delta: 0, evidence: null };
  if (a.postcode === b.postcode) return { delta: settings.postcodeBonus, evidence: () => `postcode ${a.postcode} on both` };
  if (a.district === b.district) return { delta: -settings.postcodeDistrictPenalty, evidence: () => `postcodes differ within ${a.district}: ${a.postcode} vs ${b.postcode}` };
  return { delta: -settings.postcodePenalty, evidence: () => `postcodes differ: ${a.postcode} vs ${b.postcode}` };
}

function decide(confidence: number, settings: MatchSettings): MatchDecision {
  if (confidence >= settings.nameThreshold) return 'same';
  return confidence >= settings.possibleThreshold ? 'possible' : 'different';
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
