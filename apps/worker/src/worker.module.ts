import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, ConfigModule } from '@app/config';
import { DbModule } from '@app/db';
import { JobRegistry, QueueRegistrations, QueuesModule } from '@app/jobs';
import { ComplianceModule, ComplianceRecheckHandler } from '@app/compliance';
import { ExportsModule, FundingDatabaseJob, OpenDataJob, SroiSummaryJob } from '@app/exports';
import { ImportJobHandler, ImportsModule } from '@app/imports';
import { DuplicatesModule, DuplicatesRecomputeHandler } from '@app/duplicates';
import type { JobHandler, JobName } from '@app/jobs';
import { JobsProcessor, MaintenanceProcessor } from './processors.js';

/** The library services that run jobs; each job of the catalogue needs one (checked at boot). */
const HANDLERS: (new (...args: never[]) => JobHandler<JobName>)[] = [ComplianceRecheckHandler, FundingDatabaseJob, SroiSummaryJob, OpenDataJob, ImportJobHandler, DuplicatesRecomputeHandler];

/** The worker: no HTTP, only queue processors that call library services. */
@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: (c: AppConfig) => ({ pinoHttp: { level: c.LOG_LEVEL } }) }),
    DbModule,
    QueuesModule,
    QueueRegistrations,
    ComplianceModule,
    ExportsModule,
    ImportsModule,
    DuplicatesModule,
  ],
  providers: [
    ...HANDLERS,
    { provide: JobRegistry, useFactory: (...handlers: JobHandler<JobName>[]) => new JobRegistry(handlers), inject: HANDLERS },
    JobsProcessor,
    MaintenanceProcessor,
  ],
})
export class WorkerModule {}
