import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Actor, Role } from './user.entity.js';

export const IS_PUBLIC = 'auth:public';
export const ROLES_KEY = 'auth:roles';

/** No token needed (public data, health, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** Only these roles may call the route; without it any signed-in role may. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** Staff who may read everything. */
export const STAFF: Role[] = ['admin', 'commissioner', 'finance', 'executive'];

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => ctx.switchToHttp().getRequest().actor);
