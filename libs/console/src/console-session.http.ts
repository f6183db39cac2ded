import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { toActor } from '@app/auth';
import type { Actor } from '@app/auth';
import { AppError } from '@app/common';
import { ConsoleSessions } from './console-sessions.service.js';
import type { SessionRequest } from './session.middleware.js';
import { SESSION_COOKIE, sessionCookieOptions } from './session-cookie.js';

export type SessionView = { user: Actor; csrfToken: string; expiresAt: string };

/** The HTTP side of console sessions: sets and clears the cookie around ConsoleSessions. */
@Injectable()
export class ConsoleSessionHttp {
  constructor(private readonly sessions: ConsoleSessions) {}

  async signIn(token: string, req: SessionRequest, res: Response): Promise<SessionView> {
    const s = await this.sessions.signIn(token, req.ip ?? 'unknown');
    res.cookie(SESSION_COOKIE, s.sessionId, sessionCookieOptions(req));
    return { user: s.user, csrfToken: s.csrfToken, expiresAt: s.expiresAt.toISOString() };
  }

  /** Who the cookie belongs to, and the CSRF token the console must send with each write. */
  current(req: SessionRequest): SessionView {
    const s = req.consoleSession;
    if (!s) throw new AppError('UNAUTHENTICATED', 'not signed in to the console (or the session has ended): sign in again with your API token');
    return { user: toActor(s.user), csrfToken: s.csrfToken, expiresAt: s.expiresAt.toISOString() };
  }

  async signOut(req: SessionRequest, res: Response): Promise<void> {
    if (req.consoleSession) await this.sessions.signOut(req.consoleSession);
    const { maxAge: _drop, ...clear } = sessionCookieOptions(req);
    res.clearCookie(SESSION_COOKIE, clear);
  }
}
