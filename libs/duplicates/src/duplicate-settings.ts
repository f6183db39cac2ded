import { DEFAULT_MATCH_SETTINGS, type MatchSettings } from './matching/types.js';

/** How flags are raised from overlapping awards (DOMAIN.md section 3, "Flag"). */
export type FlagSettings = {
  /** fuzzball token_set_ratio (0-100) of two award titles at or above which they share a purpose: severity high. */
  titleThreshold: number;
  /** The same for descriptions (compared only when both are recorded). */
  descriptionThreshold: number;
  /** An award with a start but no planned end is taken to run this many days. */
  openEndedDays: number;
  /** At most this many overlapping award pairs are listed in a flag's evidence (all count). */
  maxEvidencePairs: number;
  /**
   * Programmes are compared on every overlapping pair (in SQL); titles and descriptions on at most
   * this many cash pairs per organisation, longest overlaps first (a bound for organisations with
   * hundreds of awards; below it the check is exhaustive).
   */
  maxSimilarityPairs: number;
};

export type DuplicateSettings = { match: MatchSettings; flags: FlagSettings };

/**
 * Installation defaults (ours, not a source's: DOMAIN.md marks them *default*). maxBlockSize is
 * 100 rather than the matcher's 300: on the labelled pairs it loses no recall (pipeline recall
 * 0.9513 at both), and on 200,000 organisations it cuts the candidate pairs from 36 million to
 * 1.4 million, which is what keeps the full recompute within 30 seconds.
 */
export const DEFAULT_DUPLICATE_SETTINGS: Readonly<DuplicateSettings> = Object.freeze({
  match: Object.freeze({ ...DEFAULT_MATCH_SETTINGS, maxBlockSize: 100 }),
  flags: Object.freeze({ titleThreshold: 85, descriptionThreshold: 85, openEndedDays: 365, maxEvidencePairs: 3, maxSimilarityPairs: 200 }),
});

/** The settings the services read; a provider so the bench and tests can pass their own. */
export abstract class DuplicateSettingsSource {
  abstract current(): DuplicateSettings;
}

export class DefaultDuplicateSettings extends DuplicateSettingsSource {
  current(): DuplicateSettings {
    return DEFAULT_DUPLICATE_SETTINGS;
  }
}
