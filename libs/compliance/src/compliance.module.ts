import { Module, OnModuleInit } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { AwardHooks, AwardsModule } from '@app/awards';
import { OrganisationHooks, OrganisationsModule } from '@app/organisations';
import { JobsModule } from '@app/jobs';
import { AwardComplianceHook } from './award-compliance.hook.js';
import { CompactProfileService } from './compact-profile.service.js';
import { CompactProfileStore } from './compact-profile.store.js';
import { ComplianceQuery } from './compliance.query.js';
import { ComplianceRecorder } from './compliance.recorder.js';
import { ConsultationsService } from './consultations.service.js';
import { OrganisationComplianceHook } from './organisation-compliance.hook.js';

/**
 * The Compact checks wired into the product: findings stored with every award and consultation
 * write, the profile, the summary. The worker provides ComplianceRecheckHandler itself.
 */
@Module({
  imports: [AuditModule, AwardsModule, OrganisationsModule, JobsModule],
  providers: [CompactProfileStore, ComplianceRecorder, AwardComplianceHook, OrganisationComplianceHook, ComplianceQuery, ConsultationsService, CompactProfileService],
  exports: [CompactProfileStore, ComplianceRecorder, ComplianceQuery, ConsultationsService, CompactProfileService],
})
export class ComplianceModule implements OnModuleInit {
  constructor(
    private readonly awardHooks: AwardHooks,
    private readonly awardHook: AwardComplianceHook,
    private readonly organisationHooks: OrganisationHooks,
    private readonly organisationHook: OrganisationComplianceHook,
  ) {}

  onModuleInit(): void {
    this.awardHooks.register(this.awardHook);
    this.organisationHooks.register(this.organisationHook);
  }
}
