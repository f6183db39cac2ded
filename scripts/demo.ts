/**
 * `npm run demo` (after build and migrations, see scripts/setup.mjs): loads the Milton Keynes
 * demonstration data (scripts/demo-data.ts) into DATABASE_URL, runs every job with a worker in
 * this process, and copies the outputs to OUTPUT_DIR/demo/.
 *
 * Idempotent: the data is loaded in one transaction, and only when no award with a DEMO-MK-
 * reference exists yet; a second run skips the load and runs the jobs again on the data as it is
 * (edits made through the API since are kept). Funders and directorates that already exist (same
 * org-id, same code) are reused, never duplicated.
 *
 * A worker that is already running on the same Redis and QUEUE_PREFIX (npm start) may pick the
 * jobs up instead of this one: the outputs are the same and land in the same OUTPUT_DIR.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue, QueueEvents } from 'bullmq';
import { copyFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { AppConfig, ConfigError, loadConfig } from '@app/config';
import { JOB_QUEUE, JobsService, QueueName, jobOutputDir, redisOptions } from '@app/jobs';
import type { JobName, JobPayloads, JobView } from '@app/jobs';
import { WorkerModule } from '../apps/worker/src/worker.module.js';
import { buildDemoData, DEMO_REFERENCE_PREFIX, type DemoData } from './demo-data.js';

export type DemoLoad = { loaded: boolean; funders: number; directorates: number; organisations: number; awards: number; payments: number; outcomes: number; consultations: number };

const JOB_TIMEOUT_MS = 10 * 60_000;

/**
 * Loads the data set in one transaction, or nothing when its awards are already there. Bulk
 * statements (unnest of arrays): a few hundred milliseconds for 2,000 awards. The load itself is
 * one audit entry; the stored compliance findings and duplicate flags are worked out by their
 * own recompute jobs afterwards (runDemo enqueues them), exactly as after an import.
 */
export async function loadDemoData(ds: DataSource, data: DemoData = buildDemoData()): Promise<DemoLoad> {
  return ds.transaction(async (m) => {
    // One loader at a time: a second `npm run demo` started at once waits, then skips.
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('compact-demo-load'))`);
    const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM awards WHERE external_id LIKE $1`, [`${DEMO_REFERENCE_PREFIX}%`]);
    if (n > 0) return { loaded: false, funders: 0, directorates: 0, organisations: 0, awards: n, payments: 0, outcomes: 0, consultations: 0 };

    const funderIds = await upsertFunders(m, data);
    const directorateIds = await upsertDirectorates(m, data, funderIds);
    await insert(m, 'organisations', ['id', 'name', 'type', 'charity_number', 'company_number', 'org_id', 'postcode', 'aliases'],
      ['uuid', 'text', 'text', 'text', 'text', 'text', 'text', 'text'],
      data.organisations.map((o) => [o.id, o.name, o.type, o.charityNumber, o.companyNumber, o.orgId, o.postcode, `{${o.aliases.map((a) => JSON.stringify(a)).join(',')}}`]),
      { aliases: 'text[]' });
    await insert(m, 'awards',
      ['id', 'external_id', 'kind', 'title', 'description', 'directorate_id', 'recipient_organisation_id', 'programme', 'amount_awarded_pence', 'currency',
        'award_date', 'planned_start_date', 'planned_end_date', 'status', 'direct_cost_pence', 'overhead_cost_pence', 'overhead_funded_pence',
        'reporting_frequency', 'ending_notice_date', 'ending_effective_date', 'ending_reason', 'justification_arrears_payment',
        'justification_single_year', 'justification_monitoring', 'published_at', 'version', 'created_at', 'updated_at'],
      ['uuid', 'text', 'text', 'text', 'text', 'uuid', 'uuid', 'text', 'bigint', 'text', 'date', 'date', 'date', 'text', 'bigint', 'bigint', 'bigint',
        'text', 'date', 'date', 'text', 'text', 'text', 'text', 'timestamptz', 'int', 'timestamptz', 'timestamptz'],
      data.awards.map((a) => [
        a.id, a.externalId, a.kind, a.title, a.description, directorateIds.get(a.directorateId)!, a.recipientId, a.programme, a.amountPence.toString(), 'GBP',
        a.awardDate, a.plannedStartDate, a.plannedEndDate, a.status, a.directCostPence?.toString() ?? null, a.overheadCostPence?.toString() ?? null,
        a.overheadFundedPence?.toString() ?? null, a.reportingFrequency, a.ending?.noticeDate ?? null, a.ending?.effectiveDate ?? null, a.ending?.reason ?? null,
        a.justifications.arrearsPayment, a.justifications.singleYear, a.justifications.monitoring, a.publishedAt?.toISOString() ?? null, 1,
        new Date(`${a.awardDate}T09:00:00Z`).toISOString(), a.updatedAt.toISOString(),
      ]));
    const payments = data.awards.flatMap((a) => a.payments.map((p, i) => [a.id, i, p.dueDate, p.amountPence.toString(), p.paidDate]));
    await insert(m, 'award_payments', ['award_id', 'position', 'due_date', 'amount_pence', 'paid_date'], ['uuid', 'int', 'date', 'bigint', 'date'], payments);
    const outcomes = data.awards.flatMap((a) =>
      a.outcomes.map((o, i) => [a.id, i, o.description, o.indicator, o.quantity, o.financialProxy, o.proxySource, o.deadweight, o.displacement, o.attribution, o.dropOff, o.durationYears]),
    );
    await insert(m, 'award_outcomes',
      ['award_id', 'position', 'description', 'indicator', 'quantity', 'financial_proxy', 'proxy_source', 'deadweight', 'displacement', 'attribution', 'drop_off', 'duration_years'],
      ['uuid', 'int', 'text', 'text', 'numeric', 'numeric', 'text', 'numeric', 'numeric', 'numeric', 'numeric', 'int'], outcomes);
    let consultations = 0;
    const [{ present }] = await m.query(`SELECT to_regclass('public.consultations') IS NOT NULL AS present`);
    if (present) {
      await insert(m, 'consultations', ['id', 'directorate_id', 'title', 'start_date', 'end_date', 'rationale'], ['uuid', 'uuid', 'text', 'date', 'date', 'text'],
        data.consultations.map((c) => [c.id, directorateIds.get(c.directorateId)!, c.title, c.startDate, c.endDate, c.rationale]));
      consultations = data.consultations.length;
    }
    const counts = {
      funders: data.funders.length,
      directorates: data.directorates.length,
      organisations: data.organisations.length,
      awards: data.awards.length,
      payments: payments.length,
      outcomes: outcomes.length,
      consultations,
    };
    await new AuditService(ds).record(m, { id: null, email: 'npm run demo' }, 'demo-load', 'demo', 'milton-keynes', null, counts);
    return { loaded: true, ...counts };
  });
}

/** Funders by org-id: existing ones are reused. Returns demo funder id → database id. */
async function upsertFunders(m: EntityManager, data: DemoData): Promise<Map<string, string>> {
  await m.query(
    `INSERT INTO funders (id, name, org_id) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]) ON CONFLICT (org_id) DO NOTHING`,
    [data.funders.map((f) => f.id), data.funders.map((f) => f.name), data.funders.map((f) => f.orgId)],
  );
  const rows: { id: string; org_id: string }[] = await m.query(`SELECT id, org_id FROM funders WHERE org_id = ANY($1::text[])`, [data.funders.map((f) => f.orgId)]);
  return new Map(data.funders.map((f) => [f.id, rows.find((r) => r.org_id === f.orgId)!.id]));
}

/** Directorates by (funder, code): existing ones are reused. Returns demo directorate id → database id. */
async function upsertDirectorates(m: EntityManager, data: DemoData, funderIds: Map<string, string>): Promise<Map<string, string>> {
  const ds = data.directorates.map((d) => ({ ...d, funderId: funderIds.get(d.funderId)! }));
  await m.query(
    `INSERT INTO directorates (id, funder_id, code, name) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[])
     ON CONFLICT ON CONSTRAINT directorates_funder_code_key DO NOTHING`,
    [ds.map((d) => d.id), ds.map((d) => d.funderId), ds.map((d) => d.code), ds.map((d) => d.name)],
  );
  const rows: { id: string; funder_id: string; code: string }[] = await m.query(`SELECT id, funder_id, code FROM directorates WHERE funder_id = ANY($1::uuid[])`, [[...new Set(ds.map((d) => d.funderId))]]);
  return new Map(ds.map((d) => [d.id, rows.find((r) => r.funder_id === d.funderId && r.code === d.code)!.id]));
}

/** INSERT … SELECT FROM unnest(arrays): one statement per 5,000 rows, each column one typed array. */
async function insert(m: EntityManager, table: string, columns: string[], types: string[], rows: unknown[][], arrayTypes: Record<string, string> = {}) {
  for (let start = 0; start < rows.length; start += 5000) {
    const chunk = rows.slice(start, start + 5000);
    // unnest cannot take an array of arrays: array-typed columns travel as text and are cast back.
    const selects = columns.map((c, i) => (arrayTypes[c] ? `($${i + 1}::text[])[g.i]::${arrayTypes[c]}` : `($${i + 1}::${types[i]}[])[g.i]`));
    await m.query(
      `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${selects.join(', ')} FROM generate_series(1, ${chunk.length}) AS g(i)`,
      columns.map((_, i) => chunk.map((r) => r[i])),
    );
  }
}

type RunningJob = { name: JobName; id: string };

/** Loads the data, runs every job with a worker in this process, copies the outputs; returns the finished jobs. */
export async function runDemo(log: (line: string) => void = console.log): Promise<{ load: DemoLoad; jobs: JobView[]; outDir: string }> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn'] });
  await app.init();
  const connection = redisOptions(config.REDIS_URL);
  const events = new Map<QueueName, QueueEvents>();
  try {
    const ds = app.get<DataSource>(getDataSourceToken());
    const data = buildDemoData();
    const load = await loadDemoData(ds, data);
    log(load.loaded
      ? `loaded the Milton Keynes demo: ${load.funders} funders, ${load.directorates} directorates, ${load.organisations} organisations (${data.organisations.filter((o) => o.variantOf).length} of them another directorate's spelling of one already there), ${load.awards} awards, ${load.payments} payments, ${load.outcomes} outcomes, ${load.consultations} consultations`
      : `the demo data is already loaded (${load.awards} awards with ${DEMO_REFERENCE_PREFIX} references): running the jobs on it as it is`);

    const jobs = new JobsService(app.get<Queue>(getQueueToken(QueueName.Jobs), { strict: false }), app.get<Queue>(getQueueToken(QueueName.Maintenance), { strict: false }), app.get(AppConfig));
    for (const q of [QueueName.Jobs, QueueName.Maintenance]) {
      const ev = new QueueEvents(q, { connection, prefix: config.QUEUE_PREFIX });
      await ev.waitUntilReady();
      events.set(q, ev);
    }
    const start = async <N extends JobName>(name: N, data: JobPayloads[N]): Promise<RunningJob> => ({ name, id: (await jobs.enqueue(name, data)).id });
    const wait = async (job: RunningJob): Promise<JobView> => {
      const queue = app.get<Queue>(getQueueToken(JOB_QUEUE[job.name]!), { strict: false });
      const bull = await queue.getJob(job.id);
      await bull!.waitUntilFinished(events.get(JOB_QUEUE[job.name]!)!, JOB_TIMEOUT_MS).catch(() => undefined);
      return jobs.get(job.id);
    };

    // Derived data first (stored compliance findings, duplicate flags), when those jobs exist.
    const derived: RunningJob[] = [];
    if (JOB_QUEUE['compliance-recheck']) derived.push(await start('compliance-recheck', { requestedBy: 'npm run demo', reason: 'demo data loaded' }));
    if (JOB_QUEUE['duplicates-recompute']) derived.push(await start('duplicates-recompute', { requestedBy: 'npm run demo' }));
    for (const job of derived) {
      const view = await wait(job);
      log(`${job.name}: ${view.state}${view.error ? ` (${view.error})` : ''}`);
    }

    const exports = [
      await start('funding-database', { requestedBy: 'npm run demo', params: {} }),
      await start('open-data', { requestedBy: 'npm run demo', params: {} }),
      await start('sroi-summary', { requestedBy: 'npm run demo', params: {} }),
    ];
    const outDir = join(resolve(config.OUTPUT_DIR), 'demo');
    await mkdir(outDir, { recursive: true });
    const finished: JobView[] = [];
    for (const job of exports) {
      const view = await wait(job);
      finished.push(view);
      if (view.state !== 'completed') {
        log(`${job.name}: ${view.state}: ${view.error ?? 'did not finish in time'}`);
        continue;
      }
      for (const f of view.result?.files ?? []) await copyFile(join(jobOutputDir(config.OUTPUT_DIR, job.id), f.name), join(outDir, f.name));
      log(`${job.name} (job ${job.id}): ${(view.result?.files ?? []).map((f) => `${f.name} ${formatBytes(f.bytes)}`).join(', ')}`);
    }
    report(finished, log);
    log(`outputs copied to ${outDir} (each job's own folder is ${resolve(config.OUTPUT_DIR)}/<job id>/)`);
    return { load, jobs: finished, outDir };
  } finally {
    for (const ev of events.values()) await ev.close();
    await app.close();
  }
}

/** The figures a reader of the demo wants to see at once. */
function report(jobs: JobView[], log: (line: string) => void) {
  const byType = new Map(jobs.map((j) => [j.type, j.result as Record<string, unknown> | null]));
  const workbook = byType.get('funding-database');
  if (workbook)
    log(`  workbook: ${workbook.awards} awards, ${workbook.organisations} organisations, ${workbook.crossDirectorate} funded by two or more directorates at once, ${workbook.findings} Compact findings to review`);
  const open = byType.get('open-data') as { grants: number; quality: { check: string; severity: string; count: number }[] } | null | undefined;
  if (open)
    log(`  open data: ${open.grants} published grants; Data Quality Tool findings: ${open.quality.length === 0 ? 'none' : open.quality.map((q) => `${q.check} (${q.severity}) ×${q.count}`).join(', ')}`);
  const sroi = byType.get('sroi-summary') as { funders: { label: string; ratio: string | null; inputs: string; presentValue: string; awardsWithoutOutcomes: number; awards: number }[] } | null | undefined;
  for (const f of sroi?.funders ?? [])
    log(`  SROI ${f.label}: inputs £${f.inputs}, present value £${f.presentValue}, ratio ${f.ratio ?? '-'} : 1 (${f.awardsWithoutOutcomes} of ${f.awards} awards without outcomes)`);
}

const formatBytes = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${Math.ceil(n / 1e3)} kB`);

if (process.argv[1]?.endsWith('/scripts/demo.js')) {
  runDemo().then(
    ({ jobs }) => process.exit(jobs.every((j) => j.state === 'completed') ? 0 : 1),
    (e) => {
      console.error(e instanceof ConfigError ? e.message : e);
      process.exit(1);
    },
  );
}
