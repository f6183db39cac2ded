import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { DirectoratesService, FundersService } from './funders.service.js';

@Module({ imports: [AuditModule], providers: [FundersService, DirectoratesService], exports: [FundersService, DirectoratesService] })
export class FundersModule {}
