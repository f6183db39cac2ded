import type { AwardKind, PublishableAward, RecipientType } from './publishable-award.js';

/**
 * The columns a publishable award is read with, from `awards a` joined to `directorates d`,
 * `funders f` and the recipient `organisations` under the alias given. One list for every reader
 * of published awards (the open-data export and the public API), so they publish the same fields.
 */
export const publishableAwardColumns = (recipient: string) => `a.id, a.external_id, a.kind, a.title, a.description, a.currency,
  a.amount_awarded_pence::text AS amount_pence, a.award_date::text AS award_date, a.planned_start_date::text AS planned_start_date,
  a.planned_end_date::text AS planned_end_date, a.programme, a.updated_at, f.org_id AS funder_org_id, f.name AS funder_name,
  d.code AS directorate_code, d.name AS directorate_name, ${recipient}.id AS recipient_id, ${recipient}.type AS recipient_type,
  ${recipient}.name AS recipient_name, ${recipient}.charity_number, ${recipient}.company_number, ${recipient}.org_id AS recipient_org_id,
  ${recipient}.postcode`;

/** One row of publishableAwardColumns. */
export type PublishableAwardRow = {
  id: string;
  external_id: string | null;
  kind: AwardKind;
  title: string;
  description: string | null;
  currency: string;
  amount_pence: string;
  award_date: string;
  planned_start_date: string | null;
  planned_end_date: string | null;
  programme: string | null;
  updated_at: Date;
  funder_org_id: string;
  funder_name: string;
  directorate_code: string;
  directorate_name: string;
  recipient_id: string;
  recipient_type: RecipientType;
  recipient_name: string;
  charity_number: string | null;
  company_number: string | null;
  recipient_org_id: string | null;
  postcode: string | null;
};

export function toPublishableAward(r: PublishableAwardRow): PublishableAward {
  return {
    id: r.id,
    externalId: r.external_id,
    kind: r.kind,
    title: r.title,
    description: r.description,
    currency: r.currency,
    amountAwardedPence: BigInt(r.amount_pence),
    awardDate: r.award_date,
    plannedStartDate: r.planned_start_date,
    plannedEndDate: r.planned_end_date,
    programme: r.programme,
    updatedAt: r.updated_at,
    funder: { orgId: r.funder_org_id, name: r.funder_name },
    directorate: { code: r.directorate_code, name: r.directorate_name },
    recipient: {
      id: r.recipient_id,
      type: r.recipient_type,
      name: r.recipient_name,
      charityNumber: r.charity_number,
      companyNumber: r.company_number,
      orgId: r.recipient_org_id,
      postcode: r.postcode,
    },
  };
}
