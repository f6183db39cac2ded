import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ROLES = ['admin', 'commissioner', 'finance', 'executive'] as const;
export type Role = (typeof ROLES)[number];

@Entity('users')
@Check('users_role_check', `role IN ('admin','commissioner','finance','executive')`)
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'text', unique: true }) email: string;

  @Column({ type: 'text' }) role: Role;

  /** Directorates a commissioner may write awards for (empty for other roles). */
  @Column({ name: 'directorate_ids', type: 'uuid', array: true, default: () => "'{}'" }) directorateIds: string[];

  /** SHA-256 of the bearer token; the token itself is shown once and never stored. */
  @Column({ name: 'token_hash', type: 'text', unique: true }) tokenHash: string;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true }) disabledAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** Who is acting: what services need to know about the caller. */
export type Actor = { id: string; email: string; role: Role; directorateIds: string[] };
export const toActor = (u: User): Actor => ({ id: u.id, email: u.email, role: u.role, directorateIds: u.directorateIds });
