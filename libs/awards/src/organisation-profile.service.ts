import { Injectable } from '@nestjs/common';
import { OrganisationsService } from '@app/organisations';
import { AwardsQuery } from './awards.query.js';

/** Reads one named part of an organisation's profile (e.g. its duplicate-funding flags). */
export type OrganisationProfilePart = (organisationId: string) => Promise<unknown>;

/**
 * Other libraries add parts to the profile without this library knowing them (duplicates imports
 * awards, so awards cannot import duplicates): they register a part at start-up, like AwardHooks.
 */
@Injectable()
export class OrganisationProfileParts {
  private readonly parts = new Map<string, OrganisationProfilePart>();
  register(name: string, part: OrganisationProfilePart): void {
    this.parts.set(name, part);
  }
  async read(organisationId: string): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const [name, part] of this.parts) out[name] = await part(organisationId);
    return out;
  }
}

/** GET /api/organisations/:id — the organisation with its funding by directorate, and any registered parts. */
@Injectable()
export class OrganisationProfileService {
  constructor(private readonly organisations: OrganisationsService, private readonly awards: AwardsQuery, private readonly parts: OrganisationProfileParts) {}

  async get(id: string) {
    const organisation = await this.organisations.get(id);
    const fundingByDirectorate = await this.awards.fundingByDirectorate(id);
    return { ...organisation, fundingByDirectorate, directoratesFunding: fundingByDirectorate.length, ...(await this.parts.read(id)) };
  }
}
