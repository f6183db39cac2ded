import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { penceTransformer } from '@app/common';

/**
 * Running totals of published awards per directorate, financial year and kind, kept by database
 * triggers on `awards` (migration PublicData): every statement that changes published
 * awards appends its net change here (+1/+amount for an award that became or stays counted,
 * -1/-amount for its old state), so the public totals and charts are a sum over a small table
 * instead of a scan of a million awards. Append-only, so concurrent writers never wait on each
 * other; PublicGrantsQuery compacts it now and then. Never written by the application otherwise.
 */
@Entity('public_award_totals')
export class PublicAwardTotal {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id: string;
  @Column({ name: 'directorate_id', type: 'uuid' }) directorateId: string;
  /** UK financial year by its starting year (April to March); null for an award with no award date */
  @Column({ name: 'financial_year', type: 'int', nullable: true }) financialYear: number | null;
  @Column({ type: 'text' }) kind: string;
  /** net change in the number of published awards */
  @Column({ type: 'int' }) awards: number;
  /** net change in their amount, in pence */
  @Column({ name: 'amount_pence', type: 'bigint', transformer: penceTransformer }) amountPence: bigint;
}

export const PUBLIC_DATA_ENTITIES = [PublicAwardTotal];
