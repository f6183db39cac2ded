// fuzzball's ESM build has named exports only (no default): `import fuzz from 'fuzzball'` fails under node.
import { ratio, token_set_ratio } from 'fuzzball';
import { nameTokens, tokenKey } from './normalise-name.js';
import { namesWithToken, tokenWeight, type TokenStats } from './token-stats.js';
import type { MatchSettings } from './types.js';

/** A name ready to compare: as written, normalised, its distinct tokens and their keys (see tokenKey). */
export type PreparedName = {
  text: string;
  normalised: string;
  tokens: string[];
  keys: string[];
  /** The keys joined by spaces, as token_set_ratio reads them. */
  joined: string;
  /** Keys holding a digit ('1st', '60s'), sorted. */
  numbers: string[];
};

export type NameComparison = {
  a: PreparedName;
  b: PreparedName;
  /** fuzzball token_set_ratio of the normalised names, 0-100; null when rarity alone ruled the pair out. */
  tokenSetRatio: number | null;
  /** Rarity-weighted share of the names' words that agree, 0-1 (weighted Jaccard). */
  rarity: number;
  /** Numbers in both names that differ ('1st' vs '2nd' Scout Group): different bodies. */
  numbersDiffer: boolean;
  /** The name score, 0-1: token_set_ratio scaled by rarity agreement (when ruled out, its upper bound). */
  score: number;
};

type NameSettings = Pick<MatchSettings, 'typoTokenRatio' | 'typoMaxNames' | 'genericTokenWeight'>;

const NO_FULL_PROCESS = { full_process: false } as const;
/** difflib's Ratcliff/Obershelp ratio forgives a swapped pair of letters ('foodbnak') as one slip, where Levenshtein's ratio counts two. */
const TOKEN_RATIO = { full_process: false, ratio_alg: 'difflib' } as const;

export function prepareName(text: string): PreparedName {
  const all = nameTokens(text);
  const byKey = new Map(all.map((t) => [tokenKey(t), t]));
  const keys = [...byKey.keys()];
  return { text, normalised: all.join(' '), tokens: [...byKey.values()], keys, joined: keys.join(' '), numbers: keys.filter((k) => /[0-9]/.test(k)).sort() };
}

/**
 * Scores two names. token_set_ratio (fuzzball, word-order-insensitive) measures spelling; but it
 * gives 100 whenever one name's words are a subset of the other's ('Village Hall' vs 'Stantonbury
 * Village Hall'), so it is multiplied by the rarity agreement: the weighted Jaccard (Ruzicka)
 * similarity of the two word sets, each word weighted by its rarity (Splink's term-frequency idea),
 * where a plausible misspelling counts as the word it resembles (as in soft TF-IDF, Cohen et al.
 * 2003; its spelling cost is already in token_set_ratio). Shared rare words then carry the match,
 * an unshared rare word breaks it, and generic words barely count either way.
 * The score cannot exceed the rarity agreement, so below `floor` token_set_ratio is not computed.
 */
export function compareNames(a: PreparedName, b: PreparedName, stats: TokenStats, settings: NameSettings, floor = 0): NameComparison {
  const numbersDiffer = a.numbers.length > 0 && b.numbers.length > 0 && a.numbers.join(' ') !== b.numbers.join(' ');
  const rarity = numbersDiffer ? 0 : weightedAgreement(a, b, stats, settings);
  if (rarity < floor) return { a, b, tokenSetRatio: null, rarity, numbersDiffer, score: rarity };
  const tokenSetRatio = a.joined === b.joined ? 100 : token_set_ratio(a.joined, b.joined, NO_FULL_PROCESS);
  return { a, b, tokenSetRatio, rarity, numbersDiffer, score: (tokenSetRatio / 100) * rarity };
}

/** Human-readable evidence for a name comparison. */
export function describeNames(c: NameComparison): string {
  const names = `names "${c.a.text}" ~ "${c.b.text}"`;
  const forms = c.a.normalised === c.a.text.toLowerCase() && c.b.normalised === c.b.text.toLowerCase() ? '' : ` (normalised "${c.a.normalised}" ~ "${c.b.normalised}")`;
  if (c.numbersDiffer) return `${names}${forms}: numbers differ`;
  if (c.tokenSetRatio === null) return `${names}${forms}: rarity-weighted agreement ${c.rarity.toFixed(2)}, too low for any spelling to match`;
  return `${names}${forms}: token_set_ratio ${c.tokenSetRatio}, rarity-weighted agreement ${c.rarity.toFixed(2)}`;
}

/** Weighted Jaccard: shared weight over the weight of the union, a matched pair counted once. */
function weightedAgreement(a: PreparedName, b: PreparedName, stats: TokenStats, settings: NameSettings): number {
  if (!a.keys.length || !b.keys.length) return 0;
  const wa = weightsOf(a, stats, settings);
  const wb = weightsOf(b, stats, settings);
  const partnerOfA = alignTokens(a, b, stats, settings);
  let shared = 0;
  let union = 0;
  const matchedB = new Array<boolean>(b.keys.length).fill(false);
  partnerOfA.forEach((j, i) => {
    if (j < 0) {
      union += wa[i];
      return;
    }
    // A matched pair counts once, at the weight of the commoner spelling: a misspelling's rarity adds nothing.
    const w = Math.min(wa[i], wb[j]);
    shared += w;
    union += w;
    matchedB[j] = true;
  });
  wb.forEach((w, j) => {
    if (!matchedB[j]) union += w;
  });
  return shared / union;
}

/**
 * One-to-one token alignment, as the index in b of each token of a (-1: none): equal keys first,
 * then plausible misspellings (compared as written), most similar first.
 */
function alignTokens(a: PreparedName, b: PreparedName, stats: TokenStats, settings: NameSettings): number[] {
  const partner = a.keys.map((k) => b.keys.indexOf(k));
  const unmatchedB = b.keys.map((_, j) => j).filter((j) => !partner.includes(j));
  if (!unmatchedB.length || !partner.includes(-1)) return partner;
  const typos: Array<{ i: number; j: number; similarity: number }> = [];
  partner.forEach((p, i) => {
    if (p >= 0) return;
    for (const j of unmatchedB) {
      if (!mayBeMisspelling(a.tokens[i], b.tokens[j], stats, settings)) continue;
      const similarity = ratio(a.tokens[i], b.tokens[j], TOKEN_RATIO);
      if (similarity >= settings.typoTokenRatio) typos.push({ i, j, similarity });
    }
  });
  for (const t of typos.sort((x, y) => y.similarity - x.similarity)) {
    if (partner[t.i] < 0 && !partner.includes(t.j)) partner[t.i] = t.j;
  }
  return partner;
}

/** Two words where one is rare enough to be a slip of the keyboard; numbers are never misspellings. */
function mayBeMisspelling(ta: string, tb: string, stats: TokenStats, settings: NameSettings): boolean {
  if (ta.length < 4 || tb.length < 4 || /[0-9]/.test(ta) || /[0-9]/.test(tb)) return false;
  return Math.min(namesWithToken(stats, tokenKey(ta)), namesWithToken(stats, tokenKey(tb))) <= settings.typoMaxNames;
}

// A name's weights depend only on the stats and the generic-word cap; remember the last ones computed.
const weightCache = new WeakMap<PreparedName, { stats: TokenStats; cap: number; weights: number[] }>();

function weightsOf(name: PreparedName, stats: TokenStats, settings: NameSettings): number[] {
  const cached = weightCache.get(name);
  if (cached && cached.stats === stats && cached.cap === settings.genericTokenWeight) return cached.weights;
  const weights = name.keys.map((k) => tokenWeight(stats, k, settings));
  weightCache.set(name, { stats, cap: settings.genericTokenWeight, weights });
  return weights;
}
