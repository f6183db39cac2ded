import type { Actor } from '@app/auth';
import { AppError } from '@app/common';

/** Admins write any award; commissioners only awards of their own directorates (and cannot move one out). */
export function assertMayWriteDirectorate(actor: Actor, directorateId: string): void {
  if (actor.role === 'admin') return;
  if (actor.role === 'commissioner' && actor.directorateIds.includes(directorateId)) return;
  if (actor.role === 'commissioner')
    throw new AppError('FORBIDDEN', `you commission for other directorates: this award's directorate (${directorateId}) is not one of yours; ask an admin to add it to your account`);
  throw new AppError('FORBIDDEN', `the ${actor.role} role reads awards but may not change them`);
}
