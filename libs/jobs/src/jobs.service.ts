import { Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Job, Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '@app/config';
import { AppError, Page } from '@app/common';
import { DEFAULT_JOB_OPTIONS, JOB_QUEUE, JobName, JobPayloads, JobResult, QueueName } from './catalogue.js';
import { resolveOutputFile } from './output-files.js';
import { withTimeout } from './redis-health.js';

export type JobView = {
  id: string;
  type: JobName;
  state: 'waiting' | 'active' | 'completed' | 'failed';
  progress: number;
  result: (JobResult & { files?: { name: string; bytes: number; url: string }[] }) | null;
  error: string | null;
  attempts: number;
  requestedBy: string | null;
  createdAt: string;
  finishedAt: string | null;
};

/** The API side of the queues: enqueue (payloads carry ids only) and report state, progress and files. */
@Injectable()
export class JobsService {
  constructor(
    @InjectQueue(QueueName.Jobs) private readonly jobs: Queue,
    @InjectQueue(QueueName.Maintenance) private readonly maintenance: Queue,
    private readonly config: AppConfig,
  ) {
    // Without a listener BullMQ prints each reconnection error to stderr; keep them in the structured log.
    const logger = new Logger(JobsService.name);
    for (const q of [jobs, maintenance]) q.on('error', (e) => logger.warn(`job queue ${q.name}: Redis connection error: ${e.message}`));
  }

  async enqueue<N extends JobName>(name: N, data: JobPayloads[N], opts: { jobId?: string } = {}): Promise<{ id: string }> {
    await this.assertReachable(this.queue(name), 'nothing was queued');
    const job = await this.queue(name).add(name, data, { ...DEFAULT_JOB_OPTIONS, jobId: opts.jobId ?? randomUUID() });
    return { id: job.id! };
  }

  async get(id: string): Promise<JobView> {
    return this.view(await this.find(id));
  }

  async list(q: { type?: JobName; page: number; pageSize: number }): Promise<Page<JobView>> {
    await this.assertReachable(this.jobs, 'jobs cannot be listed');
    const states = ['active', 'waiting', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;
    const all = (await this.jobs.getJobs([...states], 0, 2000, false)).filter((j) => j && (!q.type || j.name === q.type));
    all.sort((a, b) => b.timestamp - a.timestamp);
    const slice = all.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
    return { items: await Promise.all(slice.map((j) => this.view(j))), total: all.length, page: q.page, pageSize: q.pageSize };
  }

  async filePath(id: string, name: string): Promise<string> {
    const job = await this.find(id);
    if (!(await job.isCompleted())) throw new AppError('CONFLICT', `job ${id} has not finished yet: wait until its state is completed`);
    return resolveOutputFile(this.config.OUTPUT_DIR, id, name, (job.returnvalue as JobResult | null)?.files ?? []);
  }

  private queue(name: JobName): Queue {
    return JOB_QUEUE[name] === QueueName.Maintenance ? this.maintenance : this.jobs;
  }

  /** While Redis is away, 503 at once instead of holding the request until it returns (BullMQ's "failing fast"). */
  private async assertReachable(q: Queue, consequence: string): Promise<void> {
    const client = await withTimeout(q.getBackend().client, 1000).catch(() => null);
    if (client?.status !== 'ready') throw new AppError('UNAVAILABLE', `the job queue (Redis) is unavailable right now, so ${consequence}: try again in a minute`);
  }

  private async find(id: string): Promise<Job> {
    await this.assertReachable(this.jobs, 'job state cannot be read');
    const job = (await this.jobs.getJob(id)) ?? (await this.maintenance.getJob(id));
    if (!job) throw new AppError('NOT_FOUND', `job ${id} does not exist (finished jobs are kept for a week): start it again with POST /api/jobs`);
    return job;
  }

  private async view(job: Job): Promise<JobView> {
    const raw = await job.getState();
    const state: JobView['state'] = raw === 'completed' || raw === 'failed' || raw === 'active' ? raw : 'waiting';
    const result = (job.returnvalue as JobResult | null) ?? null;
    return {
      id: job.id!,
      type: job.name as JobName,
      state,
      progress: state === 'completed' ? 100 : typeof job.progress === 'number' ? Math.round(job.progress) : 0,
      result: result && {
        ...result,
        files: result.files?.map((f) => ({ ...f, url: `/api/jobs/${job.id}/files/${encodeURIComponent(f.name)}` })),
      },
      error: state === 'failed' ? job.failedReason ?? 'failed' : null,
      attempts: job.attemptsMade,
      requestedBy: (job.data as { requestedBy?: string | null }).requestedBy ?? null,
      createdAt: new Date(job.timestamp).toISOString(),
      finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    };
  }
}
