import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ORGANISATION_TYPES = ['charity', 'company', 'cic', 'community_group', 'public_body', 'individual'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/**
 * A recipient of funding. Identifiers are stored normalised (charity number digits only, company
 * number padded to 8, org-id upper-case) so that equal identifiers compare equal in SQL.
 * An `individual` is a person: never published by name.
 */
@Entity('organisations')
@Check('organisations_type_check', `type IN ('charity','company','cic','community_group','public_body','individual')`)
@Index('organisations_charity_number_idx', ['charityNumber'])
@Index('organisations_company_number_idx', ['companyNumber'])
@Index('organisations_org_id_idx', ['orgId'])
@Index('organisations_postcode_idx', ['postcode'])
// GIN trigram on name for the staff award list's search (migration AwardListIndexes).
@Index('organisations_name_trgm_idx', { synchronize: false })
export class Organisation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', default: 'community_group' }) type: OrganisationType;
  @Column({ name: 'charity_number', type: 'text', nullable: true }) charityNumber: string | null;
  @Column({ name: 'company_number', type: 'text', nullable: true }) companyNumber: string | null;
  @Column({ name: 'org_id', type: 'text', nullable: true }) orgId: string | null;
  @Column({ type: 'text', nullable: true }) postcode: string | null;
  /** Other names it is known or was known by (renames, abbreviations). */
  @Column({ type: 'text', array: true, default: () => "'{}'" }) aliases: string[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
