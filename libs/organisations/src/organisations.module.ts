import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { OrganisationsService } from './organisations.service.js';
import { OrganisationHooks } from './organisation-hooks.js';

@Module({ imports: [AuditModule], providers: [OrganisationsService, OrganisationHooks], exports: [OrganisationsService, OrganisationHooks] })
export class OrganisationsModule {}
