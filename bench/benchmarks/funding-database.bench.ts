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
import type { BenchContext, Benchmark, BenchmarkReport, ResultRow, SeededDb } from '../harness/types.js';
import { allOf, atLeast, atMost, notJudged, notMeasuredRow } from '../harness/verdict.js';
import type { BaselineResult } from './xlsx-baseline.js';

const TITLE = 'funding-database.xlsx';
const GOAL = '≥ 80 %; peak RSS ≤ 400 MB at 1M';
const SPEED_GOAL = 0.8;
const RSS_GOAL = 400e6;
/** The per-sheet row counts the job reports, where it does. */
const SHEET_COUNTS = ['awards', 'organisations', 'crossDirectorate', 'findings'] as const;

/** The job's sheet counts against the baseline's: null when they are the same rows, else what differs. */
function sameRows(result: unknown, sheets: Record<string, number>): string | null {
  const r = result as Record<string, unknown>;
  const pairs = [['awards', 'Awards'], ['organisations', 'Organisations'], ['crossDirectorate', 'Cross-directorate funding'], ['findings', 'Compliance']] as const;
  const off = pairs.filter(([job, sheet]) => r?.[job] !== sheets[sheet]).map(([job, sheet]) => `${sheet} ${formatNumber(Number(r?.[job]))} vs ${formatNumber(sheets[sheet] ?? 0)}`);
  return off.length ? off.join(', ') : null;
}

/**
 * The workbook reads the compliance findings and duplicate-funding flags earlier steps store; when a
 * database has none yet (a run with --only=workbook), the jobs that make them run first, untimed.
 */
async function prepareFindingsAndFlags(ctx: BenchContext, db: SeededDb): Promise<string | null> {
  const [state] = await query<{ awards: number; checked: number; flags: number }>(db.url, `
    SELECT (SELECT count(*)::int FROM awards) AS awards,
           (SELECT count(*)::int FROM compliance_findings WHERE subject_type = 'award') AS checked,
           (SELECT count(*)::int FROM organisation_clusters) AS flags`);
  const jobs: { name: 'compliance-recheck' | 'duplicates-recompute'; data: never }[] = [];
  if (state.checked < state.awards) jobs.push({ name: 'compliance-recheck', data: { requestedBy: null, reason: 'benchmark: findings for the workbook' } as never });
  if (state.flags === 0) jobs.push({ name: 'duplicates-recompute', data: { requestedBy: null } as never });
  if (!jobs.length) return null;
  const out = await runJobs(ctx, db, jobs, jobTimeoutMs(ctx));
  return `made the workbook's inputs first (untimed): ${jobs.map((j, i) => `${j.name} ${formatDuration(out.runs[i].ms)}`).join(', ')}`;
}

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
      `Baseline: a bare exceljs \`stream.xlsx.WorkbookWriter\` in its own child process writing the same workbook — the same five sheets, rows and cells, with the same number formats (one shared style per column), bold frozen headers and filters, no shared strings — read through a plain pg client from server-side cursors (5,000 rows per fetch) in one snapshot. It shares with the product only the column headings, the queries that choose the rows and the words for codes (bench/benchmarks/xlsx-baseline.ts). The ratio is the baseline's time ÷ the job's for the same workbook.`,
      `Before measuring, the compliance findings and duplicate-funding flags the workbook reads are made if the database has none yet (the \`compliance-recheck\` and \`duplicates-recompute\` jobs, not timed), as the full bench's earlier steps leave them.`,
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
      const prepared = await prepareFindingsAndFlags(ctx, db);
      if (prepared) notes.push(`${db.label}: ${prepared}`);
      const base = await runInChild<BaselineResult>(
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
      const baseRate = awardRows / (base.result.ms / 1000);
      const ratio = base.result.ms / run.ms;
      const different = sameRows(run.result, base.result.sheets);
      const atGoalSize = !ctx.options.quick && db.awards === GOAL_SIZE.awards;
      const sheets = rowsWritten(run.result);
      rows.push({
        benchmark: TITLE,
        size: db.label,
        figure: `${formatNumber(rate)} awards/s (${formatDuration(run.ms)}); peak RSS ${formatMegabytes(out.peakRssBytes)}`,
        baseline: `${formatNumber(baseRate)} awards/s (${formatDuration(base.result.ms)}); peak RSS ${formatMegabytes(base.peakRssBytes)}`,
        ratio: formatPercent(ratio),
        goal: GOAL,
        verdict: allOf([
          { label: 'speed', verdict: different ? notJudged(`the baseline wrote other rows: ${different}`) : atLeast(ratio, SPEED_GOAL, formatPercent) },
          { label: 'RSS', verdict: atGoalSize ? atMost(out.peakRssBytes, RSS_GOAL, formatMegabytes) : notJudged('goal is for 1M awards') },
        ]),
        limit: `${diagnose(run)}${sheets ? `; both write ${formatNumber(sheets.total)} rows over the sheets (${sheets.text})` : ''}`,
      });
      notes.push(
        `${db.label}: ${formatNumber(awardRows)} award rows; process CPU time (user + system) of the job ${formatDuration(run.processCpuMs)} against the baseline's ${formatDuration(base.result.cpuMs)} (CPU ratio ${formatPercent(base.result.cpuMs / run.processCpuMs)}) (steadier than wall time on a busy machine); baseline file ${formatMegabytes(base.result.bytes)}, its time per sheet ${Object.entries(base.result.sheetMs).map(([k, ms]) => `${k} ${formatDuration(ms)}`).join(', ')}; job result ${describeResult(run.result)}; worker RSS after boot ${formatMegabytes(out.bootRssBytes)}; ${diagnose(run)}.`,
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
