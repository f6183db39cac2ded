/**
 * The part of the 360Giving Data Standard 1.4.3 grant (shared/data/360giving/360-giving-schema.json)
 * that this library writes and its quality checks read. Optional fields are omitted, never null.
 * Grants read from other publishers may hold anything, so the checks read every field defensively.
 */
export type Organisation360 = {
  id: string;
  name: string;
  department?: string;
  charityNumber?: string;
  companyNumber?: string;
  postalCode?: string;
  location?: Location360[];
};

export type Location360 = { name?: string; countryCode?: string; geoCode?: string; geoCodeType?: string };

export type PlannedDates360 = { startDate?: string; endDate?: string; duration?: number };

/** Closed codelists grantToIndividualsReason.csv / grantToIndividualsPurpose.csv. */
export type ToIndividualsDetails360 = {
  primaryGrantReason?: string;
  secondaryGrantReason?: string;
  grantPurpose?: string[];
};

export type Classification360 = { vocabulary?: string; code?: string; title?: string; description?: string };

export type PublishedGrant = {
  id: string;
  title: string;
  description: string;
  currency: string;
  amountAwarded: number;
  awardDate: string;
  plannedDates?: PlannedDates360[];
  actualDates?: PlannedDates360[];
  recipientOrganization?: Organisation360[];
  recipientIndividual?: { id: string; name: string };
  toIndividualsDetails?: ToIndividualsDetails360;
  beneficiaryLocation?: Location360[];
  fundingOrganization: Organisation360[];
  grantProgramme?: { code?: string; title: string }[];
  fundingType?: Classification360[];
  dateModified?: string;
  dataSource?: string;
};

/** Optional package metadata permitted by 360-giving-package-schema.json. */
export type PackageMetadata = {
  version?: string;
  title?: string;
  description?: string;
  issued?: string;
  modified?: string;
  identifier?: string;
  publisher?: { name: string; identifier?: string; website?: string; logo?: string };
  downloadURL?: string;
  accessURL?: string;
  license?: string;
};

export type Package360 = PackageMetadata & { grants: PublishedGrant[] };
