import { SCOPE_SQL } from '../shared/award-scope.js';

/** Published awards only: published_at is set when an award goes public and cleared when it is withdrawn. */
const FROM_PUBLISHED = `
  FROM awards a
  JOIN directorates d ON d.id = a.directorate_id
  JOIN funders f ON f.id = d.funder_id
  JOIN organisations o ON o.id = a.recipient_organisation_id
  WHERE a.published_at IS NOT NULL AND a.award_date IS NOT NULL AND ${SCOPE_SQL}`;

export type PublishingFunderRow = { id: string; name: string; org_id: string; grants: number };

export const PUBLISHING_FUNDERS_SQL = `
  SELECT f.id, f.name, f.org_id, count(*)::int AS grants ${FROM_PUBLISHED}
  GROUP BY f.id ORDER BY f.org_id`;

export type PublishedAwardRow = {
  id: string;
  external_id: string | null;
  kind: 'grant' | 'contract' | 'in_kind';
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
  recipient_type: 'charity' | 'company' | 'cic' | 'community_group' | 'public_body' | 'individual';
  recipient_name: string;
  charity_number: string | null;
  company_number: string | null;
  recipient_org_id: string | null;
  postcode: string | null;
};

/** One funder's published awards ($5 = funder id), oldest first. */
export const PUBLISHED_AWARDS_SQL = `
  SELECT a.id, a.external_id, a.kind, a.title, a.description, a.currency, a.amount_awarded_pence::text AS amount_pence,
    a.award_date::text AS award_date, a.planned_start_date::text AS planned_start_date, a.planned_end_date::text AS planned_end_date,
    a.programme, a.updated_at, f.org_id AS funder_org_id, f.name AS funder_name, d.code AS directorate_code, d.name AS directorate_name,
    o.id AS recipient_id, o.type AS recipient_type, o.name AS recipient_name, o.charity_number, o.company_number,
    o.org_id AS recipient_org_id, o.postcode
  ${FROM_PUBLISHED} AND f.id = $5::uuid
  ORDER BY a.award_date, a.id`;
