import type { EntityManager } from 'typeorm';
import { auditActorOf, type ImportActor } from './import-options.js';
import type { PendingGrant } from './pending-grant.js';

/**
 * `newId`: the id the grant's award is created with if it has none yet (time-ordered, see newRecordId);
 * unused when the award exists.
 */
export type PlacedGrant = PendingGrant & { directorateId: string; recipientOrganisationId: string; newId: string };
/** `createdIds`: the awards the batch created (their grants' newId). */
export type UpsertOutcome = { created: number; updated: number; unchanged: number; createdIds: Set<string> };

/**
 * The awards an import has created or changed, noted by the upsert as it writes them: the award
 * hooks run over them once the whole file is written (ImportBatchWriter.runAwardHooks), not per batch.
 * A temporary table of the import's transaction, gone when it ends.
 */
export const WRITTEN_AWARDS = 'pg_temp.import_written_awards';

/** Creates WRITTEN_AWARDS for the import's transaction. */
export async function createWrittenAwards(m: EntityManager): Promise<void> {
  await m.query(`CREATE TEMPORARY TABLE import_written_awards (award_id uuid NOT NULL, recipient_id uuid NOT NULL, inserted boolean NOT NULL) ON COMMIT DROP`);
}

/** An award's imported fields as the audit trail shows them (money in pounds, as the API does). */
const auditJson = (x: string) => `jsonb_build_object(
  'id', ${x}.id, 'externalId', ${x}.external_id, 'kind', ${x}.kind, 'status', ${x}.status, 'title', ${x}.title, 'description', ${x}.description,
  'directorateId', ${x}.directorate_id, 'recipientOrganisationId', ${x}.recipient_organisation_id, 'programme', ${x}.programme,
  'amountAwarded', (${x}.amount_awarded_pence::numeric / 100)::numeric(20, 2)::text, 'currency', ${x}.currency, 'awardDate', ${x}.award_date,
  'plannedStartDate', ${x}.planned_start_date, 'plannedEndDate', ${x}.planned_end_date, 'version', ${x}.version)`;

const FIELDS = ['title', 'description', 'directorate_id', 'recipient_organisation_id', 'programme', 'amount_awarded_pence', 'currency', 'award_date', 'planned_start_date', 'planned_end_date'];
const SELECTED = `a.id, a.external_id, a.kind, a.status, ${FIELDS.map((f) => `a.${f}`).join(', ')}, a.version`;

/**
 * One statement per batch: a multi-row INSERT … ON CONFLICT (external_id) DO UPDATE that changes an
 * award only when the file differs from it (its version goes up by one then), plus one audit entry
 * per changed award with its before and after. An award the file leaves as it is keeps its version
 * and gets no audit entry. Re-imported awards keep their kind and status (a published grant stays
 * published).
 *
 * Awards the import creates get no entry each: the import's own audit entry (who, when, which file,
 * how many created) records them. Measured on 2,500-row batches, an entry per created award made
 * this statement 60-100 % slower, and it is most of an import's database time.
 */
const UPSERT = `
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::bigint[], $8::text[], $9::date[], $10::date[], $11::date[], $15::uuid[])
    AS t(external_id, ${FIELDS.join(', ')}, new_id)
), before AS (
  SELECT ${SELECTED} FROM awards a WHERE a.external_id = ANY($1::text[])
), written AS (
  INSERT INTO awards AS a (id, external_id, kind, status, ${FIELDS.join(', ')})
  SELECT new_id, external_id, 'grant', 'awarded', ${FIELDS.join(', ')} FROM input
  ON CONFLICT (external_id) DO UPDATE SET ${FIELDS.map((f) => `${f} = EXCLUDED.${f}`).join(', ')}, version = a.version + 1, updated_at = now()
  WHERE (${FIELDS.map((f) => `a.${f}`).join(', ')}) IS DISTINCT FROM (${FIELDS.map((f) => `EXCLUDED.${f}`).join(', ')})
  RETURNING ${SELECTED}, (a.xmax = 0) AS inserted
), audited AS (
  INSERT INTO audit_log (actor_id, actor_email, action, entity, entity_id, before, after)
  SELECT $12::uuid, $13, 'update', 'award', w.id::text, ${auditJson('b')}, ${auditJson('w')} || jsonb_build_object('source', 'import', 'importId', $14::text)
    FROM written w JOIN before b ON b.id = w.id
   WHERE NOT w.inserted
), noted AS (
  INSERT INTO ${WRITTEN_AWARDS} (award_id, recipient_id, inserted)
  SELECT id, recipient_organisation_id, inserted FROM written
)
SELECT count(*) FILTER (WHERE inserted)::int AS created, count(*) FILTER (WHERE NOT inserted)::int AS updated,
       coalesce(array_agg(id::text) FILTER (WHERE inserted), '{}') AS created_ids
  FROM written`;

/** Writes a batch of placed grants as awards (external id = the grant's id, kind grant, status awarded), noting them in WRITTEN_AWARDS. */
export async function upsertAwards(m: EntityManager, grants: PlacedGrant[], actor: ImportActor, importId: string): Promise<UpsertOutcome> {
  const audit = auditActorOf(actor);
  const col = <T>(f: (p: PlacedGrant) => T) => grants.map(f);
  const rows = (await m.query(UPSERT, [
    col((p) => p.grant.externalId),
    col((p) => p.grant.title),
    col((p) => p.grant.description),
    col((p) => p.directorateId),
    col((p) => p.recipientOrganisationId),
    col((p) => p.grant.programme),
    col((p) => p.grant.amountAwardedPence.toString()),
    col((p) => p.grant.currency),
    col((p) => p.grant.awardDate),
    col((p) => p.grant.plannedStartDate),
    col((p) => p.grant.plannedEndDate),
    audit?.id ?? null,
    audit?.email ?? 'system',
    importId,
    col((p) => p.newId),
  ])) as { created: number; updated: number; created_ids: string[] }[];
  const { created, updated, created_ids } = rows[0];
  return { created, updated, unchanged: grants.length - created - updated, createdIds: new Set(created_ids) };
}
