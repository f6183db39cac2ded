import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ClusterStore } from './cluster.store.js';
import { FlagCalculator, type FlagScope } from './flag.calculator.js';
import { FlagWriter, type FlagWriteResult } from './flag.writer.js';

/** Recomputes and stores the flags of some clusters, or of all, inside the caller's transaction. */
@Injectable()
export class FlagRefresher {
  constructor(private readonly calculator: FlagCalculator, private readonly writer: FlagWriter, private readonly clusters: ClusterStore) {}

  async refresh(m: EntityManager, scope: FlagScope, excludeAwardIds: readonly string[] = []): Promise<FlagWriteResult> {
    const flags = await this.calculator.compute(m, scope, excludeAwardIds);
    return this.writer.write(m, flags, scope);
  }

  /**
   * After awards are written (in their transaction): the clusters of their recipients now, and of
   * any flag that lists them (the recipient before a change). A deleted award is still in the
   * table when the hook runs, so it is left out explicitly. A created award has no recipient
   * before, and no flag can list it but its own cluster's: that lookup (a GIN scan that grows slow
   * while a large import's new flags wait in the index's pending list) is skipped.
   */
  async refreshForAwards(m: EntityManager, awardIds: readonly string[], event: 'created' | 'updated' | 'deleted'): Promise<FlagWriteResult> {
    const recipients: { id: string }[] = await m.query(`SELECT DISTINCT recipient_organisation_id::text AS id FROM awards WHERE id = ANY($1::uuid[])`, [awardIds]);
    const keys = new Set((await this.clusters.keysOf(m, recipients.map((r) => r.id))).values());
    if (event !== 'created') {
      const listed: { key: string }[] = await m.query(`SELECT cluster_key::text AS key FROM duplicate_funding_flags WHERE award_ids && $1::uuid[]`, [awardIds]);
      for (const r of listed) keys.add(r.key);
    }
    return this.refresh(m, { keys: [...keys] }, event === 'deleted' ? awardIds : []);
  }

  /** The keys of flags that list any of these records, whatever cluster they are in now. */
  async keysListing(m: EntityManager, organisationIds: readonly string[]): Promise<string[]> {
    const rows: { key: string }[] = await m.query(`SELECT cluster_key::text AS key FROM duplicate_funding_flags WHERE organisation_ids && $1::uuid[]`, [organisationIds]);
    return rows.map((r) => r.key);
  }
}
