import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '@app/auth';
import { AuditService } from '@app/audit';
import { AppError } from '@app/common';
import { JobsService } from '@app/jobs';
import { RULE_IDS, RULES, type RuleId } from './catalogue.js';
import { CompactProfileRow } from './compliance.entities.js';
import { CompactProfileStore, type CurrentProfile } from './compact-profile.store.js';
import { lockOutWriters } from './compliance.recorder.js';
import { compactProfileToJson, DEFAULT_COMPACT_PROFILE, validateCompactProfile, type CompactProfileJson } from './profile.js';

/** Which settings of the profile each rule reads (rules without thresholds have none). */
const RULE_SETTINGS: Record<RuleId, (keyof CompactProfileJson)[]> = {
  'FCR-1': [],
  'FCR-2': [],
  'ADV-1': [],
  'MY-1': ['multiYearMinimumMonths'],
  'END-1': ['noticeMonths'],
  'END-2': [],
  'MON-1': ['monitoringBands', 'monitoringMaxReportsPerYear'],
  'PAY-1': ['paymentLatenessDays'],
  'PUB-1': [],
  'CON-1': ['consultationFullDays', 'consultationMinimumDays'],
};

export function toProfileView(current: CurrentProfile) {
  const profile = compactProfileToJson(current.profile);
  return {
    profile,
    version: current.version,
    isDefault: current.version === 0,
    updatedAt: current.updatedAt?.toISOString() ?? null,
    updatedBy: current.updatedBy,
    rules: RULE_IDS.map((id) => ({
      rule: id,
      title: RULES[id].title,
      commitment: RULES[id].commitment,
      source: RULES[id].source,
      severity: RULES[id].severity,
      settings: Object.fromEntries(RULE_SETTINGS[id].map((k) => [k, profile[k]])),
    })),
  };
}
export type ProfileView = ReturnType<typeof toProfileView>;

/** The admin's view of the Compact profile: read, change (validated, audited) and re-check everything. */
@Injectable()
export class CompactProfileService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly store: CompactProfileStore,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
  ) {}

  async get(): Promise<ProfileView> {
    return toProfileView(await this.store.current(this.ds.manager));
  }

  /**
   * Replaces the whole profile. An unchanged profile writes nothing; a change is audited and
   * queues a compliance-recheck of every award and consultation (after commit, so the job reads it).
   */
  async update(actor: Actor, body: unknown): Promise<ProfileView & { recheckJobId: string | null }> {
    const checked = validateCompactProfile(body);
    if ('errors' in checked) throw new AppError('VALIDATION', checked.errors.map((e) => `${e.field}: ${e.reason}`).join('; '), checked.errors);
    const next = compactProfileToJson(checked.profile);
    const saved = await this.ds.transaction(async (m) => {
      // Writes in flight finish first and later ones wait, so none stores findings of the old profile after this commits.
      await lockOutWriters(m);
      // One row per installation: create it with the defaults if absent, then lock it.
      await m.query(`INSERT INTO compact_profile (id, settings, version) VALUES (1, $1::jsonb, 0) ON CONFLICT (id) DO NOTHING`, [
        JSON.stringify(compactProfileToJson(DEFAULT_COMPACT_PROFILE)),
      ]);
      const row = await m.getRepository(CompactProfileRow).findOneOrFail({ where: { id: 1 }, lock: { mode: 'pessimistic_write' } });
      const before = await this.store.current(m);
      if (JSON.stringify(compactProfileToJson(before.profile)) === JSON.stringify(next)) return { changed: false, current: before };
      row.settings = next;
      row.version += 1;
      row.updatedBy = actor.email;
      row.updatedAt = new Date();
      await m.getRepository(CompactProfileRow).save(row);
      await this.audit.record(m, actor, 'update', 'compact_profile', '1', { version: before.version, ...compactProfileToJson(before.profile) }, { version: row.version, ...next });
      return { changed: true, current: await this.store.current(m) };
    });
    const recheckJobId = saved.changed ? (await this.requestRecheck(actor, `Compact profile changed to version ${saved.current.version}`)).id : null;
    return { ...toProfileView(saved.current), recheckJobId };
  }

  /** Queues a re-check of every award and consultation (also after an upgrade, for awards never checked). */
  requestRecheck(actor: Actor, reason = 'requested'): Promise<{ id: string }> {
    return this.jobs.enqueue('compliance-recheck', { requestedBy: actor.email, reason });
  }
}
