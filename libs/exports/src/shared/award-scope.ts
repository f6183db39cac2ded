import { isCalendarDate } from '@app/common';
import { InvalidJobInput, type PeriodParams } from '@app/jobs';
import type { Snapshot } from './snapshot.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a job was asked to cover, as people read it (echoed in the job result and the files). */
export type ScopeDescription = {
  funder: { id: string; name: string; orgId: string } | null;
  directorate: { id: string; code: string; name: string } | null;
  from: string | null;
  to: string | null;
};

/**
 * The awards an export covers: funder, directorate and award-date period. `sql` is a condition on
 * `a` (awards) and `d` (directorates) whose parameters are always $1-$4, so queries put their own
 * parameters from $5 on.
 */
export type AwardScope = { sql: string; params: [string | null, string | null, string | null, string | null]; description: ScopeDescription };

export const SCOPE_SQL =
  '($1::uuid IS NULL OR d.funder_id = $1::uuid) AND ($2::uuid IS NULL OR a.directorate_id = $2::uuid) ' +
  'AND ($3::date IS NULL OR a.award_date >= $3::date) AND ($4::date IS NULL OR a.award_date <= $4::date)';

/**
 * Checks the job's params against the database. Anything no retry can fix (an unknown funder, a
 * directorate of another funder, a period that ends before it starts) throws InvalidJobInput.
 */
export async function resolveScope(snapshot: Snapshot, params: PeriodParams | undefined): Promise<AwardScope> {
  const { funderId = null, directorateId = null, from = null, to = null } = params ?? {};
  const problems: string[] = [];
  if (funderId !== null && !UUID_RE.test(funderId)) problems.push(`funderId: ${funderId} is not a funder id (uuid); list funders with GET /api/funders`);
  if (directorateId !== null && !UUID_RE.test(directorateId))
    problems.push(`directorateId: ${directorateId} is not a directorate id (uuid); list directorates with GET /api/directorates`);
  if (from !== null && !isCalendarDate(from)) problems.push(`from: ${from} is not a date (YYYY-MM-DD)`);
  if (to !== null && !isCalendarDate(to)) problems.push(`to: ${to} is not a date (YYYY-MM-DD)`);
  if (problems.length) throw new InvalidJobInput(problems.join('; '));
  if (from !== null && to !== null && to < from) throw new InvalidJobInput(`to: ${to} is before from ${from}; give a period that ends on or after it starts`);

  let funder: ScopeDescription['funder'] = null;
  if (funderId !== null) {
    [funder = null] = await snapshot.query<{ id: string; name: string; orgId: string }>(
      'SELECT id, name, org_id AS "orgId" FROM funders WHERE id = $1',
      [funderId],
    );
    if (!funder) throw new InvalidJobInput(`funderId: funder ${funderId} does not exist; list funders with GET /api/funders and start the job again`);
  }
  let directorate: ScopeDescription['directorate'] = null;
  if (directorateId !== null) {
    const [row] = await snapshot.query<{ id: string; code: string; name: string; funderId: string }>(
      'SELECT id, code, name, funder_id AS "funderId" FROM directorates WHERE id = $1',
      [directorateId],
    );
    if (!row)
      throw new InvalidJobInput(`directorateId: directorate ${directorateId} does not exist; list directorates with GET /api/directorates and start the job again`);
    if (funder && row.funderId !== funder.id)
      throw new InvalidJobInput(`directorateId: directorate ${row.name} belongs to another funder than ${funder.name}; give one of ${funder.name}'s directorates or leave funderId out`);
    directorate = { id: row.id, code: row.code, name: row.name };
  }
  return { sql: SCOPE_SQL, params: [funderId, directorateId, from, to], description: { funder, directorate, from, to } };
}
