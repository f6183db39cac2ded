import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OrganisationWriteHook } from '@app/organisations';
import { ComplianceRecorder } from './compliance.recorder.js';

const SLICE = 2000;

/**
 * PUB-1 reads the recipient (its type, charity and company numbers): when an organisation is
 * edited, its awards are re-checked, after the edit commits, a slice of awards per transaction.
 */
@Injectable()
export class OrganisationComplianceHook implements OrganisationWriteHook {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly recorder: ComplianceRecorder,
  ) {}

  async afterOrganisationCommit(organisationIds: string[], event: 'created' | 'updated'): Promise<void> {
    if (event !== 'updated') return; // a new organisation has no awards yet
    const rows: { id: string }[] = await this.ds.query(`SELECT id::text AS id FROM awards WHERE recipient_organisation_id = ANY($1::uuid[]) ORDER BY id`, [organisationIds]);
    for (let i = 0; i < rows.length; i += SLICE) {
      const ids = rows.slice(i, i + SLICE).map((r) => r.id);
      await this.ds.transaction((m) => this.recorder.checkAwards(m, ids));
    }
  }
}
