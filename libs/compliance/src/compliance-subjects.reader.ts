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
  /** The overall status as stored now: consultations.compliance_status, an award's stored findings row (null: never checked). */
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
  j_arrears: string | null; j_single_year: string | null; j_monitoring: string | null;
  r_name: string | null; r_type: string | null; r_charity: string | null; r_company: string | null;
  /** The payments in position order as "due amount[ paid]" joined by commas (null: none); see paymentsOf. */
  payments: string | null;
};

/**
 * Awards with their recipient, payments and stored findings row, in one query. The joins are LATERAL
 * subqueries (one index probe each per award) so that the plan never hashes every organisation or
 * every stored finding for a batch of a few thousand awards, whatever the table statistics say.
 */
export async function loadAwards(m: EntityManager, sel: Selection): Promise<LoadedSubject<ComplianceAward>[]> {
  const w = where('a', sel);
  const rows: AwardRow[] = await m.query(
    `SELECT a.id::text AS id, a.kind, a.status, a.title, a.description, a.programme, a.directorate_id::text AS directorate_id,
            a.amount_awarded_pence::text AS amount, a.award_date::text AS award_date,
            a.planned_start_date::text AS start, a.planned_end_date::text AS end,
            a.direct_cost_pence::text AS direct, a.overhead_cost_pence::text AS overhead, a.overhead_funded_pence::text AS overhead_funded,
            a.reporting_frequency, a.ending_notice_date::text AS notice, a.ending_effective_date::text AS effective, a.ending_reason,
            a.justification_arrears_payment AS j_arrears, a.justification_single_year AS j_single_year, a.justification_monitoring AS j_monitoring,
            o.name AS r_name, o.type AS r_type, o.charity_number AS r_charity, o.company_number AS r_company,
            ${OLD_COLUMNS}, p.payments
       FROM awards a
       LEFT JOIN LATERAL (SELECT o.name, o.type, o.charity_number, o.company_number FROM organisations o WHERE o.id = a.recipient_organisation_id LIMIT 1) o ON true
       LEFT JOIN LATERAL (SELECT * FROM compliance_results r WHERE r.subject_type = 'award' AND r.subject_id = a.id LIMIT 1) r ON true
       CROSS JOIN LATERAL (SELECT string_agg(concat_ws(' ', p.due_date::text, p.amount_pence::text, p.paid_date::text), ',' ORDER BY p.position) AS payments
                             FROM award_payments p WHERE p.award_id = a.id) p
      WHERE ${w.sql}`,
    w.params,
  );
  const loaded: LoadedSubject<ComplianceAward>[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const old = oldOf('award', r);
    loaded[i] = {
      type: 'award',
      id: r.id,
      directorateId: r.directorate_id,
      programme: r.programme ?? '',
      // An award's status is the one stored with its findings (Award.complianceStatus reads it from there).
      rowStatus: old?.status ?? null,
      old,
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
        payments: paymentsOf(r.payments),
        costs: { directCostPence: big(r.direct), overheadCostPence: big(r.overhead), overheadFundedPence: big(r.overhead_funded) },
        reportingFrequency: r.reporting_frequency,
        ending: r.notice === null && r.effective === null && r.ending_reason === null ? null : { noticeDate: r.notice, effectiveDate: r.effective, reason: r.ending_reason },
        justifications: { arrearsPayment: r.j_arrears, singleYear: r.j_single_year, monitoring: r.j_monitoring },
      },
    };
  }
  return loaded;
}

/** "2025-04-01 250000 2025-04-03,2025-10-01 250000" → the payments (dates and digits only, so the separators are safe). */
export function paymentsOf(text: string | null): CompliancePayment[] {
  if (text === null) return [];
  return text.split(',').map((p) => {
    const [due, amount, paid] = p.split(' ');
    return { dueDate: due, amountPence: BigInt(amount), paidDate: paid ?? null };
  });
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
