import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CompactProfileRow } from './compliance.entities.js';
import { DEFAULT_COMPACT_PROFILE, validateCompactProfile, type CompactProfile } from './profile.js';

export type CurrentProfile = { profile: CompactProfile; version: number; updatedAt: Date | null; updatedBy: string | null };

/** Reads the installation's Compact profile; with no row stored, the defaults of DOMAIN.md (version 0). */
@Injectable()
export class CompactProfileStore {
  async current(m: EntityManager): Promise<CurrentProfile> {
    const row = await m.getRepository(CompactProfileRow).findOne({ where: { id: 1 } });
    if (!row) return { profile: DEFAULT_COMPACT_PROFILE, version: 0, updatedAt: null, updatedBy: null };
    const checked = validateCompactProfile(row.settings);
    // Only PUT /api/compact-profile writes the row, after the same validation: a bad row is a bug.
    if ('errors' in checked) throw new Error(`stored Compact profile is invalid: ${checked.errors.map((e) => `${e.field} ${e.reason}`).join('; ')}`);
    return { profile: checked.profile, version: row.version, updatedAt: row.updatedAt, updatedBy: row.updatedBy };
  }
}
