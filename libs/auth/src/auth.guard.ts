import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '@app/common';
import { IS_PUBLIC, ROLES_KEY } from './auth.decorators.js';
import { Role, toActor, User } from './user.entity.js';
import { UsersService } from './users.service.js';
import { BadTokenLimiter } from './bad-token.limiter.js';

/**
 * Bearer tokens, or the console's session cookie: without an Authorization header, the console's
 * session middleware (libs/console) has already resolved the cookie to a live, enabled req.sessionUser.
 * 401 without or with a wrong token; 403 for a role that may not; 429 after repeated bad tokens.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly users: UsersService,
    private readonly limiter: BadTokenLimiter,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest();
    const address: string = req.ip ?? 'unknown';
    await this.limiter.assertAllowed(address);
    const token = bearerToken(req.headers.authorization);
    const sessionUser: User | undefined = token ? undefined : req.sessionUser;
    if (!token && !sessionUser) throw new AppError('UNAUTHENTICATED', 'sign in: send Authorization: Bearer <token> (ask an admin for a token)');
    const user = sessionUser ?? (await this.users.findByToken(token!));
    if (!user) {
      await this.limiter.recordFailure(address);
      throw new AppError('UNAUTHENTICATED', 'the token is not valid or its user is disabled: ask an admin for a new token');
    }
    req.actor = toActor(user);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(user.role))
      throw new AppError('FORBIDDEN', `the ${user.role} role may not do this; it needs one of: ${roles.join(', ')}`);
    return true;
  }
}

function bearerToken(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1] : null;
}
