import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { createHash } from 'node:crypto';
import type { ComputedFlag } from './flag-assembly.js';
import type { FlagScope } from './flag.calculator.js';
import { writeInChunks } from './write-chunks.js';

const CHUNK = 1000;

export type FlagWriteResult = { written: number; created: number; rekeyed: number; deactivated: number };

type ExistingFlag = { id: string; key: string; reviewed: boolean; hash: string; active: boolean };

/**
 * Stores computed flags without ever duplicating one and without losing a review.
 *
 * Identity: a flag belongs to a cluster and is keyed by the cluster's id, its smallest organisation
 * id (unique cluster_key). When clusters change:
 * - a cluster that gains records with larger ids keeps its key, so its flag is simply updated;
 * - a cluster whose new smallest id is a newcomer has no flag under the new key: it takes over the
 *   flag of an old cluster whose key is now one of its members (a reviewed one first, then the
 *   smallest key), so the review and the flag's id carry over;
 * - when a cluster splits, the part holding the old key keeps the flag; other parts get new flags.
 * A stored flag that no longer arises (its overlap or its cluster has gone) is deactivated, not
 * deleted: if it arises again it comes back with its review.
 *
 * Reviews: status, note and reviewer are never touched by a recompute. The figures are replaced;
 * when the fingerprint (awards, amounts, periods, overlap, severity) no longer equals the one the
 * reviewer saw, the API shows changedSinceReview: true and the status stays as reviewed.
 */
@Injectable()
export class FlagWriter {
  async write(m: EntityManager, flags: readonly ComputedFlag[], scope: FlagScope): Promise<FlagWriteResult> {
    const sorted = [...flags].sort((x, y) => (x.clusterKey < y.clusterKey ? -1 : 1));
    const existing = await this.existing(m, sorted, scope);
    const byKey = new Map(existing.map((f) => [f.key, f]));
    const computedKeys = new Set(sorted.map((f) => f.clusterKey));
    const claimed = new Set<string>();
    const rekeys: { id: string; key: string }[] = [];
    for (const f of sorted) {
      if (byKey.has(f.clusterKey)) continue;
      const candidates = f.organisationIds
        .map((id) => byKey.get(id))
        .filter((x): x is ExistingFlag => !!x && !computedKeys.has(x.key) && !claimed.has(x.id))
        .sort((x, y) => Number(y.reviewed) - Number(x.reviewed) || (x.key < y.key ? -1 : 1));
      if (candidates.length) {
        claimed.add(candidates[0].id);
        rekeys.push({ id: candidates[0].id, key: f.clusterKey });
      }
    }
    if (rekeys.length)
      await m.query(
        `UPDATE duplicate_funding_flags f SET cluster_key = r.key, updated_at = now() FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, key uuid) WHERE f.id = r.id`,
        [JSON.stringify(rekeys)],
      );
    const created = sorted.length - existing.filter((f) => computedKeys.has(f.key)).length - rekeys.length;
    const hashes = sorted.map(contentHash);
    const rekeyed = new Set(rekeys.map((r) => r.key));
    // A flag already stored as computed (same key, same content, active) is left alone.
    const changed = sorted.map((f, i) => ({ f, hash: hashes[i] })).filter(({ f, hash }) => {
      const old = byKey.get(f.clusterKey);
      return rekeyed.has(f.clusterKey) || !old || old.hash !== hash || !old.active;
    });
    await writeInChunks(changed, CHUNK, (chunk) => this.upsert(m, chunk));
    const deactivated = await this.deactivate(m, [...computedKeys], scope);
    return { written: changed.length, created, rekeyed: rekeys.length, deactivated };
  }

  /** Stored flags that a computed one may be, or that the scope covers. */
  private async existing(m: EntityManager, flags: readonly ComputedFlag[], scope: FlagScope): Promise<ExistingFlag[]> {
    if ('all' in scope) return m.query(`SELECT id::text, cluster_key::text AS key, (reviewed_at IS NOT NULL) AS reviewed, content_hash AS hash, active FROM duplicate_funding_flags`);
    const keys = [...new Set([...scope.keys, ...flags.flatMap((f) => [f.clusterKey, ...f.organisationIds])])];
    return m.query(
      `SELECT id::text, cluster_key::text AS key, (reviewed_at IS NOT NULL) AS reviewed, content_hash AS hash, active FROM duplicate_funding_flags WHERE cluster_key = ANY($1::uuid[])`,
      [keys],
    );
  }

  /** Builds its JSON parameter before sending (see writeInChunks). */
  private upsert(m: EntityManager, flags: readonly { f: ComputedFlag; hash: string }[]): Promise<unknown> {
    const rows = flags.map(({ f, hash }) => ({
      cluster_key: f.clusterKey,
      organisation_name: f.organisationName,
      organisation_ids: f.organisationIds,
      directorate_ids: f.directorateIds,
      funder_ids: f.funderIds,
      award_ids: f.awardIds,
      organisation: f.organisation,
      evidence: f.evidence,
      total_amount_pence: f.totalAmountPence.toString(),
      overlap_from: f.overlapFrom,
      overlap_to: f.overlapTo,
      severity: f.severity,
      fingerprint: f.fingerprint,
      content_hash: hash,
    }));
    return m.query(
      `INSERT INTO duplicate_funding_flags AS f (cluster_key, organisation_name, organisation_ids, directorate_ids, funder_ids, award_ids,
              organisation, evidence, total_amount_pence, overlap_from, overlap_to, severity, fingerprint, content_hash)
       SELECT cluster_key, organisation_name, organisation_ids, directorate_ids, funder_ids, award_ids,
              organisation, evidence, total_amount_pence, overlap_from, overlap_to, severity, fingerprint, content_hash
         FROM jsonb_to_recordset($1::jsonb) AS r(cluster_key uuid, organisation_name text, organisation_ids uuid[], directorate_ids uuid[], funder_ids uuid[],
              award_ids uuid[], organisation jsonb, evidence jsonb, total_amount_pence bigint, overlap_from date, overlap_to date, severity text, fingerprint text,
              content_hash text)
       ON CONFLICT (cluster_key) DO UPDATE SET
              organisation_name = EXCLUDED.organisation_name, organisation_ids = EXCLUDED.organisation_ids, directorate_ids = EXCLUDED.directorate_ids,
              funder_ids = EXCLUDED.funder_ids, award_ids = EXCLUDED.award_ids, organisation = EXCLUDED.organisation, evidence = EXCLUDED.evidence,
              total_amount_pence = EXCLUDED.total_amount_pence, overlap_from = EXCLUDED.overlap_from, overlap_to = EXCLUDED.overlap_to,
              severity = EXCLUDED.severity, fingerprint = EXCLUDED.fingerprint, content_hash = EXCLUDED.content_hash, active = true,
              computed_at = now(), updated_at = now()
        WHERE f.content_hash IS DISTINCT FROM EXCLUDED.content_hash OR NOT f.active`,
      [JSON.stringify(rows)],
    );
  }

  private async deactivate(m: EntityManager, computedKeys: string[], scope: FlagScope): Promise<number> {
    const [, count] =
      'all' in scope
        ? await m.query(`UPDATE duplicate_funding_flags SET active = false, updated_at = now() WHERE active AND cluster_key <> ALL($1::uuid[])`, [computedKeys])
        : await m.query(
            `UPDATE duplicate_funding_flags SET active = false, updated_at = now() WHERE active AND cluster_key = ANY($2::uuid[]) AND cluster_key <> ALL($1::uuid[])`,
            [computedKeys, scope.keys],
          );
    return Number(count ?? 0);
  }
}

/** Everything the row stores from a computation (reviews aside). */
function contentHash(f: ComputedFlag): string {
  return createHash('sha1')
    .update(JSON.stringify([f.organisationName, f.organisation, f.organisationIds, f.directorateIds, f.funderIds, f.awardIds, f.evidence, f.totalAmountPence.toString(), f.overlapFrom, f.overlapTo, f.severity, f.fingerprint]))
    .digest('hex');
}
