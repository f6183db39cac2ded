import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '@app/auth';
import type { Actor } from '@app/auth';
import { PageQueryDto } from '@app/common';
import {
  CreateDirectorateDto, CreateFunderDto, DirectorateQueryDto, DirectoratesService, FundersService, UpdateDirectorateDto, UpdateFunderDto,
} from '@app/funders';

const uuid = new ParseUUIDPipe({ version: undefined });

@ApiTags('funders') @ApiBearerAuth()
@Controller('api/funders')
export class FundersController {
  constructor(private readonly funders: FundersService) {}
  @Post() @Roles('admin') create(@Body() dto: CreateFunderDto, @CurrentUser() u: Actor) { return this.funders.create(u, dto); }
  @Get() list(@Query() q: PageQueryDto) { return this.funders.list(q); }
  @Get(':id') get(@Param('id', uuid) id: string) { return this.funders.get(id); }
  @Patch(':id') @Roles('admin') update(@Param('id', uuid) id: string, @Body() dto: UpdateFunderDto, @CurrentUser() u: Actor) { return this.funders.update(u, id, dto); }
}

@ApiTags('directorates') @ApiBearerAuth()
@Controller('api/directorates')
export class DirectoratesController {
  constructor(private readonly directorates: DirectoratesService) {}
  @Post() @Roles('admin') create(@Body() dto: CreateDirectorateDto, @CurrentUser() u: Actor) { return this.directorates.create(u, dto); }
  @Get() list(@Query() q: DirectorateQueryDto) { return this.directorates.list(q); }
  @Get(':id') get(@Param('id', uuid) id: string) { return this.directorates.get(id); }
  @Patch(':id') @Roles('admin') update(@Param('id', uuid) id: string, @Body() dto: UpdateDirectorateDto, @CurrentUser() u: Actor) { return this.directorates.update(u, id, dto); }
}
