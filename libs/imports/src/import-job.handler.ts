import { rm } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { DEFAULT_JOB_OPTIONS, InvalidJobInput, type JobContext, type JobHandler, type JobResult } from '@app/jobs';
import { GrantImporter, ImportRejected } from './grant-importer.js';
import { isImportMode } from './import-options.js';
import { uploadsDir } from './upload-storage.js';

/**
 * The `import` job: GrantImporter on the uploaded file. A file that fails (bad rows in
 * all-or-nothing mode, or unreadable) fails the job without retry; its error is a sentence for
 * people followed by the report as JSON on the second line (parseImportFailure). The upload is
 * deleted once the job is over (success, bad input, or the last attempt), never a file outside the
 * uploads folder.
 */
@Injectable()
export class ImportJobHandler implements JobHandler<'import'> {
  readonly jobName = 'import' as const;
  private readonly logger = new Logger(ImportJobHandler.name);

  constructor(
    private readonly importer: GrantImporter,
    private readonly config: AppConfig,
  ) {}

  async run(ctx: JobContext<'import'>): Promise<JobResult> {
    const { uploadPath, originalName, mode, actor } = ctx.data;
    let finished = false;
    try {
      if (!isImportMode(mode)) throw new InvalidJobInput(`mode: ${String(mode)} is not an import mode; use all-or-nothing or valid-rows`);
      const result = await this.importer.importFile(
        { path: uploadPath, filename: originalName },
        { mode, actor: actor ?? null, importId: ctx.id, progress: ctx.progress },
      );
      finished = true;
      return result;
    } catch (e) {
      if (e instanceof ImportRejected) {
        finished = true;
        throw new InvalidJobInput(e.message);
      }
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        finished = true;
        throw new InvalidJobInput(`the uploaded file ${originalName} is no longer on the server (${uploadPath}): upload it again`);
      }
      if (e instanceof InvalidJobInput) finished = true;
      throw e;
    } finally {
      if (finished || ctx.attempt >= (DEFAULT_JOB_OPTIONS.attempts ?? 1)) await this.removeUpload(uploadPath);
    }
  }

  private async removeUpload(path: string): Promise<void> {
    const dir = uploadsDir(this.config);
    if (!resolve(path).startsWith(dir + sep)) return; // a file someone else owns (a script's or a benchmark's)
    await rm(path, { force: true }).catch((e: Error) => this.logger.warn(`could not delete the upload ${path}: ${e.message}`));
  }
}
