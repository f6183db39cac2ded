import type { EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { AwardHooks } from '@app/awards';
import type { RowError } from './parsing/index.js';
import { upsertAwards, type PlacedGrant } from './award-upserter.js';
import { FunderDirectory } from './funder-directory.js';
import { fieldTitle } from './import-row-validator.js';
import type { ImportOptions } from './import-options.js';
import type { PendingGrant } from './pending-grant.js';
import { RecipientMatcher } from './recipient-matcher.js';
import type { RejectedRows } from './import-report.js';

export type WriteCounts = { created: number; updated: number; unchanged: number };

/**
 * Writes batches of valid rows inside the import's transaction: directorates, recipients, awards,
 * then the award hooks (compliance findings, duplicate flags) for the awards created or changed.
 * Rows refused here (a commissioner's rows for other directorates) go to `rejected`; in
 * all-or-nothing mode a batch with a refused row writes nothing (the import will fail anyway).
 */
export class ImportBatchWriter {
  readonly counts: WriteCounts = { created: 0, updated: 0, unchanged: 0 };
  private readonly directory: FunderDirectory;
  private readonly recipients: RecipientMatcher;

  constructor(
    private readonly m: EntityManager,
    audit: AuditService,
    private readonly hooks: AwardHooks,
    private readonly options: ImportOptions,
    private readonly rejected: RejectedRows,
  ) {
    this.directory = new FunderDirectory(m, audit, options.actor, options.importId);
    this.recipients = new RecipientMatcher(m, options.actor, options.importId);
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
    const orgIds = await this.recipients.resolve(rows.map((r) => r.grant.recipient));
    const grants: PlacedGrant[] = rows.map((r, i) => ({ ...r, recipientOrganisationId: orgIds[i] }));
    const outcome = await upsertAwards(this.m, grants, this.options.actor, this.options.importId);
    this.counts.created += outcome.createdIds.length;
    this.counts.updated += outcome.updatedIds.length;
    this.counts.unchanged += outcome.unchanged;
    if (outcome.createdIds.length) await this.hooks.run(this.m, outcome.createdIds, 'created');
    if (outcome.updatedIds.length) await this.hooks.run(this.m, outcome.updatedIds, 'updated');
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
