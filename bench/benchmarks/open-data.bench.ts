/**
 * Open data (issue 6): the `open-data` job writes grants.json / grants.csv and one pair per funder
 * for every published award, "streamed with flat memory". Judged here as: the job's peak RSS at
 * the larger size is at most 25 % above the smaller size's, for ten times the grants.
 */
import { query } from '../harness/databases.js';
import { describeResult, diagnose, jobTimeoutMs, jobUnavailable, runJobs } from '../harness/run-job.js';
import { formatDuration, formatMegabytes, formatNumber, formatPercent, scalingLine } from '../harness/stats.js';
import type { Benchmark, BenchmarkReport, ResultRow } from '../harness/types.js';
import { atMost, notJudged, notMeasuredRow } from '../harness/verdict.js';

const TITLE = 'open data (grants.json/.csv)';
const GOAL = 'peak RSS ≤ +25 % for 10× the grants';
const FLAT = 1.25;

export const openData: Benchmark = {
  id: 'open-data',
  title: TITLE,
  goal: 'streamed with flat memory (peak RSS at 10× the grants ≤ +25 %)',
  seeded: true,
  async unavailable() {
    return jobUnavailable('open-data', 'issue 6, libs/exports and libs/open-data');
  },
  async run(ctx): Promise<BenchmarkReport> {
    const rows: ResultRow[] = [];
    const notes = [
      `The \`open-data\` job (no filters) through the worker's JobRegistry in a child process. Issue 6 asks for flat memory without a number: judged here as peak RSS at the larger size ≤ ${formatPercent(FLAT)} of the smaller size's. No speed goal; grants per second for reference.`,
    ];
    const measured: { size: number; ms: number; rss: number; boot: number }[] = [];
    for (const [i, db] of ctx.sizes.entries()) {
      const [{ n: published }] = await query<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM awards WHERE status = 'published'`);
      const size = `${formatNumber(published)} published of ${db.label}`;
      const skip = i === 1 ? ctx.skipLarge(measured[0].ms) : null;
      if (skip) {
        rows.push(notMeasuredRow(TITLE, GOAL, skip, size));
        break;
      }
      const out = await runJobs(ctx, db, [{ name: 'open-data', data: { requestedBy: null, params: {} } }], jobTimeoutMs(ctx));
      const run = out.runs[0];
      measured.push({ size: published, ms: run.ms, rss: out.peakRssBytes, boot: out.bootRssBytes });
      const growth = i === 1 ? measured[1].rss / measured[0].rss : Number.NaN;
      rows.push({
        benchmark: TITLE,
        size,
        figure: `peak RSS ${formatMegabytes(out.peakRssBytes)}; ${formatNumber(published / (run.ms / 1000))} grants/s (${formatDuration(run.ms)})`,
        baseline: i === 1 ? `peak RSS ${formatMegabytes(measured[0].rss)} at the smaller size` : '—',
        ratio: i === 1 ? formatPercent(growth) : '—',
        goal: GOAL,
        verdict: i === 1 ? atMost(growth, FLAT, formatPercent) : notJudged('the smaller size is the reference'),
        limit:
          i === 1
            ? `memory above the booted worker's grows with the grants: ${formatMegabytes(measured[0].rss - measured[0].boot)} → ${formatMegabytes(measured[1].rss - measured[1].boot)} (worker RSS after boot ${formatMegabytes(measured[1].boot)}): something is held per grant (or the heap is left to grow) while the files are written`
            : undefined,
      });
      notes.push(`${db.label}: job result ${describeResult(run.result)}; worker RSS after boot ${formatMegabytes(out.bootRssBytes)}; ${diagnose(run)}.`);
    }
    return {
      id: this.id,
      title: TITLE,
      rows,
      scaling:
        measured.length === 2
          ? `peak RSS ${scalingLine({ size: measured[0].size, cost: measured[0].rss }, { size: measured[1].size, cost: measured[1].rss }, formatMegabytes, 'grants')}; time ${scalingLine({ size: measured[0].size, cost: measured[0].ms }, { size: measured[1].size, cost: measured[1].ms }, formatDuration, 'grants')}`
          : null,
      notes,
    };
  },
};
