import type { GrantToIndividualsPurpose, GrantToIndividualsReason } from './individuals-codelists.js';

export type AwardKind = 'grant' | 'contract' | 'in_kind';
export type RecipientType = 'charity' | 'company' | 'cic' | 'community_group' | 'public_body' | 'individual';

/** A `published` award with the funder, directorate and recipient it names (read by the caller). */
export type PublishableAward = {
  /** our uuid */
  id: string;
  externalId: string | null;
  kind: AwardKind;
  title: string;
  description: string | null;
  currency: string;
  amountAwardedPence: bigint;
  awardDate: string;
  plannedStartDate: string | null;
  plannedEndDate: string | null;
  programme: string | null;
  updatedAt: Date;
  funder: { orgId: string; name: string };
  directorate: { code: string; name: string };
  recipient: {
    id: string;
    type: RecipientType;
    name: string;
    charityNumber: string | null;
    companyNumber: string | null;
    orgId: string | null;
    postcode: string | null;
  };
  /** Grants to individuals only; without it the purpose is published as GTIP010 (unrestricted). */
  toIndividuals?: {
    primaryGrantReason?: GrantToIndividualsReason | null;
    secondaryGrantReason?: GrantToIndividualsReason | null;
    grantPurpose?: GrantToIndividualsPurpose[];
  };
};

export type PublishSettings = {
  /** The installation's registered 360Giving prefix, e.g. '360G-mkcouncil'. */
  idPrefix: string;
  /** URL of the page where the data is published. */
  dataSource: string;
  /** Today, YYYY-MM-DD (injected). */
  asOf: string;
};
