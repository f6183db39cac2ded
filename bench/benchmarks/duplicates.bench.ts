/**
 * Duplicated funding (issue 5): the full `duplicates-recompute` job (entity resolution over every
 * organisation, then flags of overlapping cross-directorate awards) from empty derived tables,
 * goal ≤ 30 s at 200k organisations / 1M awards; then the flags of one changed award as the
 * product computes them: an award update through AwardsService, whose AwardFlagsHook recomputes
 * the organisation's flags synchronously in the write's transaction, goal ≤ 50 ms. Baseline: an
 * exact GROUP BY of awards by identifier and directorate (what the flags would cost if names never varied).
 */
import { query } from '../harness/databases.js';
import { describeResult, diagnose, jobTimeoutMs, jobUnavailable, runJobs, sumRuns } from '../harness/run-job.js';
import { GOAL_SIZE, projectLinear } from '../harness/sizes.js';
import { formatDuration, formatMegabytes, formatNumber, formatTimes, median, percentile, scalingLine } from '../harness/stats.js';
import type { Benchmark, BenchmarkReport, ResultRow, SeededDb } from '../harness/types.js';
import { atMost, notJudged, notMeasuredRow } from '../harness/verdict.js';

const FULL = 'duplicate-funding recompute';
const ONE = "one changed award's flags";
const FULL_GOAL = '≤ 30 s at 200k orgs / 1M awards';
const FULL_GOAL_MS = 30_000;
const ONE_GOAL_MS = 50;
const CHANGED = 20;
const WARM_UP = 2;
/** Organisation re-match jobs run after the award updates (reported in the notes; no goal). */
const REMATCHED = 5;

const EXACT_GROUP_BY = `
  SELECT count(*)::int AS identifiers FROM (
    SELECT identifier FROM (
      SELECT coalesce(o.charity_number, o.company_number, o.org_id, o.id::text) AS identifier, a.directorate_id,
             count(*) AS awards, sum(a.amount_awarded_pence) AS total, min(a.planned_start_date) AS first, max(a.planned_end_date) AS last
        FROM awards a JOIN organisations o ON o.id = a.recipient_organisation_id
       GROUP BY 1, 2) per_directorate
     GROUP BY identifier HAVING count(*) >= 2) funded_twice`;

async function groupByBaseline(db: SeededDb): Promise<{ ms: number; identifiers: number }> {
  const times: number[] = [];
  let identifiers = 0;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const [r] = await query<{ identifiers: number }>(db.url, EXACT_GROUP_BY);
    times.push(performance.now() - started);
    identifiers = r.identifiers;
  }
  return { ms: median(times), identifiers };
}

export const duplicates: Benchmark = {
  id: 'duplicates',
  title: 'duplicate-funding recompute',
  goal: `${FULL_GOAL}; one award's flags ≤ ${ONE_GOAL_MS} ms`,
  seeded: true,
  async unavailable() {
    return jobUnavailable('duplicates-recompute', 'issue 5, libs/duplicates');
  },
  async run(ctx): Promise<BenchmarkReport> {
    const rows: ResultRow[] = [];
    const notes = [
      `Full: the \`duplicates-recompute\` job with no organisation ids, through the worker's JobRegistry in a child process. Baseline: the exact GROUP BY of awards by identifier (charity number, else company number, else org-id, else the organisation's own id) and directorate, then the identifiers funded by two or more directorates, in one SQL statement on the same database, median of 3 runs.`,
      `Full: organisation_matches, organisation_clusters and duplicate_funding_flags are emptied first (people's decisions kept), so a kept database measures the same from-scratch recompute as a freshly seeded one.`,
      `One changed award: after the full runs, in the same process, AwardsService.update (what PATCH /api/awards/:id calls) raises the amount of one award by £1 for ${CHANGED} awards of organisations funded by two or more directorates, one after another (${WARM_UP} more first as warm-up, not counted). "flags" is the time in AwardFlagsHook (the organisation's flags, recomputed and stored synchronously in the write's transaction), judged on the p95; "whole update" is the write with its audit entry and every hook (compliance included).`,
    ];
    const fullTimes: { size: number; ms: number }[] = [];
    for (const [i, db] of ctx.sizes.entries()) {
      const skip = i === 1 ? ctx.skipLarge(fullTimes[0].ms) : null;
      if (skip) {
        rows.push(notMeasuredRow(FULL, FULL_GOAL, skip, db.label));
        break;
      }
      const base = await groupByBaseline(db);
      // A true full recompute: what earlier runs on a kept database stored is cleared, so every match, cluster and flag is written.
      await query(db.url, `TRUNCATE organisation_matches, organisation_clusters, duplicate_funding_flags`);
      const orgs = await query<{ id: string }>(
        db.url,
        `SELECT recipient_organisation_id AS id FROM awards GROUP BY 1 HAVING count(DISTINCT directorate_id) >= 2 ORDER BY md5(recipient_organisation_id::text) LIMIT ${REMATCHED}`,
      );
      // One award each of organisations funded by two or more directorates, whose flags the change alters.
      const changed = await query<{ id: string }>(
        db.url,
        `SELECT DISTINCT ON (md5(a.recipient_organisation_id::text)) a.id::text AS id
           FROM awards a JOIN (SELECT recipient_organisation_id FROM awards GROUP BY 1 HAVING count(DISTINCT directorate_id) >= 2) o USING (recipient_organisation_id)
          WHERE coalesce(a.planned_start_date, a.award_date) IS NOT NULL
          ORDER BY md5(a.recipient_organisation_id::text), a.id LIMIT ${CHANGED + WARM_UP}`,
      );
      const out = await runJobs(
        ctx,
        db,
        [
          { name: 'duplicates-recompute', data: { requestedBy: null } },
          { name: 'duplicates-recompute', data: { requestedBy: null } },
          ...orgs.map((o) => ({ name: 'duplicates-recompute' as const, data: { requestedBy: null, organisationIds: [o.id] } })),
        ],
        jobTimeoutMs(ctx),
        { awardIds: changed.map((c) => c.id), warmUp: WARM_UP },
      );
      const [full, again, ...rematch] = out.runs;
      fullTimes.push({ size: db.awards, ms: full.ms });
      const atGoalSize = !ctx.options.quick && db.awards === GOAL_SIZE.awards;
      rows.push({
        benchmark: FULL,
        size: db.label,
        figure: `${formatDuration(full.ms)} (peak RSS ${formatMegabytes(out.peakRssBytes)})`,
        baseline: `GROUP BY ${formatDuration(base.ms)}`,
        ratio: `${formatTimes(full.ms / base.ms)} the GROUP BY`,
        goal: FULL_GOAL,
        verdict: atGoalSize
          ? atMost(full.ms, FULL_GOAL_MS, formatDuration)
          : notJudged(`goal is for 1M awards (linear projection ${formatDuration(projectLinear(full.ms, db.awards, GOAL_SIZE.awards))})`),
        limit: diagnose(full),
      });
      const flagsMs = out.awardUpdates.map((u) => u.flagsMs);
      const updateMs = out.awardUpdates.map((u) => u.ms);
      rows.push({
        benchmark: ONE,
        size: db.label,
        figure: `flags p50 ${formatDuration(median(flagsMs))}, p95 ${formatDuration(percentile(flagsMs, 95))}; whole update p50 ${formatDuration(median(updateMs))}, p95 ${formatDuration(percentile(updateMs, 95))} (${flagsMs.length} awards)`,
        baseline: '—',
        ratio: '—',
        goal: `≤ ${ONE_GOAL_MS} ms`,
        verdict: atMost(percentile(flagsMs, 95), ONE_GOAL_MS, formatDuration),
        limit: diagnose(sumRuns(out.awardUpdates.map((u) => ({ ...u, runqueueMs: Number.NaN })))),
      });
      const rematchMs = rematch.map((r) => r.ms);
      notes.push(
        `${db.label}: the same full job run again with nothing changed (matches, clusters and flags all stored already): ${formatDuration(again.ms)}; ${diagnose(again)}.`,
        `${db.label}: one changed organisation's re-match job (\`organisationIds: [one]\`, queued by an organisation write; no goal): p50 ${formatDuration(median(rematchMs))}, max ${formatDuration(Math.max(...rematchMs))} (${rematchMs.length} organisations).`,
      );
      notes.push(
        `${db.label}: the exact GROUP BY finds ${formatNumber(base.identifiers)} identifiers funded by two or more directorates; full job result ${describeResult(full.result)}; ${diagnose(full)}.`,
      );
    }
    return {
      id: this.id,
      title: this.title,
      rows,
      scaling:
        fullTimes.length === 2
          ? `full recompute ${scalingLine({ size: fullTimes[0].size, cost: fullTimes[0].ms }, { size: fullTimes[1].size, cost: fullTimes[1].ms }, formatDuration, 'awards')}`
          : null,
      notes,
    };
  },
};
