import type { JobsOptions } from 'bullmq';

/** Queue names are stored in Redis: never rename one. */
export enum QueueName {
  /** Jobs people ask for and watch: exports, imports. */
  Jobs = 'jobs',
  /** Recomputations the system starts itself: compliance re-checks, duplicate flags. */
  Maintenance = 'maintenance',
}

export type PeriodParams = { funderId?: string; directorateId?: string; from?: string; to?: string };

/**
 * Every job, with its payload. Payloads carry ids and filters only, never entities.
 * The worker checks at boot that each name has a handler.
 */
export type JobPayloads = {
  'funding-database': { requestedBy: string | null; params: PeriodParams };
  'open-data': { requestedBy: string | null; params: PeriodParams };
  'sroi-summary': { requestedBy: string | null; params: PeriodParams };
  /** `actor`: who uploaded (their directorates bound a commissioner's import); absent or null = the system, with admin rights. */
  import: {
    requestedBy: string | null;
    uploadPath: string;
    originalName: string;
    mode: 'all-or-nothing' | 'valid-rows';
    actor?: { id: string | null; email: string; role: 'admin' | 'commissioner'; directorateIds: string[] } | null;
  };
  'compliance-recheck': { requestedBy: string | null; reason: string };
  'duplicates-recompute': { requestedBy: string | null; organisationIds?: string[] };
};
export type JobName = keyof JobPayloads;

/** The queue of each job. Every job of JobPayloads is here, and the worker checks at boot that each has a handler. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  'compliance-recheck': QueueName.Maintenance,
  'funding-database': QueueName.Jobs,
  'sroi-summary': QueueName.Jobs,
  'open-data': QueueName.Jobs,
  import: QueueName.Jobs,
  'duplicates-recompute': QueueName.Maintenance,
};
export const JOB_NAMES = Object.keys(JOB_QUEUE) as JobName[];

/** The job types a person may start with POST /api/jobs. */
export const REQUESTABLE_JOBS = ['funding-database', 'open-data', 'sroi-summary'] as const;
export type RequestableJob = (typeof REQUESTABLE_JOBS)[number];

export type OutputFile = { name: string; bytes: number };
export type JobResult = { files?: OutputFile[]; [key: string]: unknown };

/** immich's defaults: retried with backoff, completed kept a week (past exports), failed kept. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 5000 },
  removeOnFail: false,
};
