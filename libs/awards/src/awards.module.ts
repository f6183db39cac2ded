import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { OrganisationsModule } from '@app/organisations';
import { AwardsService } from './awards.service.js';
import { AwardsQuery } from './awards.query.js';
import { AwardHooks } from './award-hooks.js';
import { OrganisationProfileParts, OrganisationProfileService } from './organisation-profile.service.js';

@Module({
  imports: [AuditModule, OrganisationsModule],
  providers: [AwardsService, AwardsQuery, AwardHooks, OrganisationProfileService, OrganisationProfileParts],
  exports: [AwardsService, AwardsQuery, AwardHooks, OrganisationProfileService, OrganisationProfileParts],
})
export class AwardsModule {}
