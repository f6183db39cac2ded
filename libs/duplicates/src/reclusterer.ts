import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { resolveClusters, type Clustering } from './matching/clusters.js';
import type { PairMatch } from './matching/types.js';
import { ClusterStore } from './cluster.store.js';
import { FlagRefresher } from './flag.refresher.js';
import type { FlagWriteResult } from './flag.writer.js';
import { MatchStore } from './match.store.js';

/** One advisory lock for every writer of matches, clusters and decisions: recomputes, merges and splits take turns. */
export const DUPLICATES_LOCK = 5_150_001;

export async function lockDuplicates(m: EntityManager): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock($1)`, [DUPLICATES_LOCK]);
}

export type ReclusterResult = { clustering: Clustering; records: number; flags: FlagWriteResult };

/**
 * Re-forms clusters from the stored matches and people's decisions (resolveClusters: decisions
 * win), writes organisation_clusters and refreshes the flags of every cluster that changed.
 * Call inside a transaction holding lockDuplicates.
 */
@Injectable()
export class Reclusterer {
  constructor(private readonly matches: MatchStore, private readonly clusters: ClusterStore, private readonly flags: FlagRefresher) {}

  /** Around some records: only their connected component can change, so only it is re-formed. */
  async around(m: EntityManager, organisationIds: readonly string[]): Promise<ReclusterResult> {
    const component = await this.matches.component(m, organisationIds);
    if (!component) return this.all(m, await this.allIds(m), await this.matches.sameMatches(m));
    const clustering = resolveClusters(
      component.map((id) => ({ id })),
      await this.matches.sameMatches(m, component),
      await this.matches.decisions(m, component),
    );
    const { before, after } = await this.clusters.replaceFor(m, component, clustering);
    const keys = new Set([...before, ...after, ...(await this.flags.keysListing(m, component))]);
    const flags = await this.flags.refresh(m, { keys: [...keys] });
    return { clustering, records: component.length, flags };
  }

  /** Everything (the full recompute, or a component too large to walk). */
  async all(m: EntityManager, organisationIds: readonly string[], same: readonly PairMatch[]): Promise<ReclusterResult> {
    const clustering = resolveClusters(
      organisationIds.map((id) => ({ id })),
      same,
      await this.matches.decisions(m),
    );
    await this.clusters.replaceAll(m, clustering);
    const flags = await this.flags.refresh(m, { all: true });
    return { clustering, records: organisationIds.length, flags };
  }

  private async allIds(m: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await m.query(`SELECT id::text AS id FROM organisations`);
    return rows.map((r) => r.id);
  }
}
