import { createHash, randomBytes } from 'node:crypto';

/** Tokens are 32 random bytes; a SHA-256 of such a token cannot be reversed or guessed. */
export const newToken = (): string => `cft_${randomBytes(32).toString('base64url')}`;
export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
