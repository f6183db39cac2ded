import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '@app/auth';

/**
 * A signed-in console session. The cookie holds a random session id; only its SHA-256 is stored,
 * so a copy of this table cannot be replayed. The API token is never stored or sent back.
 */
@Entity('console_sessions')
@Index('console_sessions_user_idx', ['userId'])
export class ConsoleSession {
  @PrimaryColumn({ name: 'id_hash', type: 'text' }) idHash: string;

  @Column({ name: 'user_id', type: 'uuid' }) userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /** Sent back by the console in X-CSRF-Token on every write made with the cookie. */
  @Column({ name: 'csrf_token', type: 'text' }) csrfToken: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
}
