import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '@app/auth';
import type { Actor } from '@app/auth';
import { FlagQueryDto, FlagResponse, FlagReviews, FlagsQuery, ReviewFlagDto } from '@app/duplicates';
import { JobsService } from '@app/jobs';

const uuid = new ParseUUIDPipe();

@ApiTags('flags') @ApiBearerAuth()
@Controller('api/flags')
export class FlagsController {
  constructor(private readonly flags: FlagsQuery, private readonly reviews: FlagReviews, private readonly jobs: JobsService) {}
  @Get('duplicate-funding') @ApiOkResponse({ description: 'active DUP-1 flags, most severe and largest first: {items, total, page, pageSize}' })
  list(@Query() q: FlagQueryDto) { return this.flags.list(q); }
  @Post('recompute') @HttpCode(202) @Roles('admin', 'executive') @ApiAcceptedResponse({ description: '{id}: the duplicates-recompute job; follow it at GET /api/jobs/:id' })
  recompute(@CurrentUser() u: Actor) { return this.jobs.enqueue('duplicates-recompute', { requestedBy: u.email }); }
  @Get(':id') @ApiOkResponse({ type: FlagResponse }) get(@Param('id', uuid) id: string) { return this.flags.get(id); }
  @Patch(':id') @Roles('admin', 'executive') @ApiOkResponse({ type: FlagResponse })
  review(@Param('id', uuid) id: string, @Body() dto: ReviewFlagDto, @CurrentUser() u: Actor) { return this.reviews.review(u, id, dto); }
}
