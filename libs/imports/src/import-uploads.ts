import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { extname } from 'node:path';
import {
  BadRequestException, type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, PayloadTooLargeException, UnsupportedMediaTypeException,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { diskStorage } from 'multer';
import type { Observable } from 'rxjs';
import type { Actor } from '@app/auth';
import { AppError, forbidden, invalid } from '@app/common';
import { AppConfig } from '@app/config';
import { JobsService } from '@app/jobs';
import { IMPORT_MODES, isImportMode } from './import-options.js';
import { uploadsDir } from './upload-storage.js';

/** What the upload interceptor leaves on the request (multer's file, on disk). */
export type UploadedImportFile = { path: string; originalname: string; size: number };

const SAFE_EXTENSION = /^\.[A-Za-z0-9]{1,8}$/;

/**
 * Receives the multipart field `file` onto disk (OUTPUT_DIR/.uploads, under a random name), at most
 * UPLOAD_LIMIT_MB: a bigger file is refused with 413 while it arrives, and what was received is
 * removed. Wraps Nest's FileInterceptor (multer) to give its errors our codes and clear messages.
 */
@Injectable()
export class ImportUploadInterceptor implements NestInterceptor {
  private readonly inner: NestInterceptor;

  constructor(private readonly config: AppConfig) {
    const dir = uploadsDir(config);
    const Multer = FileInterceptor('file', {
      storage: diskStorage({
        destination: (_req, _file, done) => void mkdir(dir, { recursive: true }).then(() => done(null, dir), (e: Error) => done(e, dir)),
        filename: (_req, file, done) => {
          const ext = extname(file.originalname);
          done(null, `${randomUUID()}${SAFE_EXTENSION.test(ext) ? ext.toLowerCase() : ''}`);
        },
      }),
      limits: { fileSize: config.UPLOAD_LIMIT_MB * 1024 * 1024, files: 1, fields: 5 },
      defParamCharset: 'utf8', // browsers send a file name such as Café.csv in UTF-8 without saying so
    });
    this.inner = new Multer() as NestInterceptor;
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return (await this.inner.intercept(context, next)) as Observable<unknown>;
    } catch (e) {
      if (e instanceof PayloadTooLargeException) {
        const reason = `is larger than ${this.config.UPLOAD_LIMIT_MB} MB, the most one import takes: split it into smaller files (or ask an admin to raise UPLOAD_LIMIT_MB)`;
        throw new AppError('TOO_LARGE', `file: ${reason}`, [{ field: 'file', reason }]);
      }
      if (e instanceof BadRequestException || e instanceof UnsupportedMediaTypeException)
        throw invalid('file', `the upload could not be read (${e.message}): send one file as the multipart/form-data field "file", and the mode as the field "mode"`);
      throw e;
    }
  }
}

/** The API side of imports: checks the request and queues the `import` job. */
@Injectable()
export class ImportUploadService {
  constructor(private readonly jobs: JobsService) {}

  async start(actor: Actor, file: UploadedImportFile | undefined, mode: unknown): Promise<{ jobId: string }> {
    if (actor.role !== 'admin' && actor.role !== 'commissioner') {
      if (file) await rm(file.path, { force: true });
      throw forbidden(`the ${actor.role} role may not import grants: ask an admin or a commissioner`);
    }
    if (!file)
      throw invalid('file', 'is required: send the 360Giving JSON, CSV or XLSX file as the multipart/form-data field "file"');
    try {
      const chosen = mode === undefined || mode === '' ? 'all-or-nothing' : mode;
      if (!isImportMode(chosen)) throw invalid('mode', `must be one of ${IMPORT_MODES.join(', ')} (you sent ${JSON.stringify(mode)})`);
      const { id } = await this.jobs.enqueue('import', {
        requestedBy: actor.email,
        actor: { id: actor.id, email: actor.email, role: actor.role, directorateIds: actor.directorateIds },
        uploadPath: file.path,
        originalName: file.originalname,
        mode: chosen,
      });
      return { jobId: id };
    } catch (e) {
      await rm(file.path, { force: true });
      throw e;
    }
  }
}
