/**
 * Libraries never throw HTTP exceptions. They throw a DomainError with a code; the API's
 * one error filter maps codes to HTTP statuses (see apps/api/src/error.filter.ts).
 */
export type ErrorDetail = { field: string; reason: string };

export class DomainError<C extends string = string> extends Error {
  constructor(
    readonly code: C,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The codes every library may use, and the HTTP status each means. */
export const ERROR_STATUS = {
  NOT_FOUND: 404,
  VALIDATION: 400,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  TOO_LARGE: 413,
  UNAVAILABLE: 503,
  TOO_MANY_REQUESTS: 429,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends DomainError<ErrorCode> {}

export const notFound = (entity: string, id: string) =>
  new AppError('NOT_FOUND', `${entity} ${id} does not exist: check the id, or list ${entity.toLowerCase()}s to find it`);
export const invalid = (field: string, reason: string) =>
  new AppError('VALIDATION', `${field}: ${reason}`, [{ field, reason }]);
export const forbidden = (message: string) => new AppError('FORBIDDEN', message);
