import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, LessThan } from 'typeorm';
import { AuditService } from '@app/audit';
import { BadTokenLimiter, hashToken, toActor, UsersService } from '@app/auth';
import type { Actor, User } from '@app/auth';
import { AppError } from '@app/common';
import { ConsoleSession } from './console-session.entity.js';
import { SESSION_TTL_MS } from './session-cookie.js';

export type ResolvedSession = { idHash: string; user: User; csrfToken: string; expiresAt: Date };
export type NewSession = { sessionId: string; csrfToken: string; expiresAt: Date; user: Actor };

/** Console sessions stored server-side: sign in with an API token, resolve a cookie, sign out. */
@Injectable()
export class ConsoleSessions {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly users: UsersService,
    private readonly limiter: BadTokenLimiter,
    private readonly audit: AuditService,
  ) {}

  /** Verifies the token (bad ones count towards the 429 limit) and opens a session for its user. */
  async signIn(token: string, address: string): Promise<NewSession> {
    await this.limiter.assertAllowed(address);
    const user = await this.users.findByToken(token.trim());
    if (!user) {
      await this.limiter.recordFailure(address);
      throw new AppError('UNAUTHENTICATED', 'that token is not valid or its user is disabled: paste the whole token you were given (it starts with cft_), or ask an admin for a new one');
    }
    const sessionId = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
    const actor = toActor(user);
    await this.ds.transaction(async (m) => {
      const repo = m.getRepository(ConsoleSession);
      await repo.delete({ expiresAt: LessThan(new Date()) });
      await repo.insert({ idHash: hashToken(sessionId), userId: user.id, csrfToken, expiresAt });
      await this.audit.record(m, actor, 'sign-in', 'console-session', user.id, null, { expiresAt: expiresAt.toISOString() });
    });
    return { sessionId, csrfToken, expiresAt, user: actor };
  }

  /** The live session for this cookie value, or null (unknown, expired, or its user disabled). */
  async resolve(sessionId: string): Promise<ResolvedSession | null> {
    const s = await this.ds.getRepository(ConsoleSession).findOne({ where: { idHash: hashToken(sessionId) }, relations: { user: true } });
    if (!s?.user || s.user.disabledAt || s.expiresAt.getTime() <= Date.now()) return null;
    return { idHash: s.idHash, user: s.user, csrfToken: s.csrfToken, expiresAt: s.expiresAt };
  }

  /** Ends the session at once (the cookie is worthless afterwards, even if a copy survives). */
  async signOut(session: ResolvedSession): Promise<void> {
    await this.ds.transaction(async (m) => {
      await m.getRepository(ConsoleSession).delete({ idHash: session.idHash });
      await this.audit.record(m, toActor(session.user), 'sign-out', 'console-session', session.user.id, null, null);
    });
  }
}
