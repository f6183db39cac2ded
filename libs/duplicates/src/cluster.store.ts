import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Clustering } from './matching/clusters.js';
import { writeInChunks } from './write-chunks.js';

const CHUNK = 10_000;

/** organisation_clusters: which real organisation each record belongs to (rows only for clusters of two or more). */
@Injectable()
export class ClusterStore {
  /** The cluster id of each record (its own id when it stands alone). */
  async keysOf(m: EntityManager, organisationIds: readonly string[]): Promise<Map<string, string>> {
    const rows: { id: string; k: string }[] = await m.query(
      `SELECT o.id::text AS id, coalesce(c.cluster_id, o.id)::text AS k
         FROM unnest($1::uuid[]) AS o(id) LEFT JOIN organisation_clusters c ON c.organisation_id = o.id`,
      [organisationIds],
    );
    return new Map(rows.map((r) => [r.id, r.k]));
  }

  /** Members of the clusters with these ids (a key with no rows is a record standing alone). */
  async members(m: EntityManager, clusterKeys: readonly string[]): Promise<Map<string, { id: string; name: string }[]>> {
    const rows: { k: string; id: string; name: string }[] = await m.query(
      `SELECT c.cluster_id::text AS k, o.id::text AS id, o.name FROM organisation_clusters c JOIN organisations o ON o.id = c.organisation_id
        WHERE c.cluster_id = ANY($1::uuid[])
       UNION ALL
       SELECT o.id::text, o.id::text, o.name FROM organisations o
        WHERE o.id = ANY($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM organisation_clusters c WHERE c.organisation_id = o.id)`,
      [clusterKeys],
    );
    const out = new Map<string, { id: string; name: string }[]>();
    for (const r of rows) {
      if (!out.has(r.k)) out.set(r.k, []);
      out.get(r.k)!.push({ id: r.id, name: r.name });
    }
    return out;
  }

  /**
   * Every cluster's members, for a whole-register pass: two table scans instead of one index
   * lookup per cluster. Returns a lookup with the same answers as members().
   */
  async allMembers(m: EntityManager): Promise<(clusterKey: string) => { id: string; name: string }[]> {
    const names = new Map<string, string>((await m.query(`SELECT id::text AS id, name FROM organisations`)).map((r: { id: string; name: string }) => [r.id, r.name]));
    const rows: { k: string; id: string }[] = await m.query(`SELECT cluster_id::text AS k, organisation_id::text AS id FROM organisation_clusters`);
    const multi = new Map<string, { id: string; name: string }[]>();
    for (const r of rows) {
      if (!multi.has(r.k)) multi.set(r.k, []);
      multi.get(r.k)!.push({ id: r.id, name: names.get(r.id) ?? '' });
    }
    return (k) => multi.get(k) ?? (names.has(k) ? [{ id: k, name: names.get(k)! }] : []);
  }

  /** Replaces the rows of these records with their new clusters; returns the cluster ids before and after. */
  async replaceFor(m: EntityManager, organisationIds: readonly string[], clustering: Clustering): Promise<{ before: Set<string>; after: Set<string> }> {
    const before = new Set((await this.keysOf(m, organisationIds)).values());
    await m.query(`DELETE FROM organisation_clusters WHERE organisation_id = ANY($1::uuid[])`, [organisationIds]);
    const wanted = new Set(organisationIds);
    await this.insert(m, clustering.clusters.flatMap((c) => c.memberIds.filter((id) => wanted.has(id)).map((id) => ({ o: id, c: c.id }))));
    return { before, after: new Set(organisationIds.map(clustering.clusterOf)) };
  }

  /** Replaces every row (the full recompute). */
  async replaceAll(m: EntityManager, clustering: Clustering): Promise<void> {
    await m.query(`DELETE FROM organisation_clusters`);
    await this.insert(m, clustering.clusters.flatMap((c) => c.memberIds.map((id) => ({ o: id, c: c.id }))));
  }

  private async insert(m: EntityManager, rows: { o: string; c: string }[]): Promise<void> {
    await writeInChunks(rows, CHUNK, (chunk) =>
      m.query(`INSERT INTO organisation_clusters (organisation_id, cluster_id) SELECT o, c FROM jsonb_to_recordset($1::jsonb) AS r(o uuid, c uuid)`, [JSON.stringify(chunk)]),
    );
  }
}
