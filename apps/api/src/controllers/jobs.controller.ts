import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import type { Response } from 'express';
import { CurrentUser, Roles } from '@app/auth';
import type { Actor } from '@app/auth';
import { IsCalendarDate, IsOnOrAfter, PageQueryDto } from '@app/common';
import { JOB_NAMES, JobsService, REQUESTABLE_JOBS } from '@app/jobs';
import type { JobName, RequestableJob } from '@app/jobs';

export class JobParamsDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'must be a funder id (uuid)' }) funderId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'must be a directorate id (uuid)' }) directorateId?: string;
  @ApiPropertyOptional({ description: 'awards dated on or after (YYYY-MM-DD)' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ description: 'awards dated on or before (YYYY-MM-DD)' }) @IsOptional() @IsCalendarDate() @IsOnOrAfter('from', 'from date') to?: string;
}

export class CreateJobDto {
  @ApiProperty({ enum: REQUESTABLE_JOBS })
  @IsIn(REQUESTABLE_JOBS as unknown as string[], { message: `must be one of ${REQUESTABLE_JOBS.join(', ')}` })
  type: RequestableJob;

  @ApiPropertyOptional({ type: JobParamsDto })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => JobParamsDto)
  params?: JobParamsDto;
}

export class JobQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: JOB_NAMES }) @IsOptional() @IsIn(JOB_NAMES as string[], { message: `must be one of ${JOB_NAMES.join(', ')}` }) type?: JobName;
}

@ApiTags('jobs') @ApiBearerAuth()
@Controller('api/jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}
  @Post() @HttpCode(202) @Roles('admin', 'finance', 'executive')
  create(@Body() dto: CreateJobDto, @CurrentUser() u: Actor) { return this.jobs.enqueue(dto.type, { requestedBy: u.email, params: { ...dto.params } }); }
  @Get() list(@Query() q: JobQueryDto) { return this.jobs.list(q); }
  @Get(':id') get(@Param('id') id: string) { return this.jobs.get(id); }
  @Get(':id/files/:name')
  async file(@Param('id') id: string, @Param('name') name: string, @Res() res: Response) {
    res.download(await this.jobs.filePath(id, name), name);
  }
}
