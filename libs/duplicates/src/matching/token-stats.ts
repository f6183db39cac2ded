import { GENERIC_TOKENS } from './name-tables.js';
import { nameTokens, tokenKey } from './normalise-name.js';
import type { MatchSettings } from './types.js';

/** How many names each token key appears in (document frequency), over a whole register of names. */
export type TokenStats = { names: number; namesWith: ReadonlyMap<string, number> };

const GENERIC_KEYS: ReadonlySet<string> = new Set([...GENERIC_TOKENS].map(tokenKey));

/** A token never weighs less than this, so that no name is weightless. */
const MIN_WEIGHT = 0.25;

/** Counts, for every token key, the names (and aliases) it appears in. Pass every name the matcher will see. */
export function buildTokenStats(names: Iterable<string>): TokenStats {
  const namesWith = new Map<string, number>();
  let count = 0;
  for (const name of names) {
    count += 1;
    for (const key of new Set(nameTokens(name).map(tokenKey))) namesWith.set(key, (namesWith.get(key) ?? 0) + 1);
  }
  return { names: count, namesWith };
}

export function namesWithToken(stats: TokenStats, key: string): number {
  return stats.namesWith.get(key) ?? 0;
}

/**
 * The evidence a shared token carries, in bits: Splink's term-frequency adjustment, -log2 of the
 * chance that two unrelated names share it (its share of all names). 'foodbank' weighs more than
 * 'trust'; generic organisational words are capped at settings.genericTokenWeight.
 */
export function tokenWeight(stats: TokenStats, key: string, settings: Pick<MatchSettings, 'genericTokenWeight'>): number {
  const bits = Math.log2((stats.names + 1) / (namesWithToken(stats, key) + 1));
  const capped = GENERIC_KEYS.has(key) ? Math.min(bits, settings.genericTokenWeight) : bits;
  return Math.max(capped, MIN_WEIGHT);
}
