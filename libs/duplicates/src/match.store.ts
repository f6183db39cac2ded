import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { HumanDecision, PairMatch } from './matching/types.js';
import type { LoadedOrg } from './match-runner.js';
import { writeInChunks } from './write-chunks.js';

const CHUNK = 5000;
const ORG_BATCH = 50_000;
const BEFORE_ANY_UUID = '00000000-0000-0000-0000-000000000000';

/** Reads organisations for the matcher and keeps its verdicts (organisation_matches) and people's decisions. */
@Injectable()
export class MatchStore {
  /** Every organisation, in keyset batches (no OFFSET), as the matcher reads them. */
  async loadOrganisations(m: EntityManager, onBatch?: (loaded: number) => Promise<void>): Promise<LoadedOrg[]> {
    const out: LoadedOrg[] = [];
    for (let after = BEFORE_ANY_UUID; ; ) {
      const rows: LoadedOrg[] = await m.query(
        `SELECT id, name, aliases, charity_number AS "charityNumber", company_number AS "companyNumber", org_id AS "orgId", postcode, type
           FROM organisations WHERE id > $1 ORDER BY id LIMIT ${ORG_BATCH}`,
        [after],
      );
      for (const r of rows) out.push(r);
      if (rows.length < ORG_BATCH) return out;
      after = rows[rows.length - 1].id;
      await onBatch?.(out.length);
    }
  }

  /**
   * Replaces every stored match among the records a full recompute loaded, writing only what
   * changed: a nightly recompute of a quiet register rewrites nothing. Matches of records created
   * after the load (their own re-match job stored them) are kept.
   */
  async replaceAll(m: EntityManager, matches: readonly PairMatch[], loaded: ReadonlySet<string>): Promise<{ written: number; deleted: number }> {
    const stored: { a: string; b: string; decision: string; confidence: number; method: string; evidence: string[] }[] = await m.query(
      `SELECT organisation_a_id::text AS a, organisation_b_id::text AS b, decision, confidence, method, evidence FROM organisation_matches`,
    );
    const before = new Map(stored.map((r) => [`${r.a}|${r.b}`, r]));
    const changed: PairMatch[] = [];
    for (const x of matches) {
      const key = x.aId < x.bId ? `${x.aId}|${x.bId}` : `${x.bId}|${x.aId}`;
      const old = before.get(key);
      before.delete(key);
      const same = old && old.decision === x.decision && Math.abs(old.confidence - x.confidence) < 1e-6 && old.method === x.method && old.evidence.length === x.evidence.length && old.evidence.every((e, i) => e === x.evidence[i]);
      if (!same) changed.push(x);
    }
    const gone = [...before.values()].filter((r) => loaded.has(r.a) && loaded.has(r.b)).map((r) => ({ a: r.a, b: r.b }));
    for (let i = 0; i < gone.length; i += CHUNK)
      await m.query(
        `DELETE FROM organisation_matches t USING jsonb_to_recordset($1::jsonb) AS r(a uuid, b uuid) WHERE t.organisation_a_id = r.a AND t.organisation_b_id = r.b`,
        [JSON.stringify(gone.slice(i, i + CHUNK))],
      );
    await this.insert(m, changed);
    return { written: changed.length, deleted: gone.length };
  }

  /** Replaces the matches that involve these records (an incremental recompute). */
  async replaceFor(m: EntityManager, organisationIds: readonly string[], matches: readonly PairMatch[]): Promise<void> {
    await m.query(`DELETE FROM organisation_matches WHERE organisation_a_id = ANY($1::uuid[]) OR organisation_b_id = ANY($1::uuid[])`, [organisationIds]);
    await this.insert(m, matches);
  }

  /** Stored 'same' matches, among the given records when ids are passed. */
  async sameMatches(m: EntityManager, among?: readonly string[]): Promise<PairMatch[]> {
    const rows: { a: string; b: string; confidence: number; method: PairMatch['method']; evidence: string[] }[] = among
      ? await m.query(
          `SELECT organisation_a_id AS a, organisation_b_id AS b, confidence, method, evidence FROM organisation_matches
            WHERE decision = 'same' AND organisation_a_id = ANY($1::uuid[]) AND organisation_b_id = ANY($1::uuid[])`,
          [among],
        )
      : await m.query(`SELECT organisation_a_id AS a, organisation_b_id AS b, confidence, method, evidence FROM organisation_matches WHERE decision = 'same'`);
    return rows.map((r) => ({ aId: r.a, bId: r.b, decision: 'same', confidence: r.confidence, method: r.method, evidence: r.evidence }));
  }

  /** People's decisions in the order they were made (the latest on a pair counts), among the given records when ids are passed. */
  async decisions(m: EntityManager, among?: readonly string[]): Promise<HumanDecision[]> {
    const rows: { a: string; b: string; decision: 'merge' | 'split' }[] = among
      ? await m.query(
          `SELECT organisation_a_id AS a, organisation_b_id AS b, decision FROM organisation_decisions
            WHERE organisation_a_id = ANY($1::uuid[]) AND organisation_b_id = ANY($1::uuid[]) ORDER BY decided_at, id`,
          [among],
        )
      : await m.query(`SELECT organisation_a_id AS a, organisation_b_id AS b, decision FROM organisation_decisions ORDER BY decided_at, id`);
    return rows.map((r) => ({ aId: r.a, bId: r.b, decision: r.decision }));
  }

  /**
   * The records that can end in one cluster with these: the connected component over 'same'
   * matches, merge decisions and current cluster membership. Bounded: past `limit` records the
   * caller should re-cluster everything instead (null).
   */
  async component(m: EntityManager, organisationIds: readonly string[], limit = 20_000): Promise<string[] | null> {
    const seen = new Set(organisationIds);
    let frontier = [...seen];
    while (frontier.length) {
      const rows: { id: string }[] = await m.query(
        `SELECT organisation_b_id AS id FROM organisation_matches WHERE decision = 'same' AND organisation_a_id = ANY($1::uuid[])
         UNION SELECT organisation_a_id FROM organisation_matches WHERE decision = 'same' AND organisation_b_id = ANY($1::uuid[])
         UNION SELECT organisation_b_id FROM organisation_decisions WHERE decision = 'merge' AND organisation_a_id = ANY($1::uuid[])
         UNION SELECT organisation_a_id FROM organisation_decisions WHERE decision = 'merge' AND organisation_b_id = ANY($1::uuid[])
         UNION SELECT c2.organisation_id FROM organisation_clusters c1 JOIN organisation_clusters c2 ON c2.cluster_id = c1.cluster_id WHERE c1.organisation_id = ANY($1::uuid[])`,
        [frontier],
      );
      frontier = rows.map((r) => r.id).filter((id) => !seen.has(id));
      for (const id of frontier) seen.add(id);
      if (seen.size > limit) return null;
    }
    return [...seen];
  }

  private async insert(m: EntityManager, matches: readonly PairMatch[]): Promise<void> {
    await writeInChunks(matches, CHUNK, (chunk) => {
      const rows = chunk.map((x) => {
        const [a, b] = x.aId < x.bId ? [x.aId, x.bId] : [x.bId, x.aId];
        return { a, b, decision: x.decision, confidence: x.confidence, method: x.method, evidence: x.evidence };
      });
      return m.query(
        `INSERT INTO organisation_matches (organisation_a_id, organisation_b_id, decision, confidence, method, evidence)
         SELECT a, b, decision, confidence, method, evidence FROM jsonb_to_recordset($1::jsonb)
             AS r(a uuid, b uuid, decision text, confidence real, method text, evidence jsonb)
         ON CONFLICT (organisation_a_id, organisation_b_id) DO UPDATE
            SET decision = EXCLUDED.decision, confidence = EXCLUDED.confidence, method = EXCLUDED.method, evidence = EXCLUDED.evidence, computed_at = now()`,
        [JSON.stringify(rows)],
      );
    });
  }
}
