import { Injectable, NestMiddleware } from '@nestjs/common';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '@app/common';
import { ConsoleSessions, ResolvedSession } from './console-sessions.service.js';
import { CSRF_HEADER, SAFE_METHODS, SESSION_COOKIE, sameSecret } from './session-cookie.js';

/** What the middleware adds to a request signed in with the console's cookie. */
export type SessionRequest = Request & { consoleSession?: ResolvedSession; sessionUser?: ResolvedSession['user'] };

const SIGN_IN_PATH = '/console/session';

/**
 * Resolves the console's session cookie to its user before the AuthGuard runs (the guard reads
 * req.sessionUser when no Bearer header is sent). A request that carries an Authorization header
 * never uses the cookie. A write (not GET/HEAD/OPTIONS) made with the cookie must carry the
 * session's X-CSRF-Token, or it is refused with 403 before it reaches any controller.
 */
@Injectable()
export class ConsoleSessionMiddleware implements NestMiddleware {
  private readonly parseCookies = cookieParser();

  constructor(private readonly sessions: ConsoleSessions) {}

  async use(req: SessionRequest, res: Response, next: NextFunction): Promise<void> {
    await new Promise<void>((resolve, reject) => this.parseCookies(req, res, (e?: unknown) => (e ? reject(e) : resolve())));
    const sessionId: unknown = req.cookies?.[SESSION_COOKIE];
    if (typeof sessionId !== 'string' || !sessionId || req.headers.authorization !== undefined) return next();
    const session = await this.sessions.resolve(sessionId);
    if (!session) return next(); // expired, signed out or disabled: the guard answers 401
    if (!SAFE_METHODS.has(req.method) && !isSignIn(req)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameSecret(sent, session.csrfToken))
        throw new AppError('FORBIDDEN', 'X-CSRF-Token: a change made with the console session needs the X-CSRF-Token header from GET /console/session; reload the console and try again');
    }
    req.consoleSession = session;
    req.sessionUser = session.user;
    next();
  }
}

const isSignIn = (req: Request) => req.method === 'POST' && req.originalUrl.split('?')[0].replace(/\/+$/, '') === SIGN_IN_PATH;
