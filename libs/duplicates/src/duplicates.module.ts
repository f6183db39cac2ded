import { Module, OnModuleInit } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { AwardHooks, AwardsModule, OrganisationProfileParts } from '@app/awards';
import { JobsModule } from '@app/jobs';
import { OrganisationHooks, OrganisationsModule } from '@app/organisations';
import { ClusterStore } from './cluster.store.js';
import { DecisionsService } from './decisions.service.js';
import { DefaultDuplicateSettings, DuplicateSettingsSource } from './duplicate-settings.js';
import { DuplicatesRecompute } from './duplicates-recompute.service.js';
import { AwardFlagsHook, OrganisationMatchHook } from './duplicates.hooks.js';
import { FlagReviews } from './flag-reviews.service.js';
import { FlagCalculator } from './flag.calculator.js';
import { FlagRefresher } from './flag.refresher.js';
import { FlagWriter } from './flag.writer.js';
import { FlagsQuery } from './flags.query.js';
import { MatchStore } from './match.store.js';
import { Reclusterer } from './reclusterer.js';

/**
 * Duplicated funding (DOMAIN.md section 3) wired into the product: stored matches, people's
 * decisions, clusters and flags; award writes refresh flags in their transaction, organisation
 * writes queue a re-match, and organisation profiles show their flags. The worker provides
 * DuplicatesRecomputeHandler itself.
 */
@Module({
  imports: [AuditModule, OrganisationsModule, AwardsModule, JobsModule],
  providers: [
    { provide: DuplicateSettingsSource, useClass: DefaultDuplicateSettings },
    MatchStore,
    ClusterStore,
    FlagCalculator,
    FlagWriter,
    FlagRefresher,
    Reclusterer,
    DuplicatesRecompute,
    DecisionsService,
    FlagsQuery,
    FlagReviews,
    AwardFlagsHook,
    OrganisationMatchHook,
  ],
  exports: [DuplicateSettingsSource, DuplicatesRecompute, DecisionsService, FlagsQuery, FlagReviews, FlagRefresher],
})
export class DuplicatesModule implements OnModuleInit {
  constructor(
    private readonly awardHooks: AwardHooks,
    private readonly organisationHooks: OrganisationHooks,
    private readonly profileParts: OrganisationProfileParts,
    private readonly awardFlags: AwardFlagsHook,
    private readonly organisationMatch: OrganisationMatchHook,
    private readonly flags: FlagsQuery,
  ) {}

  onModuleInit(): void {
    this.awardHooks.register(this.awardFlags);
    this.organisationHooks.register(this.organisationMatch);
    this.profileParts.register('duplicateFundingFlags', (id) => this.flags.forOrganisation(id));
  }
}
