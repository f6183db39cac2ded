/** An organisation as the matcher sees it: one row of a directorate's list, with its recorded former names. */
export type OrgRecord = {
  id: string;
  name: string;
  /** Former or other names (a rename keeps the old name here); they count for name matching only. */
  aliases: string[];
  charityNumber: string | null;
  companyNumber: string | null;
  orgId: string | null;
  postcode: string | null;
};

export type MatchDecision = 'same' | 'different' | 'possible';

export type MatchResult = {
  decision: MatchDecision;
  /** How sure we are that the two are one organisation: 1 certain, 0 certainly not. */
  confidence: number;
  /** Human-readable reasons, e.g. 'charity number 1234567 on both'. */
  evidence: string[];
  method: 'identifier' | 'name';
};

/** One compared pair, as produced by matchOrganisations and consumed by resolveClusters. */
export type PairMatch = { aId: string; bId: string } & MatchResult;

/** A person's decision about a pair; it wins over the algorithm. */
export type HumanDecision = { aId: string; bId: string; decision: 'merge' | 'split' };

export type MatchSettings = {
  /**
   * Confidence at or above which a name match is 'same'. Default 0.85: just above an identical name
   * with postcodes in different districts (1 - postcodePenalty = 0.8), which a person should check.
   */
  nameThreshold: number;
  /** Confidence at or above which a name match is 'possible' (a person should look). */
  possibleThreshold: number;
  /** Added to the name score when both records carry the same postcode. */
  postcodeBonus: number;
  /** Subtracted when both carry different postcodes in one district (a move down the road, or neighbours). */
  postcodeDistrictPenalty: number;
  /** Subtracted when both carry postcodes in different districts. */
  postcodePenalty: number;
  /** Two tokens at least this similar (fuzzball ratio with difflib's algorithm, 0-100) may be one word misspelt. */
  typoTokenRatio: number;
  /** A token found in more names than this is a real word, so never taken as a misspelling of another. */
  typoMaxNames: number;
  /** Weight cap (bits) for generic organisational words such as 'trust', 'association', 'community'. */
  genericTokenWeight: number;
  /** Blocks larger than this are skipped (their pairs are reached through rarer keys). */
  maxBlockSize: number;
};

export const DEFAULT_MATCH_SETTINGS: Readonly<MatchSettings> = Object.freeze({
  nameThreshold: 0.85,
  possibleThreshold: 0.6,
  postcodeBonus: 0.1,
  postcodeDistrictPenalty: 0.05,
  postcodePenalty: 0.2,
  typoTokenRatio: 80,
  typoMaxNames: 2,
  genericTokenWeight: 1,
  maxBlockSize: 300,
});
