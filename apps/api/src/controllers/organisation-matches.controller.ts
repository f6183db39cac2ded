import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '@app/auth';
import type { Actor } from '@app/auth';
import { DecisionDto, DecisionResponse, DecisionsService, FlagsQuery, MatchesQueryDto } from '@app/duplicates';

const uuid = new ParseUUIDPipe();

/** Entity resolution for people: an organisation's candidate matches, and merge/split decisions that stick. */
@ApiTags('organisations') @ApiBearerAuth()
@Controller('api/organisations/:id')
export class OrganisationMatchesController {
  constructor(private readonly decisions: DecisionsService, private readonly flags: FlagsQuery) {}
  @Get('matches') @ApiOkResponse({ description: '{organisationId, cluster: {id, memberIds}, items: [{organisation, matcher, decision, sameOrganisation}], total, page, pageSize}' })
  matches(@Param('id', uuid) id: string, @Query() q: MatchesQueryDto) { return this.flags.matchesOf(id, q); }
  @Post('merge') @Roles('admin', 'executive') @ApiCreatedResponse({ type: DecisionResponse, description: 'the two records are one organisation from now on' })
  merge(@Param('id', uuid) id: string, @Body() dto: DecisionDto, @CurrentUser() u: Actor) { return this.decisions.merge(u, id, dto); }
  @Post('split') @Roles('admin', 'executive') @ApiCreatedResponse({ type: DecisionResponse, description: 'the two records are different organisations from now on' })
  split(@Param('id', uuid) id: string, @Body() dto: DecisionDto, @CurrentUser() u: Actor) { return this.decisions.split(u, id, dto); }
}
