import {
  Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn,
} from 'typeorm';
import { Directorate } from '@app/funders';
import type { FindingStatus, RuleId } from './catalogue.js';
import type { CompactProfileJson } from './profile.js';

export type SubjectType = 'award' | 'consultation';
export type OverallStatus = 'pass' | 'warn' | 'fail';
/** A finding as stored: the source wording is added from RULES when it is read. */
export type StoredFinding = { rule: RuleId; status: FindingStatus; message: string };

/** The installation's Compact profile: exactly one row (id 1); absent means the defaults of DOMAIN.md. */
@Entity('compact_profile')
@Check('compact_profile_single_row_check', `id = 1`)
export class CompactProfileRow {
  @PrimaryColumn({ type: 'smallint' }) id: number;
  @Column({ type: 'jsonb' }) settings: CompactProfileJson;
  /** Raised by one on every change; the findings record which version they were checked against. */
  @Column({ type: 'int' }) version: number;
  @Column({ name: 'updated_by', type: 'text', nullable: true }) updatedBy: string | null;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}

/**
 * What the counts and the summary need of one award or consultation's stored findings, written in
 * the transaction that changed it: its group, its statuses per rule and overall, and a hash of its
 * findings. Narrow on purpose (the messages are in compliance_findings): the counts are rebuilt and
 * the re-check compares from this table, a few hundred bytes a row.
 */
@Entity('compliance_results')
@Check('compliance_results_subject_type_check', `subject_type IN ('award','consultation')`)
@Check('compliance_results_status_check', `status IN ('pass','warn','fail')`)
@Index('compliance_results_worst_idx', ['subjectType', 'failCount', 'warnCount', 'subjectId'])
export class ComplianceResult {
  @PrimaryColumn({ name: 'subject_type', type: 'text' }) subjectType: SubjectType;
  @PrimaryColumn({ name: 'subject_id', type: 'uuid' }) subjectId: string;
  @Column({ name: 'directorate_id', type: 'uuid' }) directorateId: string;
  /** '' when the award has no programme (a key of the counts, so never null). */
  @Column({ type: 'text', default: '' }) programme: string;
  @Column({ type: 'text' }) status: OverallStatus;
  @Column({ name: 'fail_count', type: 'smallint' }) failCount: number;
  @Column({ name: 'warn_count', type: 'smallint' }) warnCount: number;
  @Column({ type: 'jsonb' }) statuses: Record<string, FindingStatus>;
  /** A 53-bit hash of the findings (findingsHash): a re-check compares it and rewrites only what changed. */
  @Column({ name: 'findings_hash', type: 'bigint' }) findingsHash: string;
  /** The profile version and time of the check that last changed these findings (a re-check finding the same leaves the row). */
  @Column({ name: 'profile_version', type: 'int' }) profileVersion: number;
  @Column({ name: 'checked_at', type: 'timestamptz', default: () => 'now()' }) checkedAt: Date;
}

/** The findings themselves, with their messages, beside compliance_results (same key, written together). */
@Entity('compliance_findings')
export class ComplianceFindings {
  @PrimaryColumn({ name: 'subject_type', type: 'text' }) subjectType: SubjectType;
  @PrimaryColumn({ name: 'subject_id', type: 'uuid' }) subjectId: string;
  /**
   * [{rule, status, message}] as JSON text: text, not jsonb, because a re-check writes a million
   * of them and never queries inside them (jsonb's conversion made the writes four times slower).
   */
  @Column({ type: 'text', transformer: { to: (v: StoredFinding[]) => JSON.stringify(v), from: (v: string) => JSON.parse(v) as StoredFinding[] } })
  findings: StoredFinding[];
}

/**
 * How many subjects of each directorate and programme have each status per rule (rule '*' is the
 * subject's overall status). Kept by deltas in the same transaction as the findings, so the
 * summary over a million awards reads a few thousand rows.
 */
@Entity('compliance_counts')
export class ComplianceCount {
  @PrimaryColumn({ name: 'subject_type', type: 'text' }) subjectType: SubjectType;
  @PrimaryColumn({ name: 'directorate_id', type: 'uuid' }) directorateId: string;
  @PrimaryColumn({ type: 'text' }) programme: string;
  @PrimaryColumn({ type: 'text' }) rule: string;
  @PrimaryColumn({ type: 'text' }) status: string;
  /** bigint in the database, read as a string. */
  @Column({ type: 'bigint', default: 0 }) n: string;
}

/** A consultation affecting the sector (CON-1: 12 weeks, never less than the local minimum). */
@Entity('consultations')
@Check('consultations_period_check', `end_date >= start_date`)
@Index('consultations_directorate_idx', ['directorateId'])
export class Consultation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'directorate_id', type: 'uuid' }) directorateId: string;
  @ManyToOne(() => Directorate, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'directorate_id' }) directorate?: Directorate;
  @Column({ type: 'text' }) title: string;
  @Column({ name: 'start_date', type: 'date' }) startDate: string;
  @Column({ name: 'end_date', type: 'date' }) endDate: string;
  @Column({ type: 'text', nullable: true }) rationale: string | null;
  @Column({ name: 'compliance_status', type: 'text', nullable: true }) complianceStatus: OverallStatus | null;
  @Column({ type: 'int', default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

export const COMPLIANCE_ENTITIES = [CompactProfileRow, ComplianceResult, ComplianceFindings, ComplianceCount, Consultation];
