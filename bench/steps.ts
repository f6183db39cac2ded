/**
 * The steps a bench child process can run (see harness/child.ts). Each loads the product's code
 * lazily, so a child pays only for what it measures and the parent loads none of it.
 */
import { readFileSync } from 'node:fs';
import type { Step, StepControl } from './harness/child.js';
import { xlsxBaseline } from './benchmarks/xlsx-baseline.js';

export type JobRun = { name: string; data: unknown };
/**
 * Wall time; the main thread's time on a CPU and waiting for one (/proc/thread-self/schedstat,
 * NaN where absent); the whole process's CPU time (user + system, GC threads included).
 */
export type JobTiming = { ms: number; cpuMs: number; runqueueMs: number; processCpuMs: number; result: unknown };
/** One award update through AwardsService.update: the whole write, and the duplicated-funding hook's share of it. */
export type AwardUpdateTiming = { ms: number; cpuMs: number; flagsMs: number };
export type JobsResult = { bootMs: number; bootRssBytes: number; runs: JobTiming[]; awardUpdates: AwardUpdateTiming[] };

/** The main thread's [on-CPU, waiting-for-CPU] nanoseconds. */
function schedstat(): [number, number] {
  try {
    const [cpu, wait] = readFileSync('/proc/thread-self/schedstat', 'utf8').trim().split(/\s+/).map(Number);
    return [cpu, wait];
  } catch {
    return [Number.NaN, Number.NaN];
  }
}

/**
 * Runs jobs one after another through the real worker: WorkerModule's application context and
 * its JobRegistry, exactly as the BullMQ processor calls it (a job object with id, name, data,
 * attemptsMade and updateProgress). Boot time is reported apart and is not in the figures.
 * The queue processors are paused, so nothing but the measured job runs in the process.
 */
async function jobs(args: { jobs: JobRun[]; awardUpdates?: { awardIds: string[]; warmUp: number } }): Promise<JobsResult> {
  const bootStarted = performance.now();
  await import('reflect-metadata');
  const { NestFactory } = await import('@nestjs/core');
  const { JobRegistry } = await import('@app/jobs');
  const { WorkerModule } = await import('../apps/worker/src/worker.module.js');
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn'] });
  await app.init();
  // The processors stay idle: a follow-up job a handler enqueues (a hook's recompute) would
  // otherwise run in this process at the same time and blur the figures; it waits in Redis
  // under the bench's own queue prefix, removed at the end of the run.
  const { JobsProcessor, MaintenanceProcessor } = await import('../apps/worker/src/processors.js');
  for (const processor of [JobsProcessor, MaintenanceProcessor]) await app.get(processor).worker.pause(true);
  const registry = app.get(JobRegistry);
  const bootMs = performance.now() - bootStarted;
  const bootRssBytes = process.memoryUsage().rss;
  const runs: JobTiming[] = [];
  const awardUpdates: AwardUpdateTiming[] = [];
  try {
    for (const [i, job] of args.jobs.entries()) {
      const fake = {
        id: `bench-${process.pid}-${i}`,
        name: job.name,
        data: job.data,
        attemptsMade: 0,
        updateProgress: async () => undefined,
      };
      (globalThis as { gc?: () => void }).gc?.();
      const cpu = process.cpuUsage();
      const [cpu0, wait0] = schedstat();
      const started = performance.now();
      const result = await registry.run(fake as never);
      const ms = performance.now() - started;
      const [cpu1, wait1] = schedstat();
      const used = process.cpuUsage(cpu);
      const processCpuMs = (used.user + used.system) / 1000;
      const cpuMs = Number.isFinite(cpu1) ? (cpu1 - cpu0) / 1e6 : processCpuMs;
      runs.push({ ms, cpuMs, runqueueMs: (wait1 - wait0) / 1e6, processCpuMs, result });
    }
    if (args.awardUpdates) awardUpdates.push(...(await updateAwards(app, args.awardUpdates.awardIds, args.awardUpdates.warmUp)));
  } finally {
    await app.close();
  }
  return { bootMs, bootRssBytes, runs, awardUpdates };
}

/**
 * Changes each award's amount by £1 through AwardsService.update, as the API's PATCH does: one
 * transaction with the award, its audit entry and every registered hook (compliance, then the
 * duplicated-funding flags of its organisation, computed synchronously). The duplicated-funding
 * hook (AwardFlagsHook) is timed where AwardHooks calls it. The first `warmUp` updates are not kept.
 */
async function updateAwards(app: { get<T>(type: new (...args: never[]) => T, options: { strict: false }): T }, awardIds: string[], warmUp: number): Promise<AwardUpdateTiming[]> {
  const { AwardsService } = await import('@app/awards');
  const { AwardFlagsHook } = await import('@app/duplicates');
  const { penceToPounds, poundsToPence } = await import('@app/common');
  const awards = app.get(AwardsService, { strict: false });
  const hook = app.get(AwardFlagsHook, { strict: false });
  let flagsMs = 0;
  const original = hook.afterAwardWrite.bind(hook);
  hook.afterAwardWrite = async (...a: Parameters<typeof original>) => {
    const started = performance.now();
    try {
      await original(...a);
    } finally {
      flagsMs += performance.now() - started;
    }
  };
  const actor = { id: '00000000-0000-4000-8000-00000000be0c', email: 'bench@example.org', role: 'admin' as const, directorateIds: [] };
  const out: AwardUpdateTiming[] = [];
  for (const [i, id] of awardIds.entries()) {
    const current = await awards.get(id);
    flagsMs = 0;
    const cpu = process.cpuUsage();
    const started = performance.now();
    await awards.update(actor, id, { version: current.version, amountAwarded: penceToPounds(poundsToPence(current.amountAwarded) + 100n) } as never);
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    if (i >= warmUp) out.push({ ms, cpuMs: (used.user + used.system) / 1000, flagsMs });
  }
  return out;
}

/**
 * The real API (ApiModule, configured as main.ts does) on a random port on 127.0.0.1; reports the
 * port, then serves until the parent says stop.
 */
async function apiServer(_args: unknown, ctl: StepControl): Promise<{ bootMs: number }> {
  const started = performance.now();
  await import('reflect-metadata');
  const { NestFactory } = await import('@nestjs/core');
  const { ApiModule } = await import('../apps/api/src/api.module.js');
  const { configureApp } = await import('../apps/api/src/setup.js');
  const app = await NestFactory.create(ApiModule as never, { bodyParser: false, bufferLogs: true });
  configureApp(app as never);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const bootMs = performance.now() - started;
  ctl.ready({ port: address.port, bootMs });
  await ctl.stopped;
  await app.close();
  return { bootMs };
}

export const STEPS: Record<string, Step> = {
  jobs: jobs as Step,
  'api-server': apiServer as Step,
  'xlsx-baseline': xlsxBaseline as Step,
};
