import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { AwardsModule } from '@app/awards';
import { ComplianceModule } from '@app/compliance';
import { OrganisationsModule } from '@app/organisations';
import { JobsModule } from '@app/jobs';
import { GrantImporter } from './grant-importer.js';
import { ImportUploadInterceptor, ImportUploadService } from './import-uploads.js';

/**
 * The worker side: GrantImporter, which ImportJobHandler (listed in the worker's HANDLERS) runs.
 * AwardHooks comes from AwardsModule, shared with compliance and duplicates, whose hooks it runs.
 */
@Module({
  imports: [AuditModule, AwardsModule, ComplianceModule, OrganisationsModule],
  providers: [GrantImporter],
  exports: [GrantImporter],
})
export class ImportsModule {}

/** The API side: receives uploads and queues the job. */
@Module({
  imports: [JobsModule],
  providers: [ImportUploadService, ImportUploadInterceptor],
  exports: [ImportUploadService, ImportUploadInterceptor],
})
export class ImportUploadsModule {}
