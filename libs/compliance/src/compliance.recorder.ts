import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Finding, FindingStatus } from './catalogue.js';
import type { OverallStatus, SubjectType } from './compliance.entities.js';
import { loadAwards, loadConsultations, type LoadedSubject, type PageRange, type StoredCounted } from './compliance-subjects.reader.js';
import { CountsDelta, StatusTally } from './counts-delta.js';
import { findingsHash } from './findings-hash.js';
import { JoinedText } from './joined-text.js';
import { CompactProfileStore, type CurrentProfile } from './compact-profile.store.js';
import { checkAward, checkConsultation } from './rules.js';
import type { ComplianceAward } from './types.js';

/** checked: subjects read; written: findings rows that changed; statusChanged: subjects whose overall status changed. */
export type RecheckOutcome = { checked: number; written: number; statusChanged: number };
/** A re-check batch's outcome and the change it makes to compliance_counts, for the job to apply once committed (applyCounts). */
export type BatchOutcome = RecheckOutcome & { counts: StatusTally };

/**
 * Keeps writers and re-check batches apart without locking a million rows: every write's hook
 * holds all of these advisory locks shared (writers never wait for each other), a re-check batch
 * holds one of them exclusively for its own short transaction (so batches of parallel pipelines
 * do not wait for each other). A batch therefore never overwrites findings that a concurrent write
 * has just stored, and a writer's delta always starts from the row the batch left.
 */
export const COMPLIANCE_LOCK = 0x636f6d706c69; // "compli"
export const RECHECK_PIPELINES = 3;

/** The fields of a StoredFinding, in their stored order (JSON.stringify's property list). */
const STORED_FINDING_KEYS = ['rule', 'status', 'message'];
/** Between the rows of a column sent as one text (see record). */
const RECORD_SEPARATOR = '\u001e';

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
    return this.recordAndCount(m, loaded, (a) => checkAward(a, current.profile), current.version);
  }

  /**
   * Awards a bulk writer (an import) has just created, checked from what it holds rather than read
   * back: new awards have no payments and no stored findings. Stores their findings (compliance_results,
   * from which Award.complianceStatus is read) in the caller's transaction; the award hooks' compliance
   * check is then not needed for them (AwardHooks.run's `skip`). Their counts go into `tally`, which
   * the writer applies once, with applyTally, before it commits: one long transaction that updated the
   * same count rows for every batch left each row a chain of versions that every later batch walked.
   */
  async checkNewAwards(m: EntityManager, awards: { id: string; subject: ComplianceAward }[], tally: StatusTally): Promise<RecheckOutcome> {
    if (awards.length === 0) return { checked: 0, written: 0, statusChanged: 0 };
    await lockAsWriter(m);
    const current = await this.profiles.current(m);
    const fresh: LoadedSubject<ComplianceAward>[] = awards.map((a) => ({
      type: 'award', id: a.id, directorateId: a.subject.directorateId ?? '', programme: a.subject.programme ?? '', subject: a.subject,
      rowStatus: null, old: null, oldFindingsHash: null,
    }));
    const { counts, ...outcome } = await this.record(m, fresh, (a) => checkAward(a, current.profile), current.version, false);
    tally.merge(counts);
    return outcome;
  }

  /** Applies a bulk writer's tally (checkNewAwards) to the counts, in its transaction. */
  async applyTally(m: EntityManager, tally: StatusTally): Promise<void> {
    await lockAsWriter(m);
    await applyCounts(m, tally.drain());
  }

  /** After a consultation write, in its transaction. */
  async checkConsultations(m: EntityManager, ids: string[]): Promise<RecheckOutcome> {
    await lockAsWriter(m);
    const current = await this.profiles.current(m);
    const loaded = await loadConsultations(m, { ids });
    return this.recordAndCount(m, loaded, (c) => checkConsultation(c, current.profile), current.version);
  }

  /**
   * One re-check batch of pipeline `pipeline`: the awards on heap pages [fromPage, toPage), in a transaction of its own.
   * The counts are not touched: the batch's delta is returned for the job to apply with others after the commit
   * (an upsert of the few thousand count rows per batch cost more than its findings).
   */
  async recheckAwardPages(m: EntityManager, pipeline: number, pages: PageRange, current: CurrentProfile): Promise<BatchOutcome> {
    await startBatch(m, pipeline);
    const loaded = await loadAwards(m, pages);
    return this.record(m, loaded, (a) => checkAward(a, current.profile), current.version, true);
  }

  async recheckConsultationPages(m: EntityManager, pipeline: number, pages: PageRange, current: CurrentProfile): Promise<BatchOutcome> {
    await startBatch(m, pipeline);
    const loaded = await loadConsultations(m, pages);
    return this.record(m, loaded, (c) => checkConsultation(c, current.profile), current.version, true);
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

  /** A write's hook: the findings and their counts in the write's transaction. */
  private async recordAndCount<T>(m: EntityManager, loaded: LoadedSubject<T>[], check: (subject: T) => Finding[], profileVersion: number): Promise<RecheckOutcome> {
    const { counts, ...outcome } = await this.record(m, loaded, check, profileVersion, false);
    await applyCounts(m, counts.drain());
    return outcome;
  }

  /**
   * Checks the subjects (one at a time, so that only what is written outlives the loop) and stores the
   * findings that changed; returns the change to the counts.
   */
  private async record<T>(m: EntityManager, loaded: LoadedSubject<T>[], check: (subject: T) => Finding[], profileVersion: number, batch: boolean): Promise<BatchOutcome> {
    const tally = new StatusTally();
    if (loaded.length === 0) return { checked: 0, written: 0, statusChanged: 0, counts: tally };
    const type = loaded[0].type;
    // The rows to write, column by column. Uuids, numbers, statuses and findings are joined into one text
    // each (UTF-8 outside the JS heap, see JoinedText) and split by string_to_array: no quoting to add in JS
    // or to take off in the database (parsing the rows as a JSON document cost the database as much as storing them). The findings and the statuses are
    // JSON, which escapes every control character, so the record separator U+001E never occurs inside them.
    // Programmes are free text: an array parameter.
    const w = {
      ids: new JoinedText(','), directorates: new JoinedText(','), programmes: [] as string[], statuses: new JoinedText(','), fails: [] as number[], warns: [] as number[],
      ruleStatuses: new JoinedText(RECORD_SEPARATOR), hashes: [] as number[], findings: new JoinedText(RECORD_SEPARATOR, 1 << 20),
    };
    const changed: { id: string[]; status: string[] } = { id: [], status: [] };
    // The stored statuses of the rows replaced, parsed once per distinct text (a few hundred).
    const oldStatuses = new Map<string, Record<string, FindingStatus>>();
    for (const c of loaded) {
      const findings = check(c.subject);
      let fails = 0;
      let warns = 0;
      for (let i = 0; i < findings.length; i++) {
        const s = findings[i].status;
        if (s === 'fail') fails++;
        else if (s === 'warn') warns++;
      }
      const status: OverallStatus = fails > 0 ? 'fail' : warns > 0 ? 'warn' : 'pass'; // worstStatus
      if (c.rowStatus !== status) {
        changed.id.push(c.id);
        changed.status.push(status);
      }
      const hash = findingsHash(findings);
      // Unchanged findings in the same group: nothing to write (most rows of a re-check after a small profile change).
      if (c.old && c.old.directorateId === c.directorateId && c.old.programme === c.programme && c.oldFindingsHash === hash) continue;
      // {"FCR-1":"warn",…} in rule order (rule ids and statuses are plain ASCII words).
      let statuses = '{';
      for (let i = 0; i < findings.length; i++) statuses += `${i === 0 ? '' : ','}"${findings[i].rule}":"${findings[i].status}"`;
      statuses += '}';
      if (c.old) {
        let was = oldStatuses.get(c.old.statuses);
        if (!was) oldStatuses.set(c.old.statuses, (was = JSON.parse(c.old.statuses) as Record<string, FindingStatus>));
        tally.statuses(type, c.old.directorateId, c.old.programme, c.old.status, was, -1);
      }
      tally.findings(type, c.directorateId, c.programme, status, findings, 1);
      w.ids.add(c.id);
      w.directorates.add(c.directorateId);
      w.programmes.push(c.programme);
      w.statuses.add(status);
      w.fails.push(fails);
      w.warns.push(warns);
      w.ruleStatuses.add(statuses);
      w.hashes.push(hash);
      // StoredFinding[] (the source wording is added when read).
      w.findings.add(JSON.stringify(findings, STORED_FINDING_KEYS));
    }
    if (w.ids.size > 0) {
      await m.query(
        `WITH x AS (
           SELECT * FROM unnest(string_to_array($3, ',')::uuid[], string_to_array($4, ',')::uuid[], $5::text[], string_to_array($6, ','),
                                string_to_array($7, ',')::smallint[], string_to_array($8, ',')::smallint[], string_to_array($9, E'\\x1e')::jsonb[],
                                string_to_array($10, ',')::bigint[], string_to_array($11, E'\\x1e')) AS x(id, d, p, s, f, w, st, h, fi)),
         results AS (
           INSERT INTO compliance_results (subject_type, subject_id, directorate_id, programme, status, fail_count, warn_count, statuses, findings_hash, profile_version, checked_at)
           SELECT $1, x.id, x.d, x.p, x.s, x.f, x.w, x.st, x.h, $2, now() FROM x
           ON CONFLICT (subject_type, subject_id) DO UPDATE SET
             directorate_id = EXCLUDED.directorate_id, programme = EXCLUDED.programme, status = EXCLUDED.status, fail_count = EXCLUDED.fail_count,
             warn_count = EXCLUDED.warn_count, statuses = EXCLUDED.statuses, findings_hash = EXCLUDED.findings_hash,
             profile_version = EXCLUDED.profile_version, checked_at = EXCLUDED.checked_at)
         INSERT INTO compliance_findings (subject_type, subject_id, findings)
         SELECT $1, x.id, x.fi FROM x
         ON CONFLICT (subject_type, subject_id) DO UPDATE SET findings = EXCLUDED.findings`,
        [
          type, profileVersion, w.ids.bytes(), w.directorates.bytes(), w.programmes, w.statuses.bytes(), w.fails.join(','), w.warns.join(','),
          w.ruleStatuses.bytes(), w.hashes.join(','), w.findings.bytes(),
        ],
      );
    }
    // A consultation's status is also kept on its own row (an award's is read from compliance_results).
    if (type === 'consultation' && changed.id.length > 0) {
      // A batch skips rows a writer has locked (waiting for the advisory lock): its hook sets them next.
      const skipLocked = batch ? ` AND t.id IN (SELECT id FROM consultations WHERE id = ANY($1::uuid[]) FOR NO KEY UPDATE SKIP LOCKED)` : '';
      await m.query(
        `UPDATE consultations t SET compliance_status = x.status FROM unnest($1::uuid[], $2::text[]) AS x(id, status) WHERE t.id = x.id${skipLocked}`,
        [changed.id, changed.status],
      );
    }
    return { checked: loaded.length, written: w.ids.size, statusChanged: changed.id.length, counts: tally };
  }
}

/** One upsert of every changed count, in key order (so concurrent writers lock rows in the same order). */
export async function applyCounts(m: EntityManager, delta: CountsDelta): Promise<void> {
  const changes = delta.drain();
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
  await m.query(`SELECT pg_advisory_xact_lock($1::bigint + $2), set_config('synchronous_commit', 'off', true)`, [COMPLIANCE_LOCK, pipeline % RECHECK_PIPELINES]);
}
