import { escapeLike } from '@app/organisations';
import { normaliseCharityNumber, normaliseCompanyNumber, normaliseOrgId } from '@app/common';
import { financialYear } from './financial-year.js';
import type { PublicKind, PublicSort } from './dto/public-grants-query.dto.js';

/** The public filters after validation and look-up: ids only, every value known to exist. */
export type PublicFilter = {
  q?: string;
  funderId?: string;
  directorateId?: string;
  /** financial year by its starting calendar year */
  year?: number;
  kind?: PublicKind;
};

export type PublicSelection = PublicFilter & { sort: PublicSort; page: number; pageSize: number };

/** Positional parameters for one statement: `p(value)` returns `$n`. */
export class SqlParams {
  readonly values: unknown[] = [];
  p(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * Only published awards leave the system: `published_at` is set by publishing and cleared when an
 * award goes back to draft or awarded. Every partial index of the migration PublicData
 * carries this predicate, so every public statement must too.
 */
export const PUBLISHED = 'a.published_at IS NOT NULL';

/**
 * The recipient's public name as sorted and indexed (organisations_public_sort_idx): an individual
 * is never sorted by their name.
 */
export const RECIPIENT_SORT_KEY = `(CASE WHEN r.type = 'individual' THEN 'individual recipient' ELSE lower(r.name) END)`;

/** The amount in pounds, the key of awards_public_amount_idx. */
export const AMOUNT_SORT_KEY = '(a.amount_awarded_pence / 100.0)';

const ORDER: Record<PublicSort, string> = {
  // Published awards always have an award date; these directions let awards_award_date_idx serve both ways.
  '-awardDate': 'a.award_date DESC, a.id',
  awardDate: 'a.award_date ASC, a.id',
  '-amount': `${AMOUNT_SORT_KEY} DESC, a.id`,
  amount: `${AMOUNT_SORT_KEY} ASC, a.id`,
  recipient: `${RECIPIENT_SORT_KEY} ASC, a.id`,
  '-recipient': `${RECIPIENT_SORT_KEY} DESC, a.id`,
};

export const orderBy = (sort: PublicSort) => ORDER[sort];

/** The WHERE clause (on `awards a`) of the published awards matching every filter but the search text. */
export function publicWhere(f: PublicFilter, params: SqlParams): string {
  const clauses = [PUBLISHED];
  if (f.directorateId) clauses.push(`a.directorate_id = ${params.p(f.directorateId)}`);
  if (f.funderId) clauses.push(`a.directorate_id IN (SELECT id FROM directorates WHERE funder_id = ${params.p(f.funderId)})`);
  if (f.year !== undefined) {
    const fy = financialYear(f.year);
    clauses.push(`a.award_date >= ${params.p(fy.from)} AND a.award_date < ${params.p(fy.toExclusive)}`);
  }
  if (f.kind) clauses.push(`a.kind = ${params.p(f.kind)}`);
  return clauses.join(' AND ');
}

type Search = { like: string; org: string };

/**
 * What a search text matches: the programme, the recipient (its name or an identifier) or the
 * title. A grant to an individual is found by its programme only: its recorded title may name the
 * person, and a search must not confirm that a named person was funded.
 */
function search(q: string, params: SqlParams): Search {
  const like = params.p(`%${escapeLike(q.toLowerCase())}%`);
  const ids = identifiersIn(q);
  const orgMatch = [`lower(o.name) LIKE ${like}`];
  if (ids.charityNumber) orgMatch.push(`o.charity_number = ${params.p(ids.charityNumber)}`);
  if (ids.companyNumber) orgMatch.push(`o.company_number = ${params.p(ids.companyNumber)}`);
  if (ids.orgId) orgMatch.push(`o.org_id = ${params.p(ids.orgId)}`);
  if (ids.ownOrgRef) orgMatch.push(`o.id = ${params.p(ids.ownOrgRef)}::uuid`);
  return { like, org: `SELECT o.id FROM organisations o WHERE o.type <> 'individual' AND (${orgMatch.join(' OR ')})` };
}

/** The columns of a match: enough to total, sort and find the award. */
const MATCH_COLUMNS = 'a.id, a.directorate_id, a.award_date, a.amount_awarded_pence, a.recipient_organisation_id';

/**
 * The awards matching filter and search as a UNION of three branches, each served by its own index
 * (trigram on lower(programme), trigram on lower(title), awards_recipient_idx after the trigram
 * index on organisation names): cost grows with the matches, not with the table. Exposes the
 * columns of MATCH_COLUMNS.
 */
export function matchesSql(f: PublicFilter & { q: string }, params: SqlParams): string {
  const where = publicWhere(f, params);
  const s = search(f.q, params);
  return `SELECT ${MATCH_COLUMNS} FROM awards a WHERE ${where} AND lower(a.programme) LIKE ${s.like}
     UNION
     SELECT ${MATCH_COLUMNS} FROM awards a JOIN organisations r ON r.id = a.recipient_organisation_id
      WHERE ${where} AND lower(a.title) LIKE ${s.like} AND r.type <> 'individual'
     UNION
     SELECT ${MATCH_COLUMNS} FROM awards a WHERE ${where} AND a.recipient_organisation_id IN (${s.org})`;
}

/**
 * The same search as a row filter on `awards a`: for a search that matches many awards, walking the
 * sort order's index and keeping matching rows finds a page soonest. (It must not refer to the
 * joined recipient: PostgreSQL would then join everything before filtering.)
 */
export function searchFilter(q: string, params: SqlParams): string {
  const s = search(q, params);
  return `(lower(a.programme) LIKE ${s.like}
      OR (lower(a.title) LIKE ${s.like} AND NOT EXISTS (SELECT 1 FROM organisations i WHERE i.id = a.recipient_organisation_id AND i.type = 'individual'))
      OR a.recipient_organisation_id IN (${s.org}))`;
}

const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Identifiers a search text may be: a charity number (1234567, GB-CHC-1234567, SC012345), a company
 * number (05123456, GB-COH-05123456), any org-id, or the installation's own recipient id as
 * published (`<prefix>-ORG-<uuid>`). Plain words yield none.
 */
export function identifiersIn(q: string): { charityNumber: string | null; companyNumber: string | null; orgId: string | null; ownOrgRef: string | null } {
  const text = q.trim().toUpperCase().replace(/\s+/g, '');
  const charity = /^(GB-(CHC|SC|NIC)-)?(SC)?\d{5,8}$/.test(text) ? normaliseCharityNumber(text) : null;
  const company = /^(GB-COH-)?[A-Z]{0,2}\d{6,8}$/.test(text) ? normaliseCompanyNumber(text) : null;
  const orgId = /^[A-Z]{2,}-[A-Z0-9]+-[A-Z0-9-]+$/.test(text) ? normaliseOrgId(text) : null;
  const own = /-ORG-/.test(text) ? (UUID_RE.exec(text)?.[0].toLowerCase() ?? null) : null;
  return { charityNumber: charity, companyNumber: company, orgId, ownOrgRef: own };
}
