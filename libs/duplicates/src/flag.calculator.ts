import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DuplicateSettingsSource, type FlagSettings } from './duplicate-settings.js';
import { ClusterStore } from './cluster.store.js';
import { findOverlaps, parsePeriodAward, rankPairs, type LeveledPair, type OrganisationOverlaps } from './award-overlaps.js';
import { assembleFlag, assessPairs, SimilarityCache, type AssessedPair, type ClusterOverlap, type ComputedFlag, type FlagAward, type IdentityLink } from './flag-assembly.js';

/** Which clusters to compute: all of them, or these cluster ids. */
export type FlagScope = { all: true } | { keys: readonly string[] };

const CHUNK = 5000;

type Found = { key: string; overlaps: OrganisationOverlaps; top: LeveledPair[]; more: LeveledPair[] };
type ClusterAwardsRow = { k: string; awards: string };
type MembersOf = (clusterKey: string) => { id: string; name: string }[];

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/**
 * Each cluster's dated awards, one compact line per award, one row per cluster. $1: award ids to
 * leave out, $2: settings.openEndedDays, $3: cluster ids (null for all). A record's cluster is its
 * organisation_clusters row, else the record itself. A period runs from the planned start (else
 * the award date) to the planned end (else openEndedDays later), cut short by an ending's
 * effective date; both ends included.
 */
function clusterAwardsSql(scope: FlagScope): string {
  const dated = `coalesce(aw.planned_start_date, aw.award_date) IS NOT NULL AND aw.id <> ALL($1::uuid[])`;
  // All clusters: only those whose awards come from two or more directorates, found per record
  // first (the smallest and largest directorate hash), then per cluster; most awards never leave the database.
  const members =
    'all' in scope
      ? `po AS (
           SELECT aw.recipient_organisation_id AS org, min(uuid_hash_extended(aw.directorate_id, 0)) AS lo, max(uuid_hash_extended(aw.directorate_id, 0)) AS hi
             FROM awards aw WHERE ${dated} AND $3::uuid[] IS NULL GROUP BY 1
         ),
         pk AS (SELECT po.org, coalesce(c.cluster_id, po.org) AS k, po.lo, po.hi FROM po LEFT JOIN organisation_clusters c ON c.organisation_id = po.org),
         cmem AS (SELECT pk.org AS organisation_id, pk.k FROM pk JOIN (SELECT k FROM pk GROUP BY k HAVING min(lo) <> max(hi)) cand USING (k))`
      : `cmem AS (
           SELECT organisation_id, cluster_id AS k FROM organisation_clusters WHERE cluster_id = ANY($3::uuid[])
           UNION ALL
           SELECT o.id, o.id FROM organisations o WHERE o.id = ANY($3::uuid[]) AND NOT EXISTS (SELECT 1 FROM organisation_clusters c WHERE c.organisation_id = o.id)
         )`;
  return `
    WITH ${members}
    SELECT cmem.k::text AS k,
           string_agg(concat_ws(' ', aw.id, aw.directorate_id, aw.recipient_organisation_id, CASE WHEN aw.kind = 'in_kind' THEN 'k' ELSE 'c' END,
             aw.amount_awarded_pence, p.s, p.e, coalesce(hashtext(nullif(lower(btrim(aw.programme)), ''))::text, '-')), ',') AS awards
      FROM awards aw JOIN cmem ON cmem.organisation_id = aw.recipient_organisation_id
      CROSS JOIN LATERAL (
        SELECT coalesce(aw.planned_start_date, aw.award_date) AS s,
               least(coalesce(aw.planned_end_date, coalesce(aw.planned_start_date, aw.award_date) + ($2::int - 1)), coalesce(aw.ending_effective_date, 'infinity'::date)) AS e
      ) p
     WHERE ${dated}
     GROUP BY cmem.k`;
}

/**
 * Computes DUP-1 flags. SQL hands over each candidate organisation's dated awards in compact form;
 * findOverlaps pairs them up (a sweep by start date within the organisation, never across all
 * awards) with what the awards alone tell (in-kind, one programme). Titles and descriptions
 * (fuzzball token_set_ratio) are judged on each organisation's top-ranked pairs and, while none is
 * high, on up to settings.maxSimilarityPairs more.
 */
@Injectable()
export class FlagCalculator {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clusters: ClusterStore,
    private readonly settings: DuplicateSettingsSource,
  ) {}

  /**
   * The flags of the clusters in scope; `excludeAwardIds` are left out (an award being deleted).
   * Call inside a transaction: all clusters are read through a cursor, a slice at a time.
   */
  async compute(m: EntityManager, scope: FlagScope, excludeAwardIds: readonly string[] = []): Promise<ComputedFlag[]> {
    const settings = this.settings.current().flags;
    if ('keys' in scope && scope.keys.length === 0) return [];
    const params = [excludeAwardIds, settings.openEndedDays, 'keys' in scope ? scope.keys : null];
    const cache = new SimilarityCache();
    const funderOf = await this.funderOfDirectorate(m);
    const out: ComputedFlag[] = [];
    if ('keys' in scope) {
      const rows: ClusterAwardsRow[] = await m.query(`${clusterAwardsSql(scope)} ORDER BY 1`, params);
      const members = await this.clusters.members(m, rows.map((r) => r.k));
      for (const slice of chunks(rows, CHUNK)) out.push(...(await this.slice(m, slice, (k) => members.get(k) ?? [], funderOf, settings, cache, m)));
      return out;
    }
    const members = await this.clusters.allMembers(m);
    // One large aggregate over every award: room to hash in memory, no JIT compile for a query run once,
    // and a cursor so that each slice's rows are dropped before the next is read.
    await m.query(`SET LOCAL work_mem = '128MB'; SET LOCAL jit = off`);
    await m.query(`DECLARE duplicates_flag_awards NO SCROLL CURSOR FOR ${clusterAwardsSql(scope)} ORDER BY 1`, params);
    // The next slice is fetched while this one is assessed, and the awards' titles are read on
    // another connection meanwhile (they are not what this transaction writes; an award changed
    // since is caught up by the recompute's audit trail), so PostgreSQL and Node work at once.
    const fetchSlice = () => {
      const rows: Promise<ClusterAwardsRow[]> = m.query(`FETCH ${CHUNK} FROM duplicates_flag_awards`);
      rows.catch(() => undefined); // awaited on the next turn
      return rows;
    };
    for (let next = fetchSlice(); ; ) {
      const rows = await next;
      if (!rows.length) break;
      next = fetchSlice();
      out.push(...(await this.slice(m, rows, members, funderOf, settings, cache, this.ds.manager)));
    }
    await m.query(`CLOSE duplicates_flag_awards`);
    return out;
  }

  /** Pairs up one slice of clusters' awards and assembles the flags of those that overlap. */
  /** `details`: where the awards' titles and descriptions are read (the transaction itself when it may have written them). */
  private async slice(m: EntityManager, rows: ClusterAwardsRow[], members: MembersOf, funderOf: Map<string, string>, settings: FlagSettings, cache: SimilarityCache, details: EntityManager): Promise<ComputedFlag[]> {
    const found: Found[] = [];
    for (const r of rows) {
      const overlaps = findOverlaps(r.awards.split(',').map(parsePeriodAward));
      if (!overlaps) continue;
      const ranked = rankPairs(overlaps.pairs);
      const top = ranked.slice(0, settings.maxEvidencePairs);
      // Only an organisation whose best pair is plain cash may need more pairs judged (searchHighPairs).
      const more = ranked[0].level === 1 ? ranked.slice(settings.maxEvidencePairs, settings.maxSimilarityPairs).filter((p) => p.level === 1) : [];
      overlaps.pairs = [];
      found.push({ key: r.k, overlaps, top, more });
    }
    return found.length ? this.assemble(m, found, members, funderOf, settings, cache, details) : [];
  }

  private async assemble(m: EntityManager, found: Found[], members: MembersOf, funderOf: Map<string, string>, settings: FlagSettings, cache: SimilarityCache, reader: EntityManager): Promise<ComputedFlag[]> {
    const identityRead = this.identity(m, found.map((f) => f.key).filter((k) => members(k).length > 1), members);
    identityRead.catch(() => undefined); // awaited below, after the titles are judged
    const details = await this.awards(reader, found.flatMap((f) => f.top.flatMap((p) => [p.aId, p.bId])));
    const assessed = new Map(found.map((f) => [f.key, assessPairs(f.top, details, settings, cache)]));
    await this.searchHighPairs(reader, found, assessed, details, settings, cache);
    const identity = await identityRead;
    return found.map((f) => {
      const memberList = members(f.key);
      const c: ClusterOverlap = {
        clusterKey: f.key,
        overlapFrom: f.overlaps.overlapFrom,
        overlapTo: f.overlaps.overlapTo,
        maxLevel: f.overlaps.maxLevel,
        pairs: f.overlaps.pairCount,
        awardIds: f.overlaps.awardIds,
        directorateIds: f.overlaps.directorateIds,
        funderIds: [...new Set(f.overlaps.directorateIds.map((d) => funderOf.get(d)!))],
        totalAmountPence: f.overlaps.totalAmountPence,
        awardsDigest: f.overlaps.awardsDigest,
        displayName: displayName(memberList, f.overlaps.awardsByOrganisation),
        topPairs: f.top,
      };
      return assembleFlag(c, assessed.get(f.key)!, memberList, identity.get(f.key) ?? [], settings);
    });
  }

  /**
   * An organisation whose programmes never match and whose top pairs are not close in title or
   * description may still have a close pair further down: judge up to maxSimilarityPairs of its cash
   * pairs, stopping at the first high one.
   */
  private async searchHighPairs(m: EntityManager, found: Found[], assessed: Map<string, AssessedPair[]>, details: Map<string, FlagAward>, settings: FlagSettings, cache: SimilarityCache): Promise<void> {
    const pending = found.filter((f) => f.more.length && !assessed.get(f.key)!.some((p) => p.severity === 'high'));
    if (!pending.length) return;
    for (const [id, award] of await this.awards(m, pending.flatMap((f) => f.more.flatMap((p) => [p.aId, p.bId])).filter((id) => !details.has(id)))) details.set(id, award);
    for (const f of pending) {
      for (const p of f.more) {
        const [pair] = assessPairs([p], details, settings, cache);
        if (pair.severity === 'high') {
          assessed.get(f.key)!.push(pair);
          break;
        }
      }
    }
  }

  private async awards(m: EntityManager, ids: string[]): Promise<Map<string, FlagAward>> {
    const unique = [...new Set(ids)];
    const out = new Map<string, FlagAward>();
    for (let i = 0; i < unique.length; i += 20_000) {
      const rows: FlagAward[] = await m.query(
        `SELECT aw.id::text AS id, d.name AS "directorateName", aw.kind, aw.title, aw.description, aw.programme
           FROM awards aw JOIN directorates d ON d.id = aw.directorate_id WHERE aw.id = ANY($1::uuid[])`,
        [unique.slice(i, i + 20_000)],
      );
      for (const r of rows) out.set(r.id, r);
    }
    return out;
  }

  private async funderOfDirectorate(m: EntityManager): Promise<Map<string, string>> {
    const rows: { id: string; f: string }[] = await m.query(`SELECT id::text AS id, funder_id::text AS f FROM directorates`);
    return new Map(rows.map((r) => [r.id, r.f]));
  }

  /**
   * What joins each cluster's records: people's merges (the latest decision on a pair) and the
   * matcher's 'same' pairs that no person split.
   */
  private async identity(m: EntityManager, keys: string[], members: MembersOf): Promise<Map<string, IdentityLink[]>> {
    const out = new Map<string, IdentityLink[]>();
    if (!keys.length) return out;
    const rows: { k: string; a: string; b: string; source: 'matcher' | 'person'; confidence: number; evidence: string[] }[] = await m.query(
      `WITH mem AS (SELECT organisation_id, cluster_id FROM organisation_clusters WHERE cluster_id = ANY($1::uuid[])),
       latest AS (
         SELECT DISTINCT ON (d.organisation_a_id, d.organisation_b_id) d.organisation_a_id AS a, d.organisation_b_id AS b, d.decision, d.decided_by, d.decided_at, d.note, ma.cluster_id AS k
           FROM organisation_decisions d JOIN mem ma ON ma.organisation_id = d.organisation_a_id JOIN mem mb ON mb.organisation_id = d.organisation_b_id AND mb.cluster_id = ma.cluster_id
          ORDER BY d.organisation_a_id, d.organisation_b_id, d.decided_at DESC, d.id DESC
       )
       SELECT k::text, a::text, b::text, 'person' AS source, 1::real AS confidence,
              jsonb_build_array('merged by ' || decided_by || ' on ' || to_char(decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') || coalesce(': ' || note, '')) AS evidence
         FROM latest WHERE decision = 'merge'
       UNION ALL
       SELECT ma.cluster_id::text, mt.organisation_a_id::text, mt.organisation_b_id::text, 'matcher', mt.confidence, mt.evidence
         FROM organisation_matches mt JOIN mem ma ON ma.organisation_id = mt.organisation_a_id JOIN mem mb ON mb.organisation_id = mt.organisation_b_id AND mb.cluster_id = ma.cluster_id
        WHERE mt.decision = 'same' AND NOT EXISTS (SELECT 1 FROM latest l WHERE l.a = mt.organisation_a_id AND l.b = mt.organisation_b_id)`,
      [keys],
    );
    for (const r of rows) {
      const names = new Map(members(r.k).map((x) => [x.id, x.name]));
      if (!out.has(r.k)) out.set(r.k, []);
      out.get(r.k)!.push({ organisationIds: [r.a, r.b], names: [names.get(r.a) ?? '', names.get(r.b) ?? ''], source: r.source, confidence: Number(r.confidence), evidence: r.evidence });
    }
    const pair = (l: IdentityLink) => l.organisationIds.join('|');
    for (const links of out.values())
      links.sort((x, y) => (x.source !== y.source ? (x.source === 'person' ? -1 : 1) : y.confidence - x.confidence || (pair(x) < pair(y) ? -1 : 1)));
    return out;
  }
}

/** The name people will recognise: the member record holding most of the flagged awards, then the longest name. */
function displayName(members: { id: string; name: string }[], held: Map<string, number>): string {
  const best = [...members].sort((x, y) => (held.get(y.id) ?? 0) - (held.get(x.id) ?? 0) || y.name.length - x.name.length || (x.id < y.id ? -1 : 1))[0];
  return best?.name ?? '';
}
