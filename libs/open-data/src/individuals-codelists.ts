/**
 * Closed codelists of the 360Giving standard 1.4.3 for grants to individuals
 * (shared/data/360giving/codelists/grantToIndividualsReason.csv and grantToIndividualsPurpose.csv).
 */
export const GRANT_TO_INDIVIDUALS_REASONS = [
  'GTIR010', 'GTIR020', 'GTIR030', 'GTIR040', 'GTIR050', 'GTIR060',
  'GTIR070', 'GTIR080', 'GTIR090', 'GTIR100', 'GTIR110', 'GTIR120',
] as const;

export const GRANT_TO_INDIVIDUALS_PURPOSES = [
  'GTIP010', 'GTIP020', 'GTIP030', 'GTIP040', 'GTIP050', 'GTIP060', 'GTIP070', 'GTIP080', 'GTIP090',
  'GTIP100', 'GTIP110', 'GTIP120', 'GTIP130', 'GTIP140', 'GTIP150', 'GTIP160', 'GTIP170',
] as const;

export type GrantToIndividualsReason = (typeof GRANT_TO_INDIVIDUALS_REASONS)[number];
export type GrantToIndividualsPurpose = (typeof GRANT_TO_INDIVIDUALS_PURPOSES)[number];

/** GTIP010 "Unrestricted: unspecified, unrestricted or general support", used when no purpose is recorded. */
export const UNSPECIFIED_PURPOSE: GrantToIndividualsPurpose = 'GTIP010';
