import { createHash } from 'node:crypto';
import { full_process, token_set_ratio } from 'fuzzball';
import type { FlagSettings } from './duplicate-settings.js';
import type { FlagSeverity } from './duplicates.entities.js';

/** What severity needs of an award (DOMAIN.md section 3, "Flag"). */
export type FlagAward = {
  id: string;
  directorateName: string;
  kind: 'grant' | 'contract' | 'in_kind';
  title: string;
  description: string | null;
  programme: string | null;
};

/** Two awards of one organisation from different directorates whose periods overlap (both ends included). */
export type OverlapPair = { aId: string; bId: string; from: string; to: string };

/**
 * One organisation's overlaps (findOverlaps): the span, the awards, the most severe level the
 * awards alone show (0 in-kind involved, 1 cash pair, 2 cash pair sharing a programme) and the
 * top-ranked pairs to assess and show.
 */
export type ClusterOverlap = {
  clusterKey: string;
  overlapFrom: string;
  overlapTo: string;
  maxLevel: 0 | 1 | 2;
  pairs: number;
  awardIds: string[];
  directorateIds: string[];
  funderIds: string[];
  totalAmountPence: bigint;
  /** Digest of every flagged award's id, amount and period. */
  awardsDigest: string;
  displayName: string;
  topPairs: OverlapPair[];
};

/** Why two records are one organisation: a matcher's 'same' or a person's merge. */
export type IdentityLink = { organisationIds: [string, string]; names: [string, string]; source: 'matcher' | 'person'; confidence: number; evidence: string[] };

export type FlagMember = { id: string; name: string };

export type OverlapEvidence = { awardIds: [string, string]; directorates: [string, string]; from: string; to: string; severity: FlagSeverity; reason: string };

export type FlagEvidence = {
  /** What joins the records into one organisation (empty when the awards went to one record). */
  identity: IdentityLink[];
  /** The most telling overlapping award pairs, most severe first (at most settings.maxEvidencePairs). */
  overlaps: OverlapEvidence[];
  /** How many overlapping pairs there are in all. */
  overlappingPairs: number;
};

/** A flag as computed from the awards; FlagWriter stores it keeping any review. */
export type ComputedFlag = {
  clusterKey: string;
  organisationName: string;
  organisation: { id: string; name: string; memberIds: string[]; members: FlagMember[] };
  organisationIds: string[];
  directorateIds: string[];
  funderIds: string[];
  awardIds: string[];
  totalAmountPence: bigint;
  overlapFrom: string;
  overlapTo: string;
  severity: FlagSeverity;
  evidence: FlagEvidence;
  fingerprint: string;
};

const RANK: Record<FlagSeverity, number> = { low: 0, medium: 1, high: 2 };

/**
 * Title and description scores, remembered within a run (many awards share a title): each distinct
 * text is processed once (fuzzball's full_process) and numbered, and a pair of numbers keys its score.
 */
export class SimilarityCache {
  private readonly ids = new Map<string, number>();
  private readonly processed: string[] = [];
  private readonly scores = new Map<number, number>();

  tokenSetRatio(a: string, b: string): number {
    if (a === b) return 100;
    const x = this.intern(a);
    const y = this.intern(b);
    if (x === y) return 100;
    const key = x < y ? x * 4_194_304 + y : y * 4_194_304 + x;
    let score = this.scores.get(key);
    if (score === undefined) {
      score = token_set_ratio(this.processed[x], this.processed[y], NO_FULL_PROCESS);
      if (this.scores.size > 1_000_000) this.scores.clear();
      this.scores.set(key, score);
    }
    return score;
  }

  private intern(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      if (this.processed.length >= 4_000_000) this.reset();
      id = this.processed.length;
      this.ids.set(text, id);
      this.processed.push(full_process(text, PROCESS));
    }
    return id;
  }

  private reset(): void {
    this.ids.clear();
    this.processed.length = 0;
    this.scores.clear();
  }
}

/** token_set_ratio's own defaults for processing (lower-case, non-alphanumerics to spaces, whitespace collapsed). */
const PROCESS = { force_ascii: false, collapseWhitespace: true };
const NO_FULL_PROCESS = { full_process: false } as const;

/** As SQL compares programmes for the pair level: trimmed, lower-case. */
export const normaliseProgramme = (p: string | null) => (p ?? '').trim().toLowerCase();

/**
 * Severity of one overlapping pair (DOMAIN.md section 3): low when in-kind support is involved
 * (only in-kind overlaps cash), high when both are cash and share a programme or purpose (same
 * programme, or titles or descriptions close by fuzzball token_set_ratio), otherwise medium.
 */
export function assessOverlap(a: FlagAward, b: FlagAward, settings: FlagSettings, cache = new SimilarityCache()): { severity: FlagSeverity; reason: string } {
  if (a.kind === 'in_kind' || b.kind === 'in_kind') {
    const reason = a.kind === 'in_kind' && b.kind === 'in_kind' ? 'both are in-kind support' : `in-kind support "${(a.kind === 'in_kind' ? a : b).title}" overlaps cash`;
    return { severity: 'low', reason };
  }
  const pa = normaliseProgramme(a.programme);
  if (pa && pa === normaliseProgramme(b.programme)) return { severity: 'high', reason: `same programme "${a.programme!.trim()}"` };
  const titles = cache.tokenSetRatio(a.title, b.title);
  if (titles >= settings.titleThreshold) return { severity: 'high', reason: `close titles "${a.title}" ~ "${b.title}" (token_set_ratio ${titles})` };
  if (a.description?.trim() && b.description?.trim()) {
    const descriptions = cache.tokenSetRatio(a.description, b.description);
    if (descriptions >= settings.descriptionThreshold) return { severity: 'high', reason: `close descriptions (token_set_ratio ${descriptions})` };
  }
  return { severity: 'medium', reason: `different programmes and purposes (titles token_set_ratio ${titles})` };
}

export type AssessedPair = OverlapPair & { severity: FlagSeverity; reason: string; a: FlagAward; b: FlagAward };

export function assessPairs(pairs: readonly OverlapPair[], awards: ReadonlyMap<string, FlagAward>, settings: FlagSettings, cache: SimilarityCache): AssessedPair[] {
  return pairs.map((p) => {
    const a = awards.get(p.aId)!;
    const b = awards.get(p.bId)!;
    return { ...p, a, b, ...assessOverlap(a, b, settings, cache) };
  });
}

/**
 * One organisation's flag: the severity is the most severe pair's (SQL has checked programmes on
 * every pair; titles and descriptions are checked on the assessed pairs), the evidence the most
 * severe assessed pairs, the fingerprint what a reviewer saw.
 */
export function assembleFlag(c: ClusterOverlap, assessed: readonly AssessedPair[], members: FlagMember[], identity: IdentityLink[], settings: FlagSettings): ComputedFlag {
  const ordered = [...assessed].sort((x, y) => RANK[y.severity] - RANK[x.severity] || cmp(x.from, y.from) || cmp(x.aId + x.bId, y.aId + y.bId));
  // The assessed pairs include every pair SQL ranked first (one programme, then cash): the most severe of them is the flag's.
  const severity: FlagSeverity = ordered[0]?.severity ?? (c.maxLevel === 0 ? 'low' : 'medium');
  const sortedMembers = [...members].sort((x, y) => cmp(x.id, y.id));
  const name = c.displayName || sortedMembers[0]?.name || '';
  return {
    clusterKey: c.clusterKey,
    organisationName: name,
    organisation: { id: c.clusterKey, name, memberIds: sortedMembers.map((m) => m.id), members: sortedMembers },
    organisationIds: sortedMembers.map((m) => m.id),
    directorateIds: [...c.directorateIds].sort(),
    funderIds: [...c.funderIds].sort(),
    awardIds: [...c.awardIds].sort(),
    totalAmountPence: c.totalAmountPence,
    overlapFrom: c.overlapFrom,
    overlapTo: c.overlapTo,
    severity,
    evidence: {
      identity,
      overlaps: ordered.slice(0, settings.maxEvidencePairs).map((x) => ({
        awardIds: [x.aId, x.bId],
        directorates: [x.a.directorateName, x.b.directorateName],
        from: x.from,
        to: x.to,
        severity: x.severity,
        reason: x.reason,
      })),
      overlappingPairs: c.pairs,
    },
    fingerprint: fingerprintOf(c.awardsDigest, c.overlapFrom, c.overlapTo, severity),
  };
}

/**
 * What a review looked at: the awards with their amounts and periods (awardsDigest), the overlap
 * and the severity. A review whose fingerprint differs from the flag's shows changedSinceReview.
 */
export function fingerprintOf(awardsDigest: string, overlapFrom: string, overlapTo: string, severity: FlagSeverity): string {
  return createHash('sha1').update([awardsDigest, overlapFrom, overlapTo, severity].join('|')).digest('hex');
}

const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
