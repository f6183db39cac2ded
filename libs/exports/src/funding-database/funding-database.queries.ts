import { SCOPE_SQL } from '../shared/award-scope.js';

/**
 * The SQL of the funding database workbook. Every query reads awards through the same scope
 * (funder, directorate, award-date period: $1-$4) and leaves drafts out: the workbook is the
 * funding actually awarded.
 */
const fromAwards = (joins = '') => `
  FROM awards a
  JOIN directorates d ON d.id = a.directorate_id
  JOIN funders f ON f.id = d.funder_id
  JOIN organisations o ON o.id = a.recipient_organisation_id
  ${joins}
  WHERE a.status <> 'draft' AND ${SCOPE_SQL}`;
const FROM_AWARDS = fromAwards();

export type AwardRow = {
  id: string;
  external_id: string | null;
  kind: 'grant' | 'contract' | 'in_kind';
  title: string;
  description: string | null;
  programme: string | null;
  status: 'awarded' | 'published' | 'ended';
  amount_pence: string;
  paid_pence: string;
  award_date: string | null;
  planned_start_date: string | null;
  planned_end_date: string | null;
  published_on: string | null;
  direct_cost_pence: string | null;
  overhead_cost_pence: string | null;
  overhead_funded_pence: string | null;
  reporting_frequency: 'monthly' | 'quarterly' | 'six_monthly' | 'annual' | 'end_only' | null;
  ending_notice_date: string | null;
  ending_effective_date: string | null;
  ending_reason: string | null;
  justification_arrears_payment: string | null;
  justification_single_year: string | null;
  justification_monitoring: string | null;
  funder_name: string;
  funder_org_id: string;
  directorate_id: string;
  directorate_code: string;
  directorate_name: string;
  recipient_id: string;
  recipient_name: string;
  recipient_type: string;
  charity_number: string | null;
  company_number: string | null;
  recipient_org_id: string | null;
  postcode: string | null;
  /** [dueDate, amount in pence, paidDate] in schedule order. */
  payments: [string, string, string | null][];
  /** The findings @app/compliance stored in the award's write transaction, as JSON text; null where none are stored. */
  stored_findings: string | null;
};

export const COUNT_AWARDS_SQL = `SELECT count(*)::int AS n ${FROM_AWARDS}`;

/**
 * One row per award with its payment schedule and stored findings (when the table exists);
 * oldest first (the award-date index streams them without a sort).
 */
export const awardsSql = (findingsTable: string | null) => `
  SELECT a.id, a.external_id, a.kind, a.title, a.description, a.programme, a.status,
    a.amount_awarded_pence::text AS amount_pence,
    a.award_date::text AS award_date, a.planned_start_date::text AS planned_start_date, a.planned_end_date::text AS planned_end_date,
    (a.published_at AT TIME ZONE 'UTC')::date::text AS published_on,
    a.direct_cost_pence::text AS direct_cost_pence, a.overhead_cost_pence::text AS overhead_cost_pence,
    a.overhead_funded_pence::text AS overhead_funded_pence, a.reporting_frequency,
    a.ending_notice_date::text AS ending_notice_date, a.ending_effective_date::text AS ending_effective_date, a.ending_reason,
    a.justification_arrears_payment, a.justification_single_year, a.justification_monitoring,
    f.name AS funder_name, f.org_id AS funder_org_id,
    d.id AS directorate_id, d.code AS directorate_code, d.name AS directorate_name,
    o.id AS recipient_id, o.name AS recipient_name, o.type AS recipient_type, o.charity_number, o.company_number,
    o.org_id AS recipient_org_id, o.postcode,
    coalesce(p.payments, '[]'::json) AS payments, coalesce(p.paid_pence, '0') AS paid_pence,
    ${findingsTable ? 'cr.findings::text' : 'NULL::text'} AS stored_findings
  ${fromAwards(`${findingsTable ? `LEFT JOIN ${findingsTable} cr ON cr.subject_type = 'award' AND cr.subject_id = a.id` : ''}
    LEFT JOIN LATERAL (
      SELECT json_agg(json_build_array(ap.due_date::text, ap.amount_pence::text, ap.paid_date::text) ORDER BY ap.position, ap.due_date)
               ${findingsTable ? 'FILTER (WHERE cr.findings IS NULL)' : ''} AS payments,
             (sum(ap.amount_pence) FILTER (WHERE ap.paid_date IS NOT NULL))::text AS paid_pence
      FROM award_payments ap WHERE ap.award_id = a.id) p ON true`)}
  ORDER BY a.award_date, a.id`;

export type OrganisationRow = {
  id: string;
  name: string;
  type: string;
  charity_number: string | null;
  company_number: string | null;
  org_id: string | null;
  postcode: string | null;
  awards: number;
  directorates: number;
  funders: number;
  directorate_names: string;
  total_pence: string;
  first_award: string | null;
  last_award: string | null;
};

/** Total funding per recipient, with how many directorates and funders fund it. */
export const ORGANISATIONS_SQL = `
  SELECT o.id, o.name, o.type, o.charity_number, o.company_number, o.org_id, o.postcode,
    count(*)::int AS awards, count(DISTINCT a.directorate_id)::int AS directorates, count(DISTINCT d.funder_id)::int AS funders,
    string_agg(DISTINCT d.name, '; ') AS directorate_names,
    sum(a.amount_awarded_pence)::text AS total_pence,
    min(a.award_date)::text AS first_award, max(a.award_date)::text AS last_award
  ${FROM_AWARDS}
  GROUP BY o.id
  ORDER BY o.name, o.id`;

export type CrossDirectorateRow = {
  id: string;
  name: string;
  names: string;
  records: number;
  charity_numbers: string | null;
  company_numbers: string | null;
  postcodes: string | null;
  directorates: number;
  directorate_names: string;
  funder_names: string;
  awards: number;
  total_pence: string;
  overlap_from: string;
  overlap_to: string;
  shared_programme: boolean;
  programmes: string | null;
  flag_id: string | null;
  flag_severity: string | null;
  flag_status: string | null;
  flag_note: string | null;
};

/** The duplicates library's tables, when they exist in this database. */
export type DuplicateTables = { clusters: boolean; flags: boolean };

/**
 * DOMAIN.md 3 in the workbook: real organisations holding awards from two or more directorates
 * whose planned periods overlap, with the awards involved, their total and the overlapping period.
 * An organisation is its cluster when @app/duplicates has resolved its records (the same body
 * spelt differently by two directorates), else its record; its duplicate-funding flag, when there
 * is one, gives the review columns. Pairs are found within each organisation, never across all awards.
 */
export const crossDirectorateSql = (t: DuplicateTables) => `
  WITH dated AS (
    SELECT a.id, ${t.clusters ? 'coalesce(oc.cluster_id, a.recipient_organisation_id)' : 'a.recipient_organisation_id'} AS org,
      a.recipient_organisation_id AS record, a.directorate_id, d.funder_id, a.amount_awarded_pence AS amount,
      a.planned_start_date AS st, a.planned_end_date AS en, nullif(lower(btrim(a.programme)), '') AS programme
    FROM awards a JOIN directorates d ON d.id = a.directorate_id
    ${t.clusters ? 'LEFT JOIN organisation_clusters oc ON oc.organisation_id = a.recipient_organisation_id' : ''}
    WHERE a.status <> 'draft' AND ${SCOPE_SQL} AND a.planned_start_date IS NOT NULL AND a.planned_end_date IS NOT NULL
  ),
  candidates AS (SELECT org FROM dated GROUP BY org HAVING count(DISTINCT directorate_id) > 1),
  s AS MATERIALIZED (SELECT dated.* FROM dated JOIN candidates USING (org)),
  pairs AS (
    SELECT x.org, x.id AS x_id, y.id AS y_id, greatest(x.st, y.st) AS o_from, least(x.en, y.en) AS o_to,
      (x.programme IS NOT NULL AND x.programme = y.programme) AS same_programme
    FROM s x JOIN s y ON y.org = x.org AND x.directorate_id < y.directorate_id AND x.st <= y.en AND y.st <= x.en
  ),
  spans AS (
    SELECT org, min(o_from) AS o_from, max(o_to) AS o_to, bool_or(same_programme) AS shared_programme FROM pairs GROUP BY org
  ),
  involved AS (SELECT x_id AS id FROM pairs UNION SELECT y_id FROM pairs),
  grouped AS (
    SELECT s.org, (array_agg(o.id ORDER BY s.amount DESC, o.id))[1] AS main_id, (array_agg(o.name ORDER BY s.amount DESC, o.id))[1] AS name,
      string_agg(DISTINCT o.name, '; ') AS names, count(DISTINCT o.id)::int AS records,
      string_agg(DISTINCT o.charity_number, '; ') AS charity_numbers, string_agg(DISTINCT o.company_number, '; ') AS company_numbers,
      string_agg(DISTINCT regexp_replace(upper(replace(o.postcode, ' ', '')), '^(.+)([0-9][A-Z]{2})$', '\\1 \\2'), '; ') AS postcodes,
      count(DISTINCT s.directorate_id)::int AS directorates,
      string_agg(DISTINCT d.name, '; ') AS directorate_names, string_agg(DISTINCT f.name, '; ') AS funder_names,
      count(*)::int AS awards, sum(s.amount) AS total, string_agg(DISTINCT s.programme, '; ') AS programmes
    FROM involved i JOIN s ON s.id = i.id JOIN organisations o ON o.id = s.record
    JOIN directorates d ON d.id = s.directorate_id JOIN funders f ON f.id = s.funder_id
    GROUP BY s.org
  )
  SELECT g.main_id AS id, g.name, g.names, g.records, g.charity_numbers, g.company_numbers, g.postcodes,
    g.directorates, g.directorate_names, g.funder_names, g.awards, g.total::text AS total_pence,
    sp.o_from::text AS overlap_from, sp.o_to::text AS overlap_to, sp.shared_programme, g.programmes,
    ${t.flags ? 'fl.id AS flag_id, fl.severity AS flag_severity, fl.status AS flag_status, fl.note AS flag_note' : 'NULL AS flag_id, NULL AS flag_severity, NULL AS flag_status, NULL AS flag_note'}
  FROM grouped g JOIN spans sp ON sp.org = g.org
  ${t.flags ? 'LEFT JOIN LATERAL (SELECT id, severity, status, note FROM duplicate_funding_flags WHERE cluster_key = g.org AND active ORDER BY computed_at DESC LIMIT 1) fl ON true' : ''}
  ORDER BY g.total DESC, g.name, g.main_id`;

export const DUPLICATE_TABLES_SQL = `SELECT to_regclass('public.organisation_clusters') IS NOT NULL AS clusters,
  to_regclass('public.duplicate_funding_flags') IS NOT NULL AS flags`;

export type DirectorateTotalRow = {
  funder_name: string;
  directorate_code: string;
  directorate_name: string;
  kind: 'grant' | 'contract' | 'in_kind';
  awards: number;
  recipients: number;
  total_pence: string;
  paid_pence: string;
};

/** Totals per directorate and kind of award. */
export const BY_DIRECTORATE_SQL = `
  SELECT f.name AS funder_name, d.code AS directorate_code, d.name AS directorate_name, a.kind,
    count(*)::int AS awards, count(DISTINCT a.recipient_organisation_id)::int AS recipients,
    sum(a.amount_awarded_pence)::text AS total_pence,
    coalesce(sum(paid.pence), 0)::text AS paid_pence
  FROM awards a
  JOIN directorates d ON d.id = a.directorate_id
  JOIN funders f ON f.id = d.funder_id
  LEFT JOIN (SELECT award_id, sum(amount_pence) AS pence FROM award_payments WHERE paid_date IS NOT NULL GROUP BY award_id) paid
    ON paid.award_id = a.id
  WHERE a.status <> 'draft' AND ${SCOPE_SQL}
  GROUP BY f.name, d.id, d.code, d.name, a.kind
  ORDER BY f.name, d.name, d.id, a.kind`;
