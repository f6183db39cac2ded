import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError, notFound, poundsToPence } from '@app/common';
import { Organisation } from '@app/organisations';
import { AWARD_RULE_IDS, CONSULTATION_RULE_IDS, RULE_IDS, RULES, type Finding, type FindingStatus, type RuleId } from './catalogue.js';
import type { StoredFinding, SubjectType } from './compliance.entities.js';
import { loadAwards, loadConsultations } from './compliance-subjects.reader.js';
import { CompactProfileStore } from './compact-profile.store.js';
import { OVERALL_RULE } from './counts-delta.js';
import { CheckAwardDto, type SummaryGroup } from './dto/compliance.dto.js';
import { checkAward, checkConsultation, worstStatus } from './rules.js';
import type { ComplianceAward } from './types.js';

export type FindingView = Finding;
export type FindingsView = { status: 'pass' | 'warn' | 'fail'; stored: boolean; checkedAt: string | null; profileVersion: number; findings: FindingView[] };
export type StatusCounts = { pass: number; warn: number; fail: number };
export type RuleCounts = StatusCounts & { not_applicable: number };
export type SummaryGroupView = { key: string | null; name: string; awards?: StatusCounts; consultations?: StatusCounts; rules: Partial<Record<RuleId, RuleCounts>> };

const withSource = (f: StoredFinding): Finding => ({ rule: f.rule, status: f.status, message: f.message, source: RULES[f.rule].source });
const pence = (v: string | number | null | undefined) => (v === null || v === undefined ? null : poundsToPence(v));
const statusCounts = (): StatusCounts => ({ pass: 0, warn: 0, fail: 0 });
const ruleCounts = (): RuleCounts => ({ pass: 0, warn: 0, fail: 0, not_applicable: 0 });

const GROUP_SQL: Record<Exclude<SummaryGroup, 'rule'>, { key: string; name: string; join: string }> = {
  directorate: { key: 'c.directorate_id::text', name: 'd.name', join: 'JOIN directorates d ON d.id = c.directorate_id' },
  funder: { key: 'f.id::text', name: 'f.name', join: 'JOIN directorates d ON d.id = c.directorate_id JOIN funders f ON f.id = d.funder_id' },
  programme: { key: "NULLIF(c.programme, '')", name: "COALESCE(NULLIF(c.programme, ''), '(no programme)')", join: '' },
};

/** Reads findings (stored, or computed when none are stored yet), dry runs and the summary. */
@Injectable()
export class ComplianceQuery {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly profiles: CompactProfileStore,
  ) {}

  async awardFindings(id: string): Promise<{ awardId: string } & FindingsView> {
    return { awardId: id, ...(await this.findings('award', id)) };
  }

  async consultationFindings(id: string): Promise<{ consultationId: string } & FindingsView> {
    return { consultationId: id, ...(await this.findings('consultation', id)) };
  }

  /** Checks an award as typed, saving nothing: what the findings would be with the current profile. */
  async dryRun(dto: CheckAwardDto): Promise<{ status: 'pass' | 'warn' | 'fail'; profileVersion: number; findings: Finding[] }> {
    const current = await this.profiles.current(this.ds.manager);
    const findings = checkAward(await this.toComplianceAward(dto), current.profile);
    return { status: worstStatus(findings), profileVersion: current.version, findings };
  }

  async summary(groupBy: SummaryGroup, worst: number) {
    const rows: { key: string | null; name: string; subject_type: SubjectType; rule: string; status: string; n: string }[] =
      groupBy === 'rule'
        ? await this.ds.query(
            `SELECT c.rule AS key, c.rule AS name, c.subject_type, c.rule, c.status, sum(c.n)::text AS n
               FROM compliance_counts c WHERE c.rule <> $1 GROUP BY c.subject_type, c.rule, c.status HAVING sum(c.n) <> 0`,
            [OVERALL_RULE],
          )
        : await this.ds.query(
            `SELECT ${GROUP_SQL[groupBy].key} AS key, ${GROUP_SQL[groupBy].name} AS name, c.subject_type, c.rule, c.status, sum(c.n)::text AS n
               FROM compliance_counts c ${GROUP_SQL[groupBy].join}
              GROUP BY 1, 2, c.subject_type, c.rule, c.status HAVING sum(c.n) <> 0`,
          );
    const groups = new Map<string, SummaryGroupView>();
    const totals: Omit<SummaryGroupView, 'key' | 'name'> = { awards: statusCounts(), consultations: statusCounts(), rules: {} };
    for (const r of rows) {
      const id = r.key ?? '';
      let g = groups.get(id);
      if (!g) {
        g = groupBy === 'rule'
          ? { key: r.rule, name: RULES[r.rule as RuleId]?.title ?? r.rule, rules: {} }
          : { key: r.key, name: r.name, awards: statusCounts(), consultations: statusCounts(), rules: zeroRules() };
        groups.set(id, g);
      }
      const n = Number(r.n);
      if (r.rule === OVERALL_RULE) {
        const bucket = r.subject_type === 'award' ? 'awards' : 'consultations';
        g[bucket]![r.status as keyof StatusCounts] += n;
        totals[bucket]![r.status as keyof StatusCounts] += n;
      } else {
        const rule = r.rule as RuleId;
        (g.rules[rule] ??= ruleCounts())[r.status as FindingStatus] += n;
        (totals.rules[rule] ??= ruleCounts())[r.status as FindingStatus] += n;
      }
    }
    const order = (g: SummaryGroupView) => (groupBy === 'rule' ? String(RULE_IDS.indexOf(g.key as RuleId)).padStart(2, '0') : g.name);
    const sorted = [...groups.values()].sort((a, b) => order(a).localeCompare(order(b)));
    totals.rules = { ...zeroRules(), ...totals.rules };
    return {
      groupBy,
      groups: groupBy === 'rule' ? sorted.map((g) => ({ ...g, source: RULES[g.key as RuleId]?.source ?? null })) : sorted,
      totals,
      worstAwards: await this.worstAwards(worst),
    };
  }

  /** The awards with most fails, then most warns (an index scan of compliance_results_worst_idx). */
  private async worstAwards(limit: number) {
    if (limit === 0) return [];
    const rows: { id: string; title: string; directorate_id: string; directorate: string; status: string; fails: number; warns: number; statuses: Record<string, FindingStatus> }[] =
      await this.ds.query(
        `SELECT w.subject_id::text AS id, a.title, a.directorate_id::text AS directorate_id, d.name AS directorate, w.status,
                w.fail_count AS fails, w.warn_count AS warns, w.statuses
           FROM (SELECT * FROM compliance_results r
                  WHERE r.subject_type = 'award' AND (r.fail_count > 0 OR r.warn_count > 0)
                  ORDER BY r.subject_type DESC, r.fail_count DESC, r.warn_count DESC, r.subject_id DESC LIMIT $1) w
           JOIN awards a ON a.id = w.subject_id JOIN directorates d ON d.id = a.directorate_id
          ORDER BY w.fail_count DESC, w.warn_count DESC, w.subject_id DESC`,
        [limit],
      );
    const rulesWith = (s: Record<string, FindingStatus>, status: FindingStatus) => AWARD_RULE_IDS.filter((r) => s[r] === status);
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      directorateId: r.directorate_id,
      directorate: r.directorate,
      status: r.status,
      fails: r.fails,
      warns: r.warns,
      failing: rulesWith(r.statuses, 'fail'),
      warning: rulesWith(r.statuses, 'warn'),
    }));
  }

  private async findings(type: SubjectType, id: string): Promise<FindingsView> {
    const [stored]: { status: FindingsView['status']; checked_at: Date; profile_version: number; findings: string }[] = await this.ds.query(
      `SELECT r.status, r.checked_at, r.profile_version, f.findings
         FROM compliance_results r JOIN compliance_findings f USING (subject_type, subject_id)
        WHERE r.subject_type = $1 AND r.subject_id = $2`,
      [type, id],
    );
    if (stored) {
      const findings = (JSON.parse(stored.findings) as StoredFinding[]).map(withSource);
      return { status: stored.status, stored: true, checkedAt: stored.checked_at.toISOString(), profileVersion: stored.profile_version, findings };
    }
    // Not stored (an award from before the compliance engine, not yet re-checked): compute now.
    const current = await this.profiles.current(this.ds.manager);
    let findings: Finding[];
    if (type === 'award') {
      const [loaded] = await loadAwards(this.ds.manager, { ids: [id] });
      if (!loaded) throw notFound('Award', id);
      findings = checkAward(loaded.subject, current.profile);
    } else {
      const [loaded] = await loadConsultations(this.ds.manager, { ids: [id] });
      if (!loaded) throw notFound('Consultation', id);
      findings = checkConsultation(loaded.subject, current.profile);
    }
    return { status: worstStatus(findings), stored: false, checkedAt: null, profileVersion: current.version, findings };
  }

  private async toComplianceAward(dto: CheckAwardDto): Promise<ComplianceAward> {
    let recipient: ComplianceAward['recipient'] = null;
    if (dto.recipientOrganisationId) {
      const o = await this.ds.getRepository(Organisation).findOne({ where: { id: dto.recipientOrganisationId } });
      if (!o)
        throw new AppError('VALIDATION', `recipientOrganisationId: organisation ${dto.recipientOrganisationId} does not exist; create the organisation first`, [
          { field: 'recipientOrganisationId', reason: 'unknown organisation' },
        ]);
      recipient = { name: o.name, type: o.type, charityNumber: o.charityNumber, companyNumber: o.companyNumber };
    }
    const e = dto.ending;
    return {
      kind: dto.kind ?? 'grant',
      status: dto.status ?? 'draft',
      title: dto.title ?? null,
      description: dto.description ?? null,
      programme: dto.programme ?? null,
      directorateId: dto.directorateId ?? null,
      amountAwardedPence: pence(dto.amountAwarded) ?? 0n,
      awardDate: dto.awardDate ?? null,
      plannedStartDate: dto.plannedStartDate ?? null,
      plannedEndDate: dto.plannedEndDate ?? null,
      recipient,
      payments: (dto.payments ?? []).map((p) => ({ dueDate: p.dueDate, amountPence: poundsToPence(p.amount), paidDate: p.paidDate ?? null })),
      costs: { directCostPence: pence(dto.costs?.directCost), overheadCostPence: pence(dto.costs?.overheadCost), overheadFundedPence: pence(dto.costs?.overheadFunded) },
      reportingFrequency: dto.monitoring?.reportingFrequency ?? null,
      ending: e ? { noticeDate: e.noticeDate ?? null, effectiveDate: e.effectiveDate ?? null, reason: e.reason ?? null } : null,
      justifications: {
        arrearsPayment: dto.justifications?.arrearsPayment ?? null,
        singleYear: dto.justifications?.singleYear ?? null,
        monitoring: dto.justifications?.monitoring ?? null,
      },
    };
  }
}

function zeroRules(): Partial<Record<RuleId, RuleCounts>> {
  return Object.fromEntries([...AWARD_RULE_IDS, ...CONSULTATION_RULE_IDS].map((r) => [r, ruleCounts()]));
}
