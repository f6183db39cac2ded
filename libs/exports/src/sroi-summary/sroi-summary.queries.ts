import { SCOPE_SQL } from '../shared/award-scope.js';

const FROM_AWARDS = `
  FROM awards a
  JOIN directorates d ON d.id = a.directorate_id
  JOIN funders f ON f.id = d.funder_id`;
const WHERE = `WHERE a.status <> 'draft' AND ${SCOPE_SQL}`;

export type SroiAwardRow = {
  id: string;
  title: string;
  kind: 'grant' | 'contract' | 'in_kind';
  amount_pence: string;
  programme: string | null;
  directorate_id: string;
  funder_name: string;
  /** [description, quantity, financialProxy, deadweight, displacement, attribution, dropOff, durationYears] in order. */
  outcomes: [string, string, string, string, string, string, string, number][];
};

/** Awards with at least one outcome: a semi-join (hashed), never a probe per award. */
const HAS_OUTCOMES = 'a.id IN (SELECT award_id FROM award_outcomes)';

export const COUNT_VALUED_SQL = `SELECT count(*)::int AS n ${FROM_AWARDS} ${WHERE} AND ${HAS_OUTCOMES}`;

/**
 * Awards that have outcomes, each with its outcomes (exact numerics as text); drafts left out.
 * Driven from the outcomes (a tenth of the awards, say), not from every award.
 */
export const SROI_AWARDS_SQL = `
  WITH oc AS (
    SELECT award_id, json_agg(json_build_array(o.description, o.quantity::text, o.financial_proxy::text, o.deadweight::text,
      o.displacement::text, o.attribution::text, o.drop_off::text, o.duration_years) ORDER BY o.position) AS outcomes
    FROM award_outcomes o GROUP BY award_id
  )
  SELECT a.id, a.title, a.kind, a.amount_awarded_pence::text AS amount_pence, nullif(btrim(a.programme), '') AS programme,
    d.id AS directorate_id, f.name AS funder_name, oc.outcomes
  FROM oc JOIN awards a ON a.id = oc.award_id
  JOIN directorates d ON d.id = a.directorate_id
  JOIN funders f ON f.id = d.funder_id
  ${WHERE}
  ORDER BY a.award_date, a.id`;

export type UnvaluedGroupRow = { programme: string | null; directorate_id: string; funder_name: string; awards: number; inputs_pence: string };

/**
 * Awards without outcomes, counted per programme, directorate and funder: they have nothing to
 * value, so the database sums them instead of sending each one (900,000 of a million awards).
 */
export const UNVALUED_GROUPS_SQL = `
  SELECT nullif(btrim(a.programme), '') AS programme, d.id AS directorate_id, f.name AS funder_name,
    count(*)::int AS awards, sum(a.amount_awarded_pence)::text AS inputs_pence
  ${FROM_AWARDS}
  ${WHERE} AND NOT EXISTS (SELECT 1 FROM award_outcomes x WHERE x.award_id = a.id)
  GROUP BY 1, 2, 3`;

/** The directorates an SROI summary may name, to label them unambiguously. */
export const DIRECTORATES_SQL = `
  SELECT d.id, d.name, f.name AS funder_name FROM directorates d JOIN funders f ON f.id = d.funder_id
  WHERE ($1::uuid IS NULL OR d.funder_id = $1::uuid) AND ($2::uuid IS NULL OR d.id = $2::uuid)`;
