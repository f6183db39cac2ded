/**
 * Loads awards and consultations as the rules read them, with what the counts hold of each (its
 * stored findings row). The write hook reads by id inside the write's transaction; the re-check job
 * reads heap pages in physical order (a TID range scan: sequential reads, where keyset pages of
 * random uuids touched a different page for nearly every row). No row locks: writers and batches
 * are kept apart by the compliance advisory lock (see compliance.recorder.ts).
 */
import type { EntityManager } from 'typeorm';
import type { FindingStatus } from './catalogue.js';
import type { OverallStatus, SubjectType } from './compliance.entities.js';
import type { CountedSubject } from './counts-delta.js';
import type { ComplianceAward, ComplianceConsultation, CompliancePayment, ReportingFrequency } from './types.js';

/** A subject loaded for checking: where it is counted now (old) and where it will be (its group). */
export type LoadedSubject<T> = {
  type: SubjectType;
  id: string;
  directorateId: string;
  programme: string;
  subject: T;
  /** The status on the subject's own row (awards.compliance_status / consultations.compliance_status). */
  rowStatus: OverallStatus | null;
  old: StoredCounted | null;
  /** findingsHash of the stored findings, to skip rewriting a row whose findings are unchanged. */
  oldFindingsHash: number | null;
};

/** Which rows: these ids, or the rows on heap pages [fromPage, toPage) of the table. */
export type PageRange = { fromPage: number; toPage: number };
export type Selection = { ids: string[] } | PageRange;

const OLD_COLUMNS = `r.directorate_id::text AS old_directorate_id, r.programme AS old_programme, r.status AS old_status, r.statuses::text AS old_statuses, r.findings_hash::text AS old_findings_hash`;

function where(alias: string, sel: Selection): { sql: string; params: unknown[] } {
  return 'ids' in sel
    ? { sql: `${alias}.id = ANY($1::uuid[])`, params: [sel.ids] }
    : { sql: `${alias}.ctid >= $1::tid AND ${alias}.ctid < $2::tid`, params: [`(${sel.fromPage},0)`, `(${sel.toPage},0)`] };
}

/** How many heap pages a table has now (the re-check job splits them into batches). */
export async function heapPages(m: EntityManager, table: 'awards' | 'consultations'): Promise<number> {
  const [{ pages }] = await m.query(`SELECT (pg_relation_size($1::regclass) / current_setting('block_size')::int)::int AS pages`, [table]);
  return pages;
}

type OldRow = { old_directorate_id: string | null; old_programme: string | null; old_status: OverallStatus | null; old_statuses: string | null; old_findings_hash: string | null };

/** The stored row as the counts hold it; its statuses stay JSON text until a change needs them. */
export type StoredCounted = Omit<CountedSubject, 'statuses'> & { statuses: string };

function oldOf(type: SubjectType, r: OldRow): StoredCounted | null {
  if (r.old_directorate_id === null) return null;
  return { type, directorateId: r.old_directorate_id, programme: r.old_programme ?? '', status: r.old_status!, statuses: r.old_statuses ?? '{}' };
}

const big = (v: string | null) => (v === null ? null : BigInt(v));

type AwardRow = OldRow & {
  id: string; kind: ComplianceAward['kind']; status: ComplianceAward['status']; title: string; description: string | null;
  programme: string | null; directorate_id: string; amount: string; award_date: string | null; start: string | null; end: string | null;
  direct: string | null; overhead: string | null; overhead_funded: string | null; reporting_frequency: ReportingFrequency | null;
  notice: string | null; effective: string | null; ending_reason: string | null;
  j_arrears: string | null; j_single_year: string | null; j_monitoring: string | null; compliance_status: OverallStatus | null;
  r_name: string | null; r_type: string | null; r_charity: string | null; r_company: string | null;
};

/** Awards with their recipient and payments. */
export async function loadAwards(m: EntityManager, sel: Selection): Promise<LoadedSubject<ComplianceAward>[]> {
  const w = where('a', sel);
  const rows: AwardRow[] = await m.query(
    `SELECT a.id::text AS id, a.kind, a.status, a.title, a.description, a.programme, a.directorate_id::text AS directorate_id,
            a.amount_awarded_pence::text AS amount, a.award_date::text AS award_date,
            a.planned_start_date::text AS start, a.planned_end_date::text AS end,
            a.direct_cost_pence::text AS direct, a.overhead_cost_pence::text AS overhead, a.overhead_funded_pence::text AS overhead_funded,
            a.reporting_frequency, a.ending_notice_date::text AS notice, a.ending_effective_date::text AS effective, a.ending_reason,
            a.justification_arrears_payment AS j_arrears, a.justification_single_year AS j_single_year, a.justification_monitoring AS j_monitoring,
            a.compliance_status, o.name AS r_name, o.type AS r_type, o.charity_number AS r_charity, o.company_number AS r_company,
            ${OLD_COLUMNS}
       FROM awards a
       LEFT JOIN organisations o ON o.id = a.recipient_organisation_id
       LEFT JOIN compliance_results r ON r.subject_type = 'award' AND r.subject_id = a.id
      WHERE ${w.sql}`,
    w.params,
  );
  if (rows.length === 0) return [];
  const payments = await loadPayments(m, rows.map((r) => r.id));
  return rows.map((r) => ({
    type: 'award',
    id: r.id,
    directorateId: r.directorate_id,
    programme: r.programme ?? '',
    rowStatus: r.compliance_status,
    old: oldOf('award', r),
    oldFindingsHash: r.old_findings_hash === null ? null : Number(r.old_findings_hash),
    subject: {
      kind: r.kind,
      status: r.status,
      title: r.title,
      description: r.description,
      programme: r.programme,
      directorateId: r.directorate_id,
      amountAwardedPence: BigInt(r.amount),
      awardDate: r.award_date,
      plannedStartDate: r.start,
      plannedEndDate: r.end,
      recipient: r.r_name === null ? null : { name: r.r_name, type: r.r_type, charityNumber: r.r_charity, companyNumber: r.r_company },
      payments: payments.get(r.id) ?? [],
      costs: { directCostPence: big(r.direct), overheadCostPence: big(r.overhead), overheadFundedPence: big(r.overhead_funded) },
      reportingFrequency: r.reporting_frequency,
      ending: r.notice === null && r.effective === null && r.ending_reason === null ? null : { noticeDate: r.notice, effectiveDate: r.effective, reason: r.ending_reason },
      justifications: { arrearsPayment: r.j_arrears, singleYear: r.j_single_year, monitoring: r.j_monitoring },
    },
  }));
}

async function loadPayments(m: EntityManager, awardIds: string[]): Promise<Map<string, CompliancePayment[]>> {
  const rows: { award_id: string; due: string; amount: string; paid: string | null }[] = await m.query(
    `SELECT award_id::text AS award_id, due_date::text AS due, amount_pence::text AS amount, paid_date::text AS paid
       FROM award_payments WHERE award_id = ANY($1::uuid[]) ORDER BY position`,
    [awardIds],
  );
  const byAward = new Map<string, CompliancePayment[]>();
  for (const p of rows) {
    const list = byAward.get(p.award_id) ?? [];
    list.push({ dueDate: p.due, amountPence: BigInt(p.amount), paidDate: p.paid });
    byAward.set(p.award_id, list);
  }
  return byAward;
}

type ConsultationRow = OldRow & { id: string; directorate_id: string; title: string; start: string; end: string; rationale: string | null; compliance_status: OverallStatus | null };

export async function loadConsultations(m: EntityManager, sel: Selection): Promise<LoadedSubject<ComplianceConsultation>[]> {
  const w = where('c', sel);
  const rows: ConsultationRow[] = await m.query(
    `SELECT c.id::text AS id, c.directorate_id::text AS directorate_id, c.title, c.start_date::text AS start, c.end_date::text AS end,
            c.rationale, c.compliance_status, ${OLD_COLUMNS}
       FROM consultations c
       LEFT JOIN compliance_results r ON r.subject_type = 'consultation' AND r.subject_id = c.id
      WHERE ${w.sql}`,
    w.params,
  );
  return rows.map((r) => ({
    type: 'consultation',
    id: r.id,
    directorateId: r.directorate_id,
    programme: '',
    rowStatus: r.compliance_status,
    old: oldOf('consultation', r),
    oldFindingsHash: r.old_findings_hash === null ? null : Number(r.old_findings_hash),
    subject: { title: r.title, startDate: r.start, endDate: r.end, rationale: r.rationale },
  }));
}
