import type { EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { AwardHooks } from '@app/awards';
import { AwardComplianceHook, ComplianceRecorder, StatusTally } from '@app/compliance';
import type { RowError } from './parsing/index.js';
import { createWrittenAwards, upsertAwards, WRITTEN_AWARDS, type PlacedGrant } from './award-upserter.js';
import { FunderDirectory } from './funder-directory.js';
import { fieldTitle } from './import-row-validator.js';
import type { ImportOptions } from './import-options.js';
import { importedAward } from './imported-award.js';
import type { PendingGrant } from './pending-grant.js';
import { newRecordId } from './record-id.js';
import { CREATED_ORGANISATIONS, RecipientMatcher } from './recipient-matcher.js';
import type { RejectedRows } from './import-report.js';

export type WriteCounts = { created: number; updated: number; unchanged: number };

/** Awards per round of award hooks at the end of an import. */
const HOOK_SLICE = 10_000;
/**
 * The import's transaction fills awards and organisations that the planner knew small or empty:
 * from this many awards written, and again each time they double and before the hooks, the import
 * ANALYZEs them (which, in the transaction, samples its own new rows). Without it the hooks' joins
 * of awards by recipient became a scan of the whole table per slice: quadratic in the file.
 */
const ANALYZE_FROM = 20_000;

/**
 * Writes batches of valid rows inside the import's transaction: directorates, recipients, awards,
 * and the compliance findings of the awards created (checked from the rows, ComplianceRecorder.checkNewAwards).
 * New awards and organisations get time-ordered ids (newRecordId), so the indexes keyed by them grow
 * at one end. The award hooks (duplicate flags; compliance too for awards the file changed) run once
 * the whole file is written (runAwardHooks), still inside the transaction: per batch, an organisation
 * named on many rows had its flags recomputed once per batch that named it.
 * Rows refused here (a commissioner's rows for other directorates) go to `rejected`; in
 * all-or-nothing mode a batch with a refused row writes nothing (the import will fail anyway).
 */
export class ImportBatchWriter {
  readonly counts: WriteCounts = { created: 0, updated: 0, unchanged: 0 };
  private readonly directory: FunderDirectory;
  private readonly recipients: RecipientMatcher;
  /** awards written when the tables were last analyzed */
  private analyzedAt = 0;
  /** the compliance counts of the awards created, applied once the file is written */
  private readonly complianceCounts = new StatusTally();

  constructor(
    private readonly m: EntityManager,
    audit: AuditService,
    private readonly hooks: AwardHooks,
    private readonly options: ImportOptions,
    private readonly rejected: RejectedRows,
    private readonly compliance: ComplianceRecorder,
  ) {
    this.directory = new FunderDirectory(m, audit, options.actor, options.importId);
    this.recipients = new RecipientMatcher(m, options.actor, options.importId);
  }

  /** Call once, in the import's transaction, before the first write. */
  async start(): Promise<void> {
    await createWrittenAwards(this.m);
    await this.recipients.start();
  }

  get fundersCreated() {
    return this.directory.fundersCreated;
  }
  get directoratesCreated() {
    return this.directory.directoratesCreated;
  }
  get organisationsCreated() {
    return this.recipients.created;
  }
  createdOrganisationIds(): string[] {
    return this.recipients.createdOrganisationIds();
  }

  async write(batch: PendingGrant[]): Promise<void> {
    const placed = await this.directory.place(batch);
    let rows: (PendingGrant & { directorateId: string })[] = [];
    batch.forEach((p, i) => {
      const where = placed[i];
      if (typeof where === 'string') rows.push({ ...p, directorateId: where });
      else this.rejected.add([where]);
    });
    rows = await this.withoutOtherDirectoratesAwards(rows);
    if (rows.length < batch.length && this.options.mode === 'all-or-nothing') return;
    if (!rows.length) return;
    const orgs = await this.recipients.resolve(rows.map((r) => r.grant.recipient));
    const grants: PlacedGrant[] = rows.map((r, i) => ({
      ...r,
      recipientOrganisationId: orgs[i].id,
      newId: newRecordId(),
    }));
    const outcome = await upsertAwards(this.m, grants, this.options.actor, this.options.importId);
    // The awards created are checked here, from the rows (the hooks would read each one back);
    // awards the file changes are checked by the hooks at the end.
    const fresh = grants.flatMap((g, i) => (outcome.createdIds.has(g.newId) ? [{ id: g.newId, subject: importedAward(g.grant, g.directorateId, orgs[i]) }] : []));
    await this.compliance.checkNewAwards(this.m, fresh, this.complianceCounts);
    this.counts.created += outcome.created;
    this.counts.updated += outcome.updated;
    this.counts.unchanged += outcome.unchanged;
    await this.analyzeWhenGrown(2);
  }

  /** Once the whole file is written: the compliance counts of the awards created, in one statement. */
  async applyComplianceCounts(): Promise<void> {
    await this.compliance.applyTally(this.m, this.complianceCounts);
  }

  /** ANALYZE awards and organisations once ANALYZE_FROM awards are written and `factor` times as many as last time. */
  private async analyzeWhenGrown(factor: number): Promise<void> {
    const written = this.counts.created + this.counts.updated;
    if (written < ANALYZE_FROM || written < factor * this.analyzedAt) return;
    await this.m.query(`ANALYZE awards, organisations`);
    this.analyzedAt = written;
  }

  /**
   * The award hooks over every award written that needs them, HOOK_SLICE at a time in recipient
   * order (through a cursor, so the ids are never all in memory), so that each organisation's flags
   * are recomputed once rather than once per slice that names it. An award created for an
   * organisation the import also created needs none: its compliance was checked as it was written,
   * and its flags come from the organisation match job queued after the commit (GrantImporter), which
   * clusters the new organisation and recomputes the flags of its cluster; computed here, they would
   * be computed twice, the first time against a cluster of one. `progress` gets the share done, 0 to 1.
   */
  async runAwardHooks(progress?: (share: number) => Promise<void>): Promise<void> {
    if (!this.counts.created && !this.counts.updated) return;
    await this.analyzeWhenGrown(1.2);
    const needing = `FROM ${WRITTEN_AWARDS} w
      WHERE NOT (w.inserted AND EXISTS (SELECT 1 FROM ${CREATED_ORGANISATIONS} c WHERE c.id = w.recipient_id))`;
    const [{ total }] = (await this.m.query(`SELECT count(*)::int AS total ${needing}`)) as { total: number }[];
    if (!total) return;
    await this.m.query(`DECLARE import_hook_order NO SCROLL CURSOR FOR SELECT w.award_id::text AS id, w.inserted ${needing} ORDER BY w.recipient_id, w.award_id`);
    let done = 0;
    for (;;) {
      const rows = (await this.m.query(`FETCH ${HOOK_SLICE} FROM import_hook_order`)) as { id: string; inserted: boolean }[];
      if (!rows.length) break;
      const created = rows.filter((r) => r.inserted).map((r) => r.id);
      const updated = rows.filter((r) => !r.inserted).map((r) => r.id);
      if (created.length) await this.hooks.run(this.m, created, 'created', [AwardComplianceHook]); // checked as they were written
      if (updated.length) await this.hooks.run(this.m, updated, 'updated');
      done += rows.length;
      await progress?.(done / total);
    }
    await this.m.query(`CLOSE import_hook_order`);
  }

  /** A commissioner may not change, through a file, an award that another directorate holds. */
  private async withoutOtherDirectoratesAwards<T extends PendingGrant>(rows: T[]): Promise<T[]> {
    const actor = this.options.actor;
    if (actor?.role !== 'commissioner' || !rows.length) return rows;
    const held = (await this.m.query(
      `SELECT a.external_id, d.name, d.code FROM awards a JOIN directorates d ON d.id = a.directorate_id
        WHERE a.external_id = ANY($1::text[]) AND NOT (a.directorate_id = ANY($2::uuid[]))`,
      [rows.map((r) => r.grant.externalId), actor.directorateIds],
    )) as { external_id: string; name: string; code: string }[];
    if (!held.length) return rows;
    const byId = new Map(held.map((h) => [h.external_id, h]));
    return rows.filter((r) => {
      const other = byId.get(r.grant.externalId);
      if (!other) return true;
      const refusal: RowError = {
        row: r.row,
        field: fieldTitle('id', r.columnTitles),
        value: r.grant.externalId,
        reason: `is an award of the directorate ${other.name} (${other.code}), which is not one of yours: ask an admin to import this row`,
      };
      this.rejected.add([refusal]);
      return false;
    });
  }
}
