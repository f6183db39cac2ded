import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '@app/auth';
import type { Actor } from '@app/auth';
import {
  CheckAwardDto, CompactProfileDto, CompactProfileService, ComplianceQuery, ConsultationQueryDto, ConsultationsService, CreateConsultationDto, SummaryQueryDto,
} from '@app/compliance';

const uuid = new ParseUUIDPipe();

@ApiTags('compliance') @ApiBearerAuth()
@Controller('api')
export class ComplianceController {
  constructor(private readonly query: ComplianceQuery, private readonly profiles: CompactProfileService) {}
  @Get('awards/:id/compliance') awardFindings(@Param('id', uuid) id: string) { return this.query.awardFindings(id); }
  @Post('compliance/check') @HttpCode(200) @Roles('admin', 'commissioner') check(@Body() dto: CheckAwardDto) { return this.query.dryRun(dto); }
  @Get('compliance/summary') summary(@Query() q: SummaryQueryDto) { return this.query.summary(q.groupBy, q.worst); }
  @Post('compliance/recheck') @HttpCode(202) @Roles('admin') recheck(@CurrentUser() u: Actor) { return this.profiles.requestRecheck(u); }
}

@ApiTags('compliance') @ApiBearerAuth()
@Controller('api/compact-profile')
export class CompactProfileController {
  constructor(private readonly profiles: CompactProfileService) {}
  @Get() get() { return this.profiles.get(); }
  @Put() @Roles('admin') @ApiBody({ type: CompactProfileDto }) update(@Body() body: unknown, @CurrentUser() u: Actor) { return this.profiles.update(u, body); }
}

@ApiTags('consultations') @ApiBearerAuth()
@Controller('api/consultations')
export class ConsultationsController {
  constructor(private readonly consultations: ConsultationsService, private readonly query: ComplianceQuery) {}
  @Post() @Roles('admin', 'commissioner') create(@Body() dto: CreateConsultationDto, @CurrentUser() u: Actor) { return this.consultations.create(u, dto); }
  @Get() list(@Query() q: ConsultationQueryDto) { return this.consultations.list(q); }
  @Get(':id') get(@Param('id', uuid) id: string) { return this.consultations.get(id); }
  @Get(':id/compliance') findings(@Param('id', uuid) id: string) { return this.query.consultationFindings(id); }
}
