import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { AppError, ERROR_STATUS, ErrorDetail } from '@app/common';

const REASON: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
  413: 'Payload Too Large', 415: 'Unsupported Media Type', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

export type ErrorBody = { statusCode: number; error: string; code: string; message: string[]; details?: ErrorDetail[]; errorId?: string };

/**
 * The one place where errors become HTTP. Domain errors map by code; Nest's own HTTP errors pass
 * through; an unreachable database or queue is a 503 and anything else a 500, both with an errorId that is
 * in the log, never the internals.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Error');

  catch(e: unknown, host: ArgumentsHost) {
    const res = host.switchToHttp().getResponse<Response>();
    const body = toErrorBody(e, this.logger);
    if (body.statusCode === 429) res.setHeader('Retry-After', '60');
    if (body.statusCode === 503) res.setHeader('Retry-After', '30');
    res.status(body.statusCode).json(body);
  }
}

export function toErrorBody(e: unknown, logger: Logger): ErrorBody {
  if (e instanceof AppError) {
    const statusCode = ERROR_STATUS[e.code];
    const message = e.details?.length ? e.details.map((d) => `${d.field}: ${d.reason}`) : [e.message];
    return { statusCode, error: REASON[statusCode], code: e.code, message, ...(e.details?.length ? { details: e.details } : {}) };
  }
  if (e instanceof HttpException) {
    const statusCode = e.getStatus();
    const r = e.getResponse() as string | { message?: string | string[]; details?: ErrorDetail[] };
    const message = typeof r === 'string' ? [r] : Array.isArray(r.message) ? r.message : [r.message ?? e.message];
    const details = typeof r === 'object' && r.details ? { details: r.details } : {};
    return { statusCode, error: REASON[statusCode] ?? e.name, code: HttpStatus[statusCode] ?? 'ERROR', message, ...details };
  }
  const status = httpStatusOf(e);
  if (status) return { statusCode: status.code, error: REASON[status.code] ?? 'Error', code: HttpStatus[status.code], message: [status.message] };
  const errorId = randomUUID();
  if (isConnectionFailure(e)) {
    logger.error({ errorId, err: e }, `database or queue unreachable ${errorId}`);
    return { statusCode: 503, error: REASON[503], code: 'UNAVAILABLE', message: [`the database or the job queue is unreachable right now: try again in a minute (error id ${errorId})`], errorId };
  }
  logger.error({ errorId, err: e }, `unhandled error ${errorId}`);
  return { statusCode: 500, error: REASON[500], code: 'INTERNAL', message: [`something went wrong on our side; quote error id ${errorId} to support`], errorId };
}

/** Network errors and PostgreSQL's connection SQLSTATEs (class 08, 57P01-03: server shutting down or starting). */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', '57P01', '57P02', '57P03']);

/** PostgreSQL or Redis could not be reached: a 503 the caller may retry, not a bug. */
function isConnectionFailure(e: unknown): boolean {
  const err = e as { code?: unknown; driverError?: { code?: unknown }; message?: unknown };
  const code = String(err?.driverError?.code ?? err?.code ?? '');
  if (CONNECTION_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  return typeof err?.message === 'string' && /^(Connection terminated|timeout exceeded when trying to connect|Connection is closed)/.test(err.message);
}

/** body-parser and multer errors carry an HTTP status of their own (400 bad JSON, 413 too large). */
function httpStatusOf(e: unknown): { code: number; message: string } | null {
  const err = e as { status?: number; statusCode?: number; type?: string; code?: string; message?: string };
  const code = err?.status ?? err?.statusCode;
  if (err?.code === 'LIMIT_FILE_SIZE') return { code: 413, message: 'file: the upload is larger than the limit; split the file or ask an admin to raise UPLOAD_LIMIT_MB' };
  if (typeof code !== 'number' || code < 400 || code >= 500) return null;
  if (err.type === 'entity.parse.failed') return { code: 400, message: `body: the request body is not valid JSON (${err.message}); check quotes and commas` };
  if (err.type === 'entity.too.large') return { code: 413, message: 'body: the request body is larger than the limit (1 MB); send fewer rows at a time or use POST /api/imports' };
  return { code, message: err.message ?? 'bad request' };
}
