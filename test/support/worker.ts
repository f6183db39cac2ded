import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { QueueEvents } from 'bullmq';
import { redisOptions } from '@app/jobs';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';

/**
 * The real worker module in the test's process, on the same database and queue prefix as the
 * test app (createTestApp sets both in process.env first). Wait for a job with waitForJob.
 */
export async function startTestWorker(): Promise<{ worker: INestApplicationContext; waitForJob: (id: string, timeoutMs?: number) => Promise<unknown>; close: () => Promise<void> }> {
  const worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  await worker.init();
  const events = new QueueEvents('jobs', { connection: redisOptions(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'), prefix: process.env.QUEUE_PREFIX });
  await events.waitUntilReady();
  const maintenance = new QueueEvents('maintenance', { connection: redisOptions(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'), prefix: process.env.QUEUE_PREFIX });
  await maintenance.waitUntilReady();
  return {
    worker,
    /** Resolves with the job's return value, rejects with its failure; never waits past the timeout. */
    waitForJob: async (id, timeoutMs = 20_000) => {
      const { Queue } = await import('bullmq');
      for (const [name, ev] of [['jobs', events], ['maintenance', maintenance]] as const) {
        const q = new Queue(name, { connection: redisOptions(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'), prefix: process.env.QUEUE_PREFIX });
        try {
          const job = await q.getJob(id);
          if (job) return await job.waitUntilFinished(ev, timeoutMs);
        } finally {
          await q.close();
        }
      }
      throw new Error(`no job ${id}`);
    },
    close: async () => {
      await events.close();
      await maintenance.close();
      await worker.close();
    },
  };
}
