import {
  Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn, VirtualColumn,
} from 'typeorm';
import { penceTransformer } from '@app/common';
import { Directorate } from '@app/funders';
import { Organisation } from '@app/organisations';

export const AWARD_KINDS = ['grant', 'contract', 'in_kind'] as const;
export type AwardKind = (typeof AWARD_KINDS)[number];
export const AWARD_STATUSES = ['draft', 'awarded', 'published', 'ended'] as const;
export type AwardStatus = (typeof AWARD_STATUSES)[number];
export const REPORTING_FREQUENCIES = ['monthly', 'quarterly', 'six_monthly', 'annual', 'end_only'] as const;
export type ReportingFrequency = (typeof REPORTING_FREQUENCIES)[number];

const numericString = { to: (v: string | null) => v, from: (v: string | null) => v };

/**
 * A grant, contract or support in kind from one directorate to one recipient. Money in pence
 * (bigint), dates as `date`. `version` gives optimistic concurrency: a stale PATCH gets 409.
 */
@Entity('awards')
@Check('awards_kind_check', `kind IN ('grant','contract','in_kind')`)
@Check('awards_status_check', `status IN ('draft','awarded','published','ended')`)
@Check('awards_frequency_check', `reporting_frequency IN ('monthly','quarterly','six_monthly','annual','end_only')`)
@Check('awards_period_check', `planned_end_date IS NULL OR planned_start_date IS NULL OR planned_end_date >= planned_start_date`)
@Check('awards_amount_check', `amount_awarded_pence >= 0`)
@Index('awards_recipient_idx', ['recipientOrganisationId'])
@Index('awards_status_idx', ['status'])
@Index('awards_award_date_idx', ['awardDate'])
// The staff list's sort orders and search (migration AwardListIndexes; they serve lookups by directorate
// too, through a leading column): descending keys and GIN
// trigram indexes TypeORM cannot describe, so the migration owns them.
@Index('awards_list_award_date_idx', { synchronize: false })
@Index('awards_list_directorate_date_idx', { synchronize: false })
@Index('awards_list_amount_idx', { synchronize: false })
@Index('awards_list_title_idx', { synchronize: false })
@Index('awards_list_updated_idx', { synchronize: false })
@Index('awards_title_trgm_idx', { synchronize: false })
@Index('awards_programme_trgm_idx', { synchronize: false })
export class Award {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** The grant's identifier in an imported file (360Giving `id`), unique when present. */
  @Column({ name: 'external_id', type: 'text', nullable: true, unique: true }) externalId: string | null;
  @Column({ type: 'text' }) kind: AwardKind;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ name: 'directorate_id', type: 'uuid' }) directorateId: string;
  @ManyToOne(() => Directorate, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'directorate_id' }) directorate?: Directorate;
  @Column({ name: 'recipient_organisation_id', type: 'uuid' }) recipientOrganisationId: string;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'recipient_organisation_id' }) recipient?: Organisation;
  @Column({ type: 'text', nullable: true }) programme: string | null;
  @Column({ name: 'amount_awarded_pence', type: 'bigint', transformer: penceTransformer }) amountAwardedPence: bigint;
  @Column({ type: 'char', length: 3, default: 'GBP' }) currency: string;
  @Column({ name: 'award_date', type: 'date', nullable: true }) awardDate: string | null;
  @Column({ name: 'planned_start_date', type: 'date', nullable: true }) plannedStartDate: string | null;
  @Column({ name: 'planned_end_date', type: 'date', nullable: true }) plannedEndDate: string | null;
  @Column({ type: 'text', default: 'draft' }) status: AwardStatus;

  @Column({ name: 'direct_cost_pence', type: 'bigint', nullable: true, transformer: penceTransformer }) directCostPence: bigint | null;
  @Column({ name: 'overhead_cost_pence', type: 'bigint', nullable: true, transformer: penceTransformer }) overheadCostPence: bigint | null;
  @Column({ name: 'overhead_funded_pence', type: 'bigint', nullable: true, transformer: penceTransformer }) overheadFundedPence: bigint | null;

  @Column({ name: 'reporting_frequency', type: 'text', nullable: true }) reportingFrequency: ReportingFrequency | null;

  @Column({ name: 'ending_notice_date', type: 'date', nullable: true }) endingNoticeDate: string | null;
  @Column({ name: 'ending_effective_date', type: 'date', nullable: true }) endingEffectiveDate: string | null;
  @Column({ name: 'ending_reason', type: 'text', nullable: true }) endingReason: string | null;

  @Column({ name: 'justification_arrears_payment', type: 'text', nullable: true }) justificationArrearsPayment: string | null;
  @Column({ name: 'justification_single_year', type: 'text', nullable: true }) justificationSingleYear: string | null;
  @Column({ name: 'justification_monitoring', type: 'text', nullable: true }) justificationMonitoring: string | null;

  /**
   * The worst Compact finding (fail, warn, pass), as @app/compliance stores it in the award's write transaction
   * (compliance_results.status); null until checked. Read, never written: keeping it in a column of awards made
   * every re-check rewrite the whole award row and its ten indexes.
   */
  @VirtualColumn({
    type: 'text',
    query: (alias) => `SELECT cr.status FROM compliance_results cr WHERE cr.subject_type = 'award' AND cr.subject_id = ${alias}.id`,
  })
  complianceStatus: 'pass' | 'warn' | 'fail' | null;

  @OneToMany(() => AwardPayment, (p) => p.award, { cascade: true }) payments?: AwardPayment[];
  @OneToMany(() => AwardOutcome, (o) => o.award, { cascade: true }) outcomes?: AwardOutcome[];

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt: Date | null;
  /** Optimistic concurrency: raised by one on every change (the service does it). */
  @Column({ type: 'int', default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** One instalment of the payment schedule. */
@Entity('award_payments')
@Check('award_payments_amount_check', `amount_pence > 0`)
@Index('award_payments_award_idx', ['awardId'])
export class AwardPayment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'award_id', type: 'uuid' }) awardId: string;
  @ManyToOne(() => Award, (a) => a.payments, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'award_id' }) award?: Award;
  @Column({ type: 'int' }) position: number;
  @Column({ name: 'due_date', type: 'date' }) dueDate: string;
  @Column({ name: 'amount_pence', type: 'bigint', transformer: penceTransformer }) amountPence: bigint;
  @Column({ name: 'paid_date', type: 'date', nullable: true }) paidDate: string | null;
}

/** A social outcome valued for SROI (fractions 0-1 as exact numerics). */
@Entity('award_outcomes')
@Index('award_outcomes_award_idx', ['awardId'])
export class AwardOutcome {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'award_id', type: 'uuid' }) awardId: string;
  @ManyToOne(() => Award, (a) => a.outcomes, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'award_id' }) award?: Award;
  @Column({ type: 'int' }) position: number;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'text' }) indicator: string;
  @Column({ type: 'numeric', precision: 14, scale: 2, transformer: numericString }) quantity: string;
  @Column({ name: 'financial_proxy', type: 'numeric', precision: 14, scale: 2, transformer: numericString }) financialProxy: string;
  @Column({ name: 'proxy_source', type: 'text' }) proxySource: string;
  @Column({ type: 'numeric', precision: 5, scale: 4, transformer: numericString }) deadweight: string;
  @Column({ type: 'numeric', precision: 5, scale: 4, transformer: numericString }) displacement: string;
  @Column({ type: 'numeric', precision: 5, scale: 4, transformer: numericString }) attribution: string;
  @Column({ name: 'drop_off', type: 'numeric', precision: 5, scale: 4, transformer: numericString }) dropOff: string;
  @Column({ name: 'duration_years', type: 'int' }) durationYears: number;
}

/**
 * Running counts of awards per directorate, kind and status, kept by statement triggers on `awards`
 * (migrations AwardListIndexes, AwardCountsWithoutCompliance) in the writing transaction: each statement
 * appends its net change (+1 for a row's new group, -1 for its old one), so the staff list's total
 * for those filters is a sum over a small table, exact in the reader's snapshot, instead of a count
 * of a million awards. Append-only, so writers never wait on each other; AwardsQuery folds it now
 * and then. Never written by the application otherwise.
 */
@Entity('award_counts')
export class AwardCount {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id: string;
  @Column({ name: 'directorate_id', type: 'uuid' }) directorateId: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'text' }) status: string;
  /** net change in the number of awards */
  @Column({ type: 'int' }) awards: number;
}
