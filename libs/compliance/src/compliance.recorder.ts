import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Finding, FindingStatus } from './catalogue.js';
import type { OverallStatus, SubjectType } from './compliance.entities.js';
import { loadAwards, loadConsultations, type LoadedSubject, type PageRange } from './compliance-subjects.reader.js';
import { CountsDelta } from './counts-delta.js';
import { findingsHash } from './findings-hash.js';
import { CompactProfileStore, type CurrentProfile } from './compact-profile.store.js';
import { checkAward, checkConsultation, worstStatus } from './rules.js';
import type { ComplianceAward } from './types.js';

/** checked: subjects read; written: findings rows that changed; statusChanged: subjects whose overall status changed. */
export type RecheckOutcome = { checked: number; written: number; statusChanged: number };

const SUBJECT_TABLE: Record<SubjectType, string> = { award: 'awards', consultation: 'consultations' };

/**
 * Keeps writers and re-check batches apart without locking a million rows: every write's hook
 * holds all of these advisory locks shared (writers never wait for each other), a re-check batch
 * holds one of them exclusively for its own short transaction (so batches of parallel pipelines
 * do not wait for each other). A batch therefore never overwrites findings that a concurrent write
 * has just stored, and a writer's delta always starts from the row the batch left.
 */
export const COMPLIANCE_LOCK = 0x636f6d706c69; // "compli"
export const RECHECK_PIPELINES = 2;

async function lockAsWriter(m: EntityManager): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock_shared($1::bigint + g) FROM generate_series(0, $2 - 1) g`, [COMPLIANCE_LOCK, RECHECK_PIPELINES]);
}

/** Waits for every writer and batch in flight and keeps new ones out until the transaction ends (a profile change, a counts rebuild). */
export async function lockOutWriters(m: EntityManager): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock($1::bigint + g) FROM generate_series(0, $2 - 1) g`, [COMPLIANCE_LOCK, RECHECK_PIPELINES]);
}

/**
 * Checks awards and consultations and stores what it finds, inside the caller's transaction:
 * the findings (compliance_results and compliance_findings), the subject's denormalised status, and the counts by delta
 * (old row out, new row in). Multi-row statements throughout, so a batch of thousands is a handful
 * of round trips; rows whose findings have not changed are not rewritten.
 */
@Injectable()
export class ComplianceRecorder {
  constructor(private readonly profiles: CompactProfileStore) {}

  /** After an award write, in its transaction: the profile is read after the lock, so never one a running re-check has replaced. */
  async checkAwards(m: EntityManager, ids: string[]): Promise<RecheckOutcome> {
    await lockAsWriter(m);
    const current = await this.profiles.current(m);
    const loaded = await loadAwards(m, { ids });
    return this.record(m, loaded.map((l) => ({ ...l, findings: checkAward(l.subject, current.profile) })), current.version, false);
  }

  /**
   * Awards a bulk writer (an import) is about to create, checked from what it holds rather than read
   * back: new awards have no payments and no stored findings. Stores their findings and counts and
   * returns each one's overall status, which the caller MUST write on the award row it creates in the
   * same transaction (awards.compliance_status); the award hooks' compliance check is then not needed
   * for them (AwardHooks.run's `skip`).
   */
  async checkNewAwards(m: EntityManager, awards: { id: string; subject: ComplianceAward }[]): Promise<OverallStatus[]> {
    if (awards.length === 0) return [];
    await lockAsWriter(m);
    const current = await this.profiles.current(m);
    const checked = awards.map((a) => {
      const findings = checkAward(a.subject, current.profile);
      const subject: LoadedSubject<ComplianceAward> & { findings: Finding[] } = {
        type: 'award', id: a.id, directorateId: a.subject.directorateId ?? '', programme: a.subject.programme ?? '', subject: a.subject,
        rowStatus: worstStatus(findings), old: null, oldFindingsHash: null, findings,
      };
      return subject;
    });
    await this.record(m, checked, current.version, false);
    return checked.map((c) => c.rowStatus!);
  }

  /** After a consultation write, in its transaction. */
  async checkConsultations(m: EntityManager, ids: string[]): Promise<RecheckOutcome> {
    await lockAsWriter(m);
    const current = await this.profiles.current(m);
    const loaded = await loadConsultations(m, { ids });
    return this.record(m, loaded.map((l) => ({ ...l, findings: checkConsultation(l.subject, current.profile) })), current.version, false);
  }

  /** One re-check batch of pipeline `pipeline`: the awards on heap pages [fromPage, toPage), in a transaction of its own. */
  async recheckAwardPages(m: EntityManager, pipeline: number, pages: PageRange, current: CurrentProfile): Promise<RecheckOutcome> {
    await startBatch(m, pipeline);
    const loaded = await loadAwards(m, pages);
    return this.record(m, loaded.map((l) => ({ ...l, findings: checkAward(l.subject, current.profile) })), current.version, true);
  }

  async recheckConsultationPages(m: EntityManager, pipeline: number, pages: PageRange, current: CurrentProfile): Promise<RecheckOutcome> {
    await startBatch(m, pipeline);
    const loaded = await loadConsultations(m, pages);
    return this.record(m, loaded.map((l) => ({ ...l, findings: checkConsultation(l.subject, current.profile) })), current.version, true);
  }

  /** Before a subject is deleted: its findings leave the counts and the table. */
  async forget(m: EntityManager, type: SubjectType, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await lockAsWriter(m);
    const gone: { directorate_id: string; programme: string; status: OverallStatus; statuses: string }[] = await m.query(
      // As a CTE so that the statement is a SELECT: TypeORM returns [rows, count] for a bare DELETE … RETURNING.
      `WITH gone AS (DELETE FROM compliance_results WHERE subject_type = $1 AND subject_id = ANY($2::uuid[])
                     RETURNING directorate_id::text AS directorate_id, programme, status, statuses::text AS statuses),
            findings AS (DELETE FROM compliance_findings WHERE subject_type = $1 AND subject_id = ANY($2::uuid[]))
       SELECT * FROM gone`,
      [type, ids],
    );
    const delta = new CountsDelta();
    for (const g of gone) delta.remove({ type, directorateId: g.directorate_id, programme: g.programme, status: g.status, statuses: JSON.parse(g.statuses) });
    await applyCounts(m, delta);
  }

  private async record(m: EntityManager, checked: (LoadedSubject<unknown> & { findings: Finding[] })[], profileVersion: number, batch: boolean): Promise<RecheckOutcome> {
    if (checked.length === 0) return { checked: 0, written: 0, statusChanged: 0 };
    const type = checked[0].type;
    const delta = new CountsDelta();
    // The rows to write as one JSON document (json_to_recordset), built from each row's own JSON so
    // that nothing is escaped twice; the stored findings are the exact "fi" text (a json value keeps its text).
    const rows: string[] = [];
    const changed: { id: string[]; status: string[] } = { id: [], status: [] };
    for (const c of checked) {
      const status = worstStatus(c.findings);
      if (c.rowStatus !== status) {
        changed.id.push(c.id);
        changed.status.push(status);
      }
      const hash = findingsHash(c.findings);
      // Unchanged findings in the same group: nothing to write (most rows of a re-check after a small profile change).
      if (c.old && c.old.directorateId === c.directorateId && c.old.programme === c.programme && c.oldFindingsHash === hash) continue;
      const statuses: Record<string, FindingStatus> = {};
      let fails = 0;
      let warns = 0;
      let findings = '';
      for (const f of c.findings) {
        statuses[f.rule] = f.status;
        if (f.status === 'fail') fails++;
        else if (f.status === 'warn') warns++;
        // StoredFinding as JSON: rule ids and statuses are plain ASCII words, the message is escaped.
        findings += `${findings ? ',' : '['}{"rule":"${f.rule}","status":"${f.status}","message":${JSON.stringify(f.message)}}`;
      }
      findings += findings ? ']' : '[]';
      delta.remove(c.old && { ...c.old, statuses: JSON.parse(c.old.statuses) }).insert({ type, directorateId: c.directorateId, programme: c.programme, status, statuses });
      rows.push(`{"id":"${c.id}","d":"${c.directorateId}","p":${JSON.stringify(c.programme)},"s":"${status}","f":${fails},"w":${warns},"st":${JSON.stringify(statuses)},"h":${hash},"fi":${findings}}`);
    }
    if (rows.length > 0) {
      await m.query(
        `WITH x AS (SELECT * FROM json_to_recordset($3::json) AS x(id uuid, d uuid, p text, s text, f int, w int, st jsonb, h bigint, fi json)),
         results AS (
           INSERT INTO compliance_results (subject_type, subject_id, directorate_id, programme, status, fail_count, warn_count, statuses, findings_hash, profile_version, checked_at)
           SELECT $1, x.id, x.d, x.p, x.s, x.f, x.w, x.st, x.h, $2, now() FROM x
           ON CONFLICT (subject_type, subject_id) DO UPDATE SET
             directorate_id = EXCLUDED.directorate_id, programme = EXCLUDED.programme, status = EXCLUDED.status, fail_count = EXCLUDED.fail_count,
             warn_count = EXCLUDED.warn_count, statuses = EXCLUDED.statuses, findings_hash = EXCLUDED.findings_hash,
             profile_version = EXCLUDED.profile_version, checked_at = EXCLUDED.checked_at)
         INSERT INTO compliance_findings (subject_type, subject_id, findings)
         SELECT $1, x.id, x.fi::text FROM x
         ON CONFLICT (subject_type, subject_id) DO UPDATE SET findings = EXCLUDED.findings`,
        [type, profileVersion, `[${rows.join(',')}]`],
      );
    }
    if (changed.id.length > 0) {
      // A batch skips rows a writer has locked (waiting for the advisory lock): its hook sets them next.
      const skipLocked = batch ? ` AND t.id IN (SELECT id FROM ${SUBJECT_TABLE[type]} WHERE id = ANY($1::uuid[]) FOR NO KEY UPDATE SKIP LOCKED)` : '';
      await m.query(
        `UPDATE ${SUBJECT_TABLE[type]} t SET compliance_status = x.status FROM unnest($1::uuid[], $2::text[]) AS x(id, status) WHERE t.id = x.id${skipLocked}`,
        [changed.id, changed.status],
      );
    }
    await applyCounts(m, delta);
    return { checked: checked.length, written: rows.length, statusChanged: changed.id.length };
  }
}

/** One upsert of every changed count, in key order (so concurrent writers lock rows in the same order). */
async function applyCounts(m: EntityManager, delta: CountsDelta): Promise<void> {
  const changes = delta.changes();
  if (changes.length === 0) return;
  await m.query(
    `INSERT INTO compliance_counts (subject_type, directorate_id, programme, rule, status, n)
     SELECT x.type, x.dir, x.prog, x.rule, x.status, x.n
       FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::bigint[]) WITH ORDINALITY AS x(type, dir, prog, rule, status, n, i)
      ORDER BY x.i
     ON CONFLICT (subject_type, directorate_id, programme, rule, status) DO UPDATE SET n = compliance_counts.n + EXCLUDED.n`,
    [changes.map((c) => c.type), changes.map((c) => c.directorateId), changes.map((c) => c.programme), changes.map((c) => c.rule), changes.map((c) => c.status), changes.map((c) => String(c.n))],
  );
}

/** Rebuilds the counts from the stored findings (the re-check job's last step, and a repair). */
export async function rebuildCounts(m: EntityManager): Promise<void> {
  await lockOutWriters(m);
  // Group whole status sets first (a few hundred distinct ones), as text so that they hash, in memory.
  await m.query(`SET LOCAL work_mem = '64MB'`);
  await m.query(`DELETE FROM compliance_counts`);
  await m.query(
    `INSERT INTO compliance_counts (subject_type, directorate_id, programme, rule, status, n)
     SELECT g.subject_type, g.directorate_id, g.programme, s.key, s.value, sum(g.n)
       FROM (SELECT subject_type, directorate_id, programme, status, statuses::text AS statuses, count(*) AS n
               FROM compliance_results GROUP BY 1, 2, 3, 4, 5) g
      CROSS JOIN LATERAL jsonb_each_text(g.statuses::jsonb || jsonb_build_object('*', g.status)) s
      GROUP BY 1, 2, 3, 4, 5`,
  );
}

/**
 * A batch holds the lock exclusively (writers wait at most one batch). Its commit need not wait for
 * the disk: the findings are derived data, and a crash mid-job leaves the job to run again.
 */
async function startBatch(m: EntityManager, pipeline: number): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock($1::bigint + $2)`, [COMPLIANCE_LOCK, pipeline % RECHECK_PIPELINES]);
  await m.query(`SET LOCAL synchronous_commit = off`);
}
