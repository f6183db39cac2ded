/**
 * The funding database workbook (issue 6): the `funding-database` job writes funding-database.xlsx
 * (five sheets) for every award; goal ≥ 80 % of the speed of a bare exceljs streaming writer
 * writing the same award rows in the same run, and peak RSS ≤ 400 MB at 1M awards. Both run in
 * their own child process on the same database, the baseline first.
 */
import { join } from 'node:path';
import { runInChild } from '../harness/child.js';
import { query } from '../harness/databases.js';
import { describeResult, diagnose, jobTimeoutMs, jobUnavailable, runJobs } from '../harness/run-job.js';
import { GOAL_SIZE } from '../harness/sizes.js';
import { formatDuration, formatMegabytes, formatNumber, formatPercent, scalingLine } from '../harness/stats.js';
import type { Benchmark, BenchmarkReport, ResultRow } from '../harness/types.js';
import { allOf, atLeast, atMost, notJudged, notMeasuredRow } from '../harness/verdict.js';

const TITLE = 'funding-database.xlsx';
const GOAL = '≥ 80 %; peak RSS ≤ 400 MB at 1M';
const SPEED_GOAL = 0.8;
const RSS_GOAL = 400e6;
/** The per-sheet row counts the job reports, where it does. */
const SHEET_COUNTS = ['awards', 'organisations', 'crossDirectorate', 'findings'] as const;

function rowsWritten(result: unknown): { total: number; text: string } | null {
  const r = result as Record<string, unknown>;
  const counts = SHEET_COUNTS.filter((k) => typeof r?.[k] === 'number').map((k) => [k, r[k] as number] as const);
  if (!counts.length) return null;
  return { total: counts.reduce((a, [, n]) => a + n, 0), text: counts.map(([k, n]) => `${k} ${formatNumber(n)}`).join(', ') };
}

export const fundingDatabase: Benchmark = {
  id: 'workbook',
  title: TITLE,
  goal: '≥ 80 % of a bare exceljs streaming writer; peak RSS ≤ 400 MB',
  seeded: true,
  async unavailable() {
    return jobUnavailable('funding-database', 'issue 6, libs/exports');
  },
  async run(ctx): Promise<BenchmarkReport> {
    const rows: ResultRow[] = [];
    const notes = [
      `Product: the \`funding-database\` job (no filters) through the worker's JobRegistry in a child process; its speed is the awards in the workbook (drafts are left out) ÷ the job's wall time, all five sheets included. Peak RSS is that child's (getrusage maxrss), worker boot included.`,
      `Baseline: a bare exceljs \`stream.xlsx.WorkbookWriter\` (no styles, no shared strings, one sheet) in its own child process writing the same award rows — every non-draft award with the Awards sheet's columns less the compliance ones — read from PostgreSQL in keyset batches of 5,000.`,
    ];
    const times: { size: number; ms: number }[] = [];
    const rss: number[] = [];
    for (const [i, db] of ctx.sizes.entries()) {
      const skip = i === 1 ? ctx.skipLarge(times[0].ms) : null;
      if (skip) {
        rows.push(notMeasuredRow(TITLE, GOAL, skip, db.label));
        break;
      }
      const [{ n: awardRows }] = await query<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM awards WHERE status <> 'draft'`);
      const base = await runInChild<{ ms: number; cpuMs: number; rows: number; bytes: number }>(
        'xlsx-baseline',
        { dbUrl: db.url, path: join(ctx.workDir, `baseline-${db.name}.xlsx`) },
        ctx.envFor(db),
        jobTimeoutMs(ctx),
      );
      const out = await runJobs(ctx, db, [{ name: 'funding-database', data: { requestedBy: null, params: {} } }], jobTimeoutMs(ctx));
      const run = out.runs[0];
      times.push({ size: db.awards, ms: run.ms });
      rss.push(out.peakRssBytes);
      const rate = awardRows / (run.ms / 1000);
      const baseRate = base.result.rows / (base.result.ms / 1000);
      const ratio = rate / baseRate;
      const atGoalSize = !ctx.options.quick && db.awards === GOAL_SIZE.awards;
      const sheets = rowsWritten(run.result);
      rows.push({
        benchmark: TITLE,
        size: db.label,
        figure: `${formatNumber(rate)} awards/s (${formatDuration(run.ms)}); peak RSS ${formatMegabytes(out.peakRssBytes)}`,
        baseline: `${formatNumber(baseRate)} rows/s (${formatDuration(base.result.ms)}); peak RSS ${formatMegabytes(base.peakRssBytes)}`,
        ratio: formatPercent(ratio),
        goal: GOAL,
        verdict: allOf([
          { label: 'speed', verdict: atLeast(ratio, SPEED_GOAL, formatPercent) },
          { label: 'RSS', verdict: atGoalSize ? atMost(out.peakRssBytes, RSS_GOAL, formatMegabytes) : notJudged('goal is for 1M awards') },
        ]),
        limit: `${diagnose(run)}${sheets ? `; the job writes ${formatNumber(sheets.total)} rows over its sheets (${sheets.text}) where the baseline writes ${formatNumber(base.result.rows)}` : ''}`,
      });
      notes.push(
        `${db.label}: ${formatNumber(awardRows)} award rows; process CPU time (user + system) of the job ${formatDuration(run.processCpuMs)} against the baseline's ${formatDuration(base.result.cpuMs)} (steadier than wall time on a busy machine); baseline file ${formatMegabytes(base.result.bytes)}; job result ${describeResult(run.result)}; worker RSS after boot ${formatMegabytes(out.bootRssBytes)}; ${diagnose(run)}.`,
      );
    }
    return {
      id: this.id,
      title: TITLE,
      rows,
      scaling:
        times.length === 2
          ? `job time ${scalingLine({ size: times[0].size, cost: times[0].ms }, { size: times[1].size, cost: times[1].ms }, formatDuration, 'awards')}; peak RSS ${formatMegabytes(rss[0])} → ${formatMegabytes(rss[1])}`
          : null,
      notes,
    };
  },
};
