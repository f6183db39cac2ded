import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '@app/auth';
import type { Actor } from '@app/auth';
import { AwardQueryDto, AwardsQuery, AwardsService, CreateAwardDto, UpdateAwardDto } from '@app/awards';

const uuid = new ParseUUIDPipe();

@ApiTags('awards') @ApiBearerAuth()
@Controller('api/awards')
export class AwardsController {
  constructor(private readonly awards: AwardsService, private readonly query: AwardsQuery) {}
  @Post() @Roles('admin', 'commissioner') create(@Body() dto: CreateAwardDto, @CurrentUser() u: Actor) { return this.awards.create(u, dto); }
  @Get() list(@Query() q: AwardQueryDto) { return this.query.list(q); }
  @Get(':id') get(@Param('id', uuid) id: string) { return this.awards.get(id); }
  @Patch(':id') @Roles('admin', 'commissioner') update(@Param('id', uuid) id: string, @Body() dto: UpdateAwardDto, @CurrentUser() u: Actor) { return this.awards.update(u, id, dto); }
  @Delete(':id') @HttpCode(204) @Roles('admin', 'commissioner') remove(@Param('id', uuid) id: string, @CurrentUser() u: Actor) { return this.awards.remove(u, id); }
  @Post(':id/publish') @HttpCode(200) @Roles('admin', 'commissioner') publish(@Param('id', uuid) id: string, @CurrentUser() u: Actor) { return this.awards.publish(u, id); }
}
