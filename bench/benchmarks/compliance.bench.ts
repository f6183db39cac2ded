/**
 * Compliance (issue 4): the `compliance-recheck` job recomputes the stored findings of every award
 * (goal ≥ 20,000 awards/s), then `GET /api/compliance/summary?groupBy=directorate` reads them
 * (goal < 200 ms), one client, through the real API.
 */
import { probeRoute, timeRequests } from '../harness/api-server.js';
import { describeResult, diagnose, jobTimeoutMs, jobUnavailable, runJobs } from '../harness/run-job.js';
import { formatDuration, formatMegabytes, formatNumber, percentile, scalingLine } from '../harness/stats.js';
import type { Benchmark, BenchmarkReport, ResultRow } from '../harness/types.js';
import { atLeast, below, notMeasuredRow } from '../harness/verdict.js';

const RECOMPUTE = 'compliance recompute';
const SUMMARY = 'compliance summary query';
const RATE_GOAL = 20_000;
const SUMMARY_GOAL_MS = 200;
const SUMMARY_PATH = '/api/compliance/summary?groupBy=directorate';
const SAMPLES = 20;

export const compliance: Benchmark = {
  id: 'compliance',
  title: 'compliance recompute and summary',
  goal: `≥ ${formatNumber(RATE_GOAL)} awards/s; summary < ${SUMMARY_GOAL_MS} ms`,
  seeded: true,
  usesApi: true,
  async unavailable() {
    return jobUnavailable('compliance-recheck', 'issue 4, libs/compliance');
  },
  async run(ctx): Promise<BenchmarkReport> {
    const rows: ResultRow[] = [];
    const notes: string[] = [
      `Recompute: the \`compliance-recheck\` job through the worker's JobRegistry in a child process over every award of the seeded database; the figure is awards ÷ the job's wall time (worker boot excluded). No baseline: the goal is absolute.`,
      `Summary: \`GET ${SUMMARY_PATH}\` with an admin token on the real API after the recompute, one client, ${SAMPLES} requests after 2 warm-up requests; judged on the p95.`,
    ];
    const times: { size: number; ms: number }[] = [];
    for (const [i, db] of ctx.sizes.entries()) {
      const skip = i === 1 ? ctx.skipLarge(times[0].ms) : null;
      if (skip) {
        rows.push(notMeasuredRow(RECOMPUTE, `≥ ${formatNumber(RATE_GOAL)} awards/s`, skip, db.label));
        break;
      }
      const out = await runJobs(ctx, db, [{ name: 'compliance-recheck', data: { requestedBy: null, reason: 'benchmark' } }], jobTimeoutMs(ctx));
      const run = out.runs[0];
      const rate = db.awards / (run.ms / 1000);
      times.push({ size: db.awards, ms: run.ms });
      rows.push({
        benchmark: RECOMPUTE,
        size: db.label,
        figure: `${formatNumber(rate)} awards/s (${formatDuration(run.ms)}; peak RSS ${formatMegabytes(out.peakRssBytes)})`,
        baseline: '—',
        ratio: '—',
        goal: `≥ ${formatNumber(RATE_GOAL)} awards/s`,
        verdict: atLeast(rate, RATE_GOAL, (n) => `${formatNumber(n)}/s`),
        limit: diagnose(run),
      });
      notes.push(`${db.label}: job result ${describeResult(run.result)}; ${diagnose(run)}.`);

      const api = await ctx.api(db);
      const probe = await probeRoute(api, SUMMARY_PATH);
      if (probe.state !== 'ok') {
        const why = probe.state === 'absent' ? `GET ${SUMMARY_PATH} does not exist yet (404)` : `GET ${SUMMARY_PATH} answered ${probe.status}: ${probe.body}`;
        rows.push(notMeasuredRow(SUMMARY, `< ${SUMMARY_GOAL_MS} ms`, why, db.label));
        continue;
      }
      const t = await timeRequests(api, SUMMARY_PATH, SAMPLES);
      const p95 = percentile(t, 95);
      rows.push({
        benchmark: SUMMARY,
        size: db.label,
        figure: `p50 ${formatDuration(percentile(t, 50))}, p95 ${formatDuration(p95)}`,
        baseline: '—',
        ratio: '—',
        goal: `< ${SUMMARY_GOAL_MS} ms`,
        verdict: below(p95, SUMMARY_GOAL_MS, formatDuration),
        limit: 'one request at a time, so no queueing: the summary query itself over the stored findings',
      });
    }
    return {
      id: this.id,
      title: this.title,
      rows,
      scaling: times.length === 2 ? `recompute time ${scalingLine({ size: times[0].size, cost: times[0].ms }, { size: times[1].size, cost: times[1].ms }, formatDuration, 'awards')}` : null,
      notes,
    };
  },
};
