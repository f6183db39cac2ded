import { Module } from '@nestjs/common';
import { FundingDatabaseJob } from './funding-database/funding-database.job.js';
import { OpenDataJob } from './open-data/open-data.job.js';
import { SroiSummaryJob } from './sroi-summary/sroi-summary.job.js';

/** The export jobs the worker runs: the funding database workbook, the SROI summary and the 360Giving files. */
@Module({ providers: [FundingDatabaseJob, SroiSummaryJob, OpenDataJob], exports: [FundingDatabaseJob, SroiSummaryJob, OpenDataJob] })
export class ExportsModule {}
