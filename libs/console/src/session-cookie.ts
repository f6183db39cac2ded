import type { CookieOptions, Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'cft_session';
export const CSRF_HEADER = 'x-csrf-token';
/** A working day: the console asks for the token again after this (absolute, not sliding). */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

/** HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Secure over https. */
export function sessionCookieOptions(req: Request, maxAgeMs = SESSION_TTL_MS): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure, maxAge: maxAgeMs };
}

/** Methods that change nothing and so need no CSRF token. */
export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Constant-time comparison of two strings of any length. */
export function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y) && a.length === b.length;
}
