// Entity resolution for duplicated funding (DOMAIN.md section 3, issue 5): pure functions, no database.
export * from './matching/types.js';
export { normaliseName, nameTokens } from './matching/normalise-name.js';
export { normalisePostcode, postcodeDistrict } from './matching/postcode.js';
export { buildTokenStats, tokenWeight, type TokenStats } from './matching/token-stats.js';
export { compareOrganisations } from './matching/compare.js';
export { blockingKeys, candidatePairs, BlockIndex } from './matching/blocking.js';
export { matchOrganisations, namesOf } from './matching/match-organisations.js';
export { resolveClusters, type Clustering, type OrgCluster, type ClusterLink, type ClusterConflict } from './matching/clusters.js';
export { evaluate, type LabelledPair, type Evaluation, type Confusion } from './matching/evaluate.js';

// The product: stored matches, decisions, clusters and flags (DUP-1), the recompute job and its services.
export * from './duplicates.entities.js';
export * from './duplicate-settings.js';
export * from './flag-assembly.js';
export { matchAllAsync, matchSomeAsync, matchable, type LoadedOrg } from './match-runner.js';
export { MatchStore } from './match.store.js';
export { ClusterStore } from './cluster.store.js';
export { FlagCalculator, type FlagScope } from './flag.calculator.js';
export { FlagWriter, type FlagWriteResult } from './flag.writer.js';
export { FlagRefresher } from './flag.refresher.js';
export { Reclusterer, DUPLICATES_LOCK, lockDuplicates } from './reclusterer.js';
export { DuplicatesRecompute, type RecomputeResult, type RecomputeProgress } from './duplicates-recompute.service.js';
export { DuplicatesRecomputeHandler } from './duplicates-recompute.handler.js';
export { DecisionsService } from './decisions.service.js';
export { FlagsQuery, toFlagResponse } from './flags.query.js';
export { FlagReviews } from './flag-reviews.service.js';
export { AwardFlagsHook, OrganisationMatchHook } from './duplicates.hooks.js';
export { DuplicatesModule } from './duplicates.module.js';
export * from './dto/flag.dto.js';
export * from './dto/decision.dto.js';
