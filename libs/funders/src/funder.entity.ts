import { Column, CreateDateColumn, Entity, Index, ManyToOne, JoinColumn, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

/** A public body that funds the sector: council, NHS body, police, fire. */
@Entity('funders')
export class Funder {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) name: string;
  /** Org-id such as GB-LAE-MIK (stored upper-case). */
  @Column({ name: 'org_id', type: 'text', unique: true }) orgId: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** A part of a funder that awards funding on its own budget (Adult Social Care, Public Health…). */
@Entity('directorates')
@Unique('directorates_funder_code_key', ['funderId', 'code'])
export class Directorate {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index('directorates_funder_idx')
  @Column({ name: 'funder_id', type: 'uuid' }) funderId: string;
  @ManyToOne(() => Funder, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'funder_id' })
  funder?: Funder;
  @Column({ type: 'text' }) code: string;
  @Column({ type: 'text' }) name: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
