import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { penceTransformer } from '@app/common';
import { Organisation } from '@app/organisations';

export const FLAG_SEVERITIES = ['high', 'medium', 'low'] as const;
export type FlagSeverity = (typeof FLAG_SEVERITIES)[number];
export const FLAG_STATUSES = ['open', 'justified', 'confirmed', 'resolved'] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];
export const DECISIONS = ['merge', 'split'] as const;
export type Decision = (typeof DECISIONS)[number];

/**
 * The matcher's verdict on one pair of organisation records (only 'same' and 'possible' are kept;
 * 'different' is the absence of a row). The pair is stored once, smaller id first. Replaced by
 * each recompute; people's decisions live apart (organisation_decisions) and are never replaced.
 */
@Entity('organisation_matches')
@Check('organisation_matches_order_check', `organisation_a_id < organisation_b_id`)
@Check('organisation_matches_decision_check', `decision IN ('same','possible')`)
@Index('organisation_matches_b_idx', ['organisationBId'])
export class OrganisationMatch {
  @PrimaryColumn({ name: 'organisation_a_id', type: 'uuid' }) organisationAId: string;
  @PrimaryColumn({ name: 'organisation_b_id', type: 'uuid' }) organisationBId: string;
  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'organisation_a_id' }) organisationA?: Organisation;
  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'organisation_b_id' }) organisationB?: Organisation;
  @Column({ type: 'text' }) decision: 'same' | 'possible';
  /** 0-1: how sure the matcher is that the two records are one organisation. */
  @Column({ type: 'real' }) confidence: number;
  /** 'identifier' or 'name': what decided. */
  @Column({ type: 'text' }) method: string;
  /** Human-readable reasons, e.g. 'charity number 1234567 on both'. */
  @Column({ type: 'jsonb' }) evidence: string[];
  @Column({ name: 'computed_at', type: 'timestamptz', default: () => 'now()' }) computedAt: Date;
}

/**
 * A person's decision about a pair: 'merge' (one organisation) or 'split' (two). Append-only: the
 * latest decision on a pair counts, and it wins over the matcher in every recompute.
 */
@Entity('organisation_decisions')
@Check('organisation_decisions_order_check', `organisation_a_id < organisation_b_id`)
@Check('organisation_decisions_decision_check', `decision IN ('merge','split')`)
@Index('organisation_decisions_pair_idx', ['organisationAId', 'organisationBId'])
@Index('organisation_decisions_b_idx', ['organisationBId'])
export class OrganisationDecision {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'organisation_a_id', type: 'uuid' }) organisationAId: string;
  @Column({ name: 'organisation_b_id', type: 'uuid' }) organisationBId: string;
  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'organisation_a_id' }) organisationA?: Organisation;
  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'organisation_b_id' }) organisationB?: Organisation;
  @Column({ type: 'text' }) decision: Decision;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ name: 'decided_by_id', type: 'uuid', nullable: true }) decidedById: string | null;
  @Column({ name: 'decided_by', type: 'text' }) decidedBy: string;
  @Column({ name: 'decided_at', type: 'timestamptz', default: () => 'now()' }) decidedAt: Date;
}

/**
 * Which real organisation each record belongs to. Only records of clusters with two or more
 * members have a row; any other record is its own cluster. cluster_id is the smallest member id,
 * so it stays put when members with larger ids join or leave.
 */
@Entity('organisation_clusters')
@Index('organisation_clusters_cluster_idx', ['clusterId'])
export class OrganisationCluster {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' }) organisationId: string;
  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'organisation_id' }) organisation?: Organisation;
  @Column({ name: 'cluster_id', type: 'uuid' }) clusterId: string;
  @Column({ name: 'assigned_at', type: 'timestamptz', default: () => 'now()' }) assignedAt: Date;
}

/**
 * DUP-1: one real organisation (a cluster) holding awards from two or more directorates whose
 * periods overlap. One row per cluster, keyed by the cluster's stable id (cluster_key); a
 * recompute updates the figures and keeps status, note and reviewer. A flag whose overlap has gone
 * is kept with active = false (hidden), so its review returns if the overlap does.
 */
@Entity('duplicate_funding_flags')
@Unique('duplicate_funding_flags_cluster_key', ['clusterKey'])
@Check('duplicate_funding_flags_severity_check', `severity IN ('high','medium','low')`)
@Check('duplicate_funding_flags_status_check', `status IN ('open','justified','confirmed','resolved')`)
@Index('duplicate_funding_flags_list_idx', ['active', 'severity', 'status'])
@Index('duplicate_funding_flags_organisations_idx', { synchronize: false })
@Index('duplicate_funding_flags_awards_idx', { synchronize: false })
@Index('duplicate_funding_flags_directorates_idx', { synchronize: false })
@Index('duplicate_funding_flags_funders_idx', { synchronize: false })
export class DuplicateFundingFlag {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** The cluster's id (its smallest organisation id) when last computed. */
  @Column({ name: 'cluster_key', type: 'uuid' }) clusterKey: string;
  @Column({ name: 'organisation_name', type: 'text' }) organisationName: string;
  @Column({ name: 'organisation_ids', type: 'uuid', array: true }) organisationIds: string[];
  @Column({ name: 'directorate_ids', type: 'uuid', array: true }) directorateIds: string[];
  @Column({ name: 'funder_ids', type: 'uuid', array: true }) funderIds: string[];
  @Column({ name: 'award_ids', type: 'uuid', array: true }) awardIds: string[];
  /** {id, name, memberIds, members: [{id, name}]} as the API shows it (awards and directorates are read live from their ids). */
  @Column({ type: 'jsonb' }) organisation: unknown;
  /** {identity, overlaps, overlappingPairs}: see FlagEvidence. */
  @Column({ type: 'jsonb' }) evidence: unknown;
  @Column({ name: 'total_amount_pence', type: 'bigint', transformer: penceTransformer }) totalAmountPence: bigint;
  @Column({ name: 'overlap_from', type: 'date' }) overlapFrom: string;
  @Column({ name: 'overlap_to', type: 'date' }) overlapTo: string;
  @Column({ type: 'text' }) severity: FlagSeverity;
  @Column({ type: 'text', default: 'open' }) status: FlagStatus;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ name: 'reviewed_by_id', type: 'uuid', nullable: true }) reviewedById: string | null;
  @Column({ name: 'reviewed_by', type: 'text', nullable: true }) reviewedBy: string | null;
  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true }) reviewedAt: Date | null;
  /** Digest of the awards, amounts, overlap and severity: a review is stale when it differs from reviewed_fingerprint. */
  @Column({ type: 'text' }) fingerprint: string;
  @Column({ name: 'reviewed_fingerprint', type: 'text', nullable: true }) reviewedFingerprint: string | null;
  /** Digest of everything a recompute writes: an unchanged flag is not rewritten. */
  @Column({ name: 'content_hash', type: 'text', default: '' }) contentHash: string;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @Column({ name: 'computed_at', type: 'timestamptz', default: () => 'now()' }) computedAt: Date;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

export const DUPLICATES_ENTITIES = [OrganisationMatch, OrganisationDecision, OrganisationCluster, DuplicateFundingFlag];
