import { publishableAwardColumns } from '@app/open-data';
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


/** One funder's published awards ($5 = funder id), oldest first. */
export const PUBLISHED_AWARDS_SQL = `
  SELECT ${publishableAwardColumns('o')}
  ${FROM_PUBLISHED} AND f.id = $5::uuid
  ORDER BY a.award_date, a.id`;
