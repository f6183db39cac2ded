import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '@app/auth';
import type { Actor } from '@app/auth';
import { OrganisationProfileService } from '@app/awards';
import { CreateOrganisationDto, OrganisationQueryDto, OrganisationsService, UpdateOrganisationDto } from '@app/organisations';

const uuid = new ParseUUIDPipe();

@ApiTags('organisations') @ApiBearerAuth()
@Controller('api/organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService, private readonly profiles: OrganisationProfileService) {}
  @Post() @Roles('admin', 'commissioner') create(@Body() dto: CreateOrganisationDto, @CurrentUser() u: Actor) { return this.organisations.create(u, dto); }
  @Get() list(@Query() q: OrganisationQueryDto) { return this.organisations.list(q); }
  @Get(':id') get(@Param('id', uuid) id: string) { return this.profiles.get(id); }
  @Patch(':id') @Roles('admin', 'commissioner') update(@Param('id', uuid) id: string, @Body() dto: UpdateOrganisationDto, @CurrentUser() u: Actor) { return this.organisations.update(u, id, dto); }
}
