/**
 * Imports (issue 7): a 360Giving CSV of N grants imported with validation by the `import` job into
 * a fresh, empty database; goal ≥ 30 % of the rate of a raw PostgreSQL COPY of the same rows in
 * the same run, and peak RSS ≤ 300 MB at 1M rows.
 *
 * Baseline: psql's client-side `\copy bench_copy_baseline FROM '<file>' (FORMAT csv, HEADER)` —
 * COPY … FROM STDIN over the same loopback TCP connection the product uses, into a table with
 * one typed column per CSV column (numeric amount, dates, timestamptz), in the same database.
 */
import { spawn } from 'node:child_process';
import { linkSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { COPY_BASELINE_TABLE, importCsvQuery } from '../seed.js';
import { dropDatabase, freshDatabase, query } from '../harness/databases.js';
import { describeResult, diagnose, jobTimeoutMs, jobUnavailable, runJobs } from '../harness/run-job.js';
import { GOAL_SIZE } from '../harness/sizes.js';
import { formatCount, formatDuration, formatMegabytes, formatNumber, formatPercent, scalingLine } from '../harness/stats.js';
import type { Benchmark, BenchmarkReport, ResultRow } from '../harness/types.js';
import { allOf, atLeast, atMost, notJudged, notMeasuredRow } from '../harness/verdict.js';

const TITLE = 'import 360Giving CSV with validation';
const GOAL = '≥ 30 %; peak RSS ≤ 300 MB at 1M';
const SPEED_GOAL = 0.3;
const RSS_GOAL = 300e6;
const IMPORT_DB = 'bench_import';
const FLOOR_DB = 'bench_import_floor';
const FLOOR_TITLE = 'import: awards table write alone (floor, not judged)';

/**
 * What writing the same rows into awards costs with the schema's indexes, foreign keys and triggers
 * and nothing else: the COPY table's rows, joined to funders, directorates and organisations created
 * beforehand in set-based SQL (not timed), inserted by one INSERT … SELECT. No validation, no
 * organisation matching, no compliance findings, no audit: any import into this schema pays at least this.
 */
async function awardsWriteFloor(ctx: { baseUrl: string; options: { keep: boolean } }, csv: string): Promise<number> {
  const url = await freshDatabase(ctx.baseUrl, FLOOR_DB);
  try {
    await psql(url, COPY_BASELINE_TABLE.replace(/\s+/g, ' '));
    await psql(url, `\\copy bench_copy_baseline FROM ${quoteFile(csv)} WITH (FORMAT csv, HEADER true)`);
    await query(url, `INSERT INTO funders (org_id, name) SELECT DISTINCT ON (funder_id) funder_id, funder_name FROM bench_copy_baseline ORDER BY funder_id`);
    await query(url, `INSERT INTO directorates (funder_id, code, name)
      SELECT f.id, 'D' || row_number() OVER (PARTITION BY f.id ORDER BY b.funder_department), b.funder_department
        FROM (SELECT DISTINCT funder_id, funder_department FROM bench_copy_baseline) b JOIN funders f ON f.org_id = b.funder_id`);
    await query(url, `INSERT INTO organisations (name, type, charity_number, org_id, postcode)
      SELECT DISTINCT ON (recipient_id) recipient_name, CASE WHEN charity_number IS NULL THEN 'community_group' ELSE 'charity' END, charity_number, recipient_id, postal_code
        FROM bench_copy_baseline ORDER BY recipient_id`);
    await query(url, `CREATE TABLE bench_floor_rows AS
      SELECT b.*, d.id AS directorate_id, o.id AS organisation_id, row_number() OVER () AS n FROM bench_copy_baseline b
        JOIN funders f ON f.org_id = b.funder_id JOIN directorates d ON d.funder_id = f.id AND d.name = b.funder_department
        JOIN organisations o ON o.org_id = b.recipient_id`);
    await query(url, `ANALYZE`);
    const started = performance.now();
    // time-ordered ids, as the import gives new awards (newRecordId)
    await query(url, `INSERT INTO awards (id, external_id, kind, status, title, description, directorate_id, recipient_organisation_id, programme,
                                          amount_awarded_pence, currency, award_date, planned_start_date, planned_end_date)
      SELECT (lpad(to_hex(n), 12, '0') || '70008' || substr(md5(identifier), 1, 15))::uuid, identifier, 'grant', 'awarded', title, description, directorate_id, organisation_id, programme,
             (amount_awarded * 100)::bigint, currency, award_date, planned_start, planned_end FROM bench_floor_rows`);
    return performance.now() - started;
  } finally {
    if (!ctx.options.keep) await dropDatabase(ctx.baseUrl, FLOOR_DB);
  }
}

/** Runs psql with one command; resolves with its wall time. */
function psql(url: string, command: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const p = spawn('psql', [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', command], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`psql exited ${code}: ${err.trim()}`))));
  });
}

const quoteFile = (path: string) => `'${path.replace(/'/g, "''")}'`;

export const imports: Benchmark = {
  id: 'import',
  title: TITLE,
  goal: '≥ 30 % of COPY rate; peak RSS ≤ 300 MB',
  seeded: false,
  async unavailable() {
    return jobUnavailable('import', 'issue 7, libs/imports');
  },
  async run(ctx): Promise<BenchmarkReport> {
    const rows: ResultRow[] = [];
    const notes = [
      `Product: the \`import\` job (mode all-or-nothing) through the worker's JobRegistry in a child process, reading the CSV file from disk into a fresh migrated database with no funders, organisations or awards; its rate is rows ÷ the job's wall time. Peak RSS is that child's, worker boot included.`,
      `Baseline: psql's \`\\copy … FROM '<file>' WITH (FORMAT csv, HEADER true)\` (COPY FROM STDIN through the client, on the same loopback connection as the product), into a table in the same database with one typed column per CSV column (numeric amount, dates); psql's start-up is inside the time.`,
      `Floor (not judged): the same rows written into awards by one set-based INSERT … SELECT from the COPY table, with funders, directorates and organisations created beforehand (not timed): the awards table's indexes, foreign keys and triggers alone, with no validation, matching, findings or audit. It shows how much of the gap to COPY the schema itself sets.`,
      `The CSV: 360Giving column titles (Identifier, Title, Description, Currency, Amount Awarded, Award Date, Planned Dates:Start/End Date, Recipient Org:Identifier/Name/Charity Number/Postal Code, Funding Org:Identifier/Name/Department, Grant Programme:Title, Last Modified), rows ÷ 5 distinct recipients, 12 funders × 5 departments; generated by PostgreSQL (\\copy (SELECT …) TO).`,
    ];
    const times: { size: number; ms: number }[] = [];
    const rss: number[] = [];
    const uploads = join(ctx.workDir, 'uploads');
    mkdirSync(uploads, { recursive: true });
    for (const [i, size] of ctx.sizes.map((s) => s.awards).entries()) {
      const skip = i === 1 ? ctx.skipLarge(times[0].ms) : null;
      if (skip) {
        rows.push(notMeasuredRow(TITLE, GOAL, skip, `${formatCount(size)} rows`));
        break;
      }
      const url = await freshDatabase(ctx.baseUrl, IMPORT_DB);
      try {
        const csv = join(ctx.workDir, `grants-${formatCount(size)}.csv`);
        await psql(url, `\\copy (${importCsvQuery(size).replace(/\s+/g, ' ')}) TO ${quoteFile(csv)} WITH (FORMAT csv, HEADER true)`);
        const bytes = statSync(csv).size;
        await psql(url, COPY_BASELINE_TABLE.replace(/\s+/g, ' '));
        const copyMs = await psql(url, `\\copy bench_copy_baseline FROM ${quoteFile(csv)} WITH (FORMAT csv, HEADER true)`);
        await psql(url, 'DROP TABLE bench_copy_baseline');
        const upload = join(uploads, `upload-${formatCount(size)}.csv`);
        linkSync(csv, upload); // the job may move or delete its upload; the original stays
        const out = await runJobs(
          ctx,
          url,
          [{ name: 'import', data: { requestedBy: null, uploadPath: upload, originalName: `grants-${formatCount(size)}.csv`, mode: 'all-or-nothing' } }],
          jobTimeoutMs(ctx),
        );
        const run = out.runs[0];
        const { ms, result } = run;
        const [{ n: landed }] = await query<{ n: number }>(url, 'SELECT count(*)::int AS n FROM awards');
        times.push({ size, ms });
        rss.push(out.peakRssBytes);
        const rate = size / (ms / 1000);
        const copyRate = size / (copyMs / 1000);
        const ratio = rate / copyRate;
        const atGoalSize = !ctx.options.quick && size === GOAL_SIZE.awards;
        rows.push({
          benchmark: TITLE,
          size: `${formatCount(size)} rows (${formatMegabytes(bytes)})`,
          figure: `${formatNumber(rate)} rows/s (${formatDuration(ms)}); peak RSS ${formatMegabytes(out.peakRssBytes)}`,
          baseline: `COPY ${formatNumber(copyRate)} rows/s (${formatDuration(copyMs)})`,
          ratio: formatPercent(ratio),
          goal: GOAL,
          verdict:
            landed !== size
              ? { met: false, text: `no: ${formatNumber(landed)} of ${formatNumber(size)} awards landed` }
              : allOf([
                  { label: 'speed', verdict: atLeast(ratio, SPEED_GOAL, formatPercent) },
                  { label: 'RSS', verdict: atGoalSize ? atMost(out.peakRssBytes, RSS_GOAL, formatMegabytes) : notJudged('goal is for 1M rows') },
                ]),
          limit: diagnose(run),
        });
        const floorMs = await awardsWriteFloor(ctx, csv);
        rows.push({
          benchmark: FLOOR_TITLE,
          size: `${formatCount(size)} rows`,
          figure: `${formatNumber(size / (floorMs / 1000))} rows/s (${formatDuration(floorMs)})`,
          baseline: `COPY ${formatNumber(copyRate)} rows/s (${formatDuration(copyMs)})`,
          ratio: formatPercent(copyMs / floorMs),
          goal: '—',
          verdict: notJudged('floor for comparison: the product import is judged above'),
        });
        notes.push(`${formatCount(size)} rows: ${formatNumber(landed)} awards in the database afterwards; job result ${describeResult(result)}; worker RSS after boot ${formatMegabytes(out.bootRssBytes)}; ${diagnose(run)}.`);
      } finally {
        if (!ctx.options.keep) await dropDatabase(ctx.baseUrl, IMPORT_DB);
      }
    }
    return {
      id: this.id,
      title: TITLE,
      rows,
      scaling:
        times.length === 2
          ? `job time ${scalingLine({ size: times[0].size, cost: times[0].ms }, { size: times[1].size, cost: times[1].ms }, formatDuration, 'rows')}; peak RSS ${formatMegabytes(rss[0])} → ${formatMegabytes(rss[1])}`
          : null,
      notes,
    };
  },
};
