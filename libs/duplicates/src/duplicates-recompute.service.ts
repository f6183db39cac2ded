import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DuplicateSettingsSource } from './duplicate-settings.js';
import { FlagRefresher } from './flag.refresher.js';
import { matchable, matchAllAsync, matchSomeAsync } from './match-runner.js';
import { MatchStore } from './match.store.js';
import { lockDuplicates, Reclusterer } from './reclusterer.js';

export type RecomputeProgress = (percent: number) => Promise<void>;

export type RecomputeResult = {
  scope: 'all' | 'organisations';
  organisations: number;
  pairsCompared: number | null;
  /** Worker threads that shared the candidate pairs (1: matched in this thread). */
  matchThreads?: number;
  matches: { same: number; possible: number };
  clusters: number;
  recordsReclustered: number;
  flags: { written: number; created: number; rekeyed: number; deactivated: number; caughtUp: number };
  /** Milliseconds per stage, for the benchmark. */
  timings: Record<string, number>;
};

const noProgress: RecomputeProgress = async () => undefined;

/**
 * DUP-1 recomputes, callable from the job handler, the benchmark or a script.
 *
 * full(): load every organisation (keyset batches), block and match them (matchAllAsync: never all
 * pairs), then in one transaction under the duplicates lock: store the matches, form clusters with
 * people's decisions winning, and recompute every flag in SQL keeping reviews. Matching runs
 * outside the transaction and the lock, so merges and splits wait only for the writing.
 * Awards written while it ran are caught up at the end (their own hooks may have read the old clusters).
 *
 * organisations(ids): the same for a few changed records: their candidates only are compared, and
 * only their connected component is re-clustered.
 */
@Injectable()
export class DuplicatesRecompute {
  private readonly logger = new Logger('DuplicatesRecompute');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly store: MatchStore,
    private readonly reclusterer: Reclusterer,
    private readonly flags: FlagRefresher,
    private readonly settings: DuplicateSettingsSource,
  ) {}

  async full(progress: RecomputeProgress = noProgress): Promise<RecomputeResult> {
    const auditMark = await this.auditMark();
    const [{ now: loadedAt }] = await this.ds.query(`SELECT now() AS now`);
    const clock = stopwatch();
    const settings = this.settings.current().match;
    const orgs = await this.store.loadOrganisations(this.ds.manager, async (n) => progress(Math.min(10, 1 + n / 20_000)));
    clock.lap('load');
    await progress(10);
    const { matches, pairsCompared, threads } = await matchAllAsync(matchable(orgs), settings);
    clock.lap('match');
    await progress(55);
    const same = matches.filter((x) => x.decision === 'same');
    const written = await this.ds.transaction(async (m) => {
      await lockDuplicates(m);
      clock.lap('lock');
      await this.store.replaceAll(m, matches, new Set(orgs.map((o) => o.id)));
      clock.lap('storeMatches');
      await progress(65);
      const r = await this.reclusterer.all(m, orgs.map((o) => o.id), same);
      // Records created since the load were matched by their own jobs: re-form their clusters from what those stored.
      const newcomers: { id: string }[] = await m.query(`SELECT id::text AS id FROM organisations WHERE created_at >= $1`, [loadedAt]);
      if (newcomers.length) await this.reclusterer.around(m, newcomers.map((o) => o.id));
      clock.lap('clustersAndFlags');
      return r;
    });
    // organisation_clusters was rewritten: fresh statistics keep the per-award plans on its index.
    await this.ds.query(`ANALYZE organisation_clusters`);
    clock.lap('analyze');
    await progress(95);
    const caughtUp = await this.catchUp(auditMark);
    clock.lap('catchUp');
    await progress(100);
    const result: RecomputeResult = {
      scope: 'all',
      organisations: orgs.length,
      pairsCompared,
      matchThreads: threads,
      matches: { same: same.length, possible: matches.length - same.length },
      clusters: written.clustering.clusters.length,
      recordsReclustered: written.records,
      flags: { ...written.flags, caughtUp },
      timings: clock.timings,
    };
    this.logger.log(result, 'duplicates full recompute finished');
    return result;
  }

  async organisations(organisationIds: readonly string[], progress: RecomputeProgress = noProgress): Promise<RecomputeResult> {
    const clock = stopwatch();
    const ids = [...new Set(organisationIds)];
    const orgs = await this.store.loadOrganisations(this.ds.manager);
    clock.lap('load');
    await progress(20);
    const known = new Set(orgs.map((o) => o.id));
    const present = ids.filter((id) => known.has(id));
    const matches = await matchSomeAsync(matchable(orgs), new Set(present), this.settings.current().match);
    clock.lap('match');
    await progress(60);
    const written = await this.ds.transaction(async (m) => {
      await lockDuplicates(m);
      await this.store.replaceFor(m, present, matches);
      return this.reclusterer.around(m, present);
    });
    clock.lap('clustersAndFlags');
    await progress(100);
    const same = matches.filter((x) => x.decision === 'same').length;
    return {
      scope: 'organisations',
      organisations: present.length,
      pairsCompared: null,
      matches: { same, possible: matches.length - same },
      clusters: written.clustering.clusters.length,
      recordsReclustered: written.records,
      flags: { ...written.flags, caughtUp: 0 },
      timings: clock.timings,
    };
  }

  /** Where the audit trail stands: every award write is audited in its transaction, so the trail after this mark lists the awards written since. */
  private async auditMark(): Promise<string> {
    const [{ id }] = await this.ds.query(`SELECT coalesce(max(id), 0)::text AS id FROM audit_log`);
    return id;
  }

  /**
   * Awards written (or deleted) while the recompute ran were flagged by their own hooks, possibly
   * against the old clusters, and the recompute may have read them before they changed: refresh
   * their organisations' flags now.
   */
  private async catchUp(auditMark: string): Promise<number> {
    return this.ds.transaction(async (m) => {
      const changed: { id: string }[] = await m.query(`SELECT DISTINCT entity_id AS id FROM audit_log WHERE id > $1 AND entity = 'award'`, [auditMark]);
      if (!changed.length) return 0;
      return (await this.flags.refreshForAwards(m, changed.map((c) => c.id), 'updated')).written;
    });
  }
}

function stopwatch() {
  const timings: Record<string, number> = {};
  let last = performance.now();
  return {
    timings,
    lap(name: string) {
      const now = performance.now();
      timings[name] = Math.round(now - last);
      last = now;
    },
  };
}
