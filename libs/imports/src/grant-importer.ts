import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, QueryRunner } from 'typeorm';
import { AppError } from '@app/common';
import { AuditService } from '@app/audit';
import { AwardHooks } from '@app/awards';
import { ComplianceRecorder } from '@app/compliance';
import { OrganisationHooks } from '@app/organisations';
import { progressReporter } from '@app/jobs';
import { ImportFileError, readGrantFile, toImportedGrant, type GrantFileReading } from './parsing/index.js';
import { ImportBatchWriter } from './import-batch-writer.js';
import { auditActorOf, type ImportOptions } from './import-options.js';
import { createImportRowValidator } from './import-row-validator.js';
import { describeRejectedImport, describeUnreadableFile, RejectedRows, type ImportResult } from './import-report.js';
import type { PendingGrant } from './pending-grant.js';

/** Rows per multi-row statement. */
export const IMPORT_BATCH_ROWS = 2500;
/** Progress while the file is read and written; the award hooks take it from there to 99. */
const READ_PROGRESS = 60;
/** Imports take this transaction-level advisory lock, so that two never create the same organisation twice. */
const IMPORT_LOCK = 360_360_007;

/** An import that wrote nothing: all-or-nothing with bad rows, or a file that cannot be read. `result` is the report. */
export class ImportRejected extends AppError {
  constructor(
    message: string,
    readonly result: ImportResult,
    readonly problem: ImportFileError['problem'] | 'INVALID_ROWS',
  ) {
    super('VALIDATION', message, [{ field: 'file', reason: message.split('\n')[0] }]);
  }
}

/**
 * Imports a 360Giving JSON, CSV or XLSX file (GrantImporter.importFile). AwardHooks (compliance
 * findings, duplicate-funding flags) run once the whole file is written, inside the transaction,
 * over every award changed or created for an organisation already known; OrganisationHooks run once
 * for the organisations created, after the commit: their match job clusters them and computes the
 * flags of their awards (ImportBatchWriter.runAwardHooks). The file is read as a
 * stream and each row validated; valid rows are written in batches of IMPORT_BATCH_ROWS while the
 * next batch is read, all in ONE transaction that commits only once the whole file has been read
 * (a whole-file problem may appear late). all-or-nothing: after the first bad row nothing more is
 * written, the rest is still validated for the report, and the transaction is rolled back.
 */
@Injectable()
export class GrantImporter {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly hooks: AwardHooks,
    private readonly organisationHooks: OrganisationHooks,
    private readonly compliance: ComplianceRecorder,
  ) {}

  /** The import's result, or ImportRejected (nothing written). */
  async importFile(file: { path: string; filename: string }, options: ImportOptions): Promise<ImportResult> {
    const reading = readGrantFile(file);
    const rejected = new RejectedRows();
    const qr = this.ds.createQueryRunner();
    await qr.connect();
    let writer: ImportBatchWriter | null = null;
    try {
      await qr.startTransaction();
      await qr.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
      writer = new ImportBatchWriter(qr.manager, this.audit, this.hooks, options, rejected, this.compliance);
      await writer.start();
      await this.readAndWrite(file, reading, writer, rejected, options);
      const result = this.result(file, options, reading, writer, rejected);
      if (options.mode === 'all-or-nothing' && rejected.rows > 0) throw new ImportRejected(describeRejectedImport(result), result, 'INVALID_ROWS');
      const hooksProgress = options.progress ? progressReporter({ progress: options.progress }, 1, READ_PROGRESS, 99, 1) : undefined;
      await writer.applyComplianceCounts();
      await writer.runAwardHooks(hooksProgress);
      await this.audit.record(qr.manager, auditActorOf(options.actor), 'import', 'import', options.importId, null, { ...result, rejected: undefined });
      await qr.commitTransaction();
      // after the commit, as OrganisationsService does: the duplicates matcher queues a job that must read them
      if (result.organisationsCreated) await this.organisationHooks.afterCommit(writer.createdOrganisationIds(), 'created');
      await options.progress?.(100);
      return result;
    } catch (e) {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      if (e instanceof ImportFileError) {
        const result = { ...this.result(file, options, reading, writer, rejected), created: 0, updated: 0, unchanged: 0 };
        throw new ImportRejected(describeUnreadableFile(e.message, result), result, e.problem);
      }
      throw e;
    } finally {
      await qr.release();
    }
  }

  private async readAndWrite(file: { path: string; filename: string }, reading: GrantFileReading, writer: ImportBatchWriter, rejected: RejectedRows, options: ImportOptions) {
    const validate = createImportRowValidator();
    const allOrNothing = options.mode === 'all-or-nothing';
    const total = await estimateRows(file);
    const progress = options.progress ? progressReporter({ progress: options.progress }, total ?? 0, 0, READ_PROGRESS, 1) : null;
    if (total === null) await options.progress?.(10);
    let batch: PendingGrant[] = [];
    // One batch is written while the next is read: the database and the parser work at once.
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      await writing;
      const rows = batch;
      batch = [];
      if (rows.length && !(allOrNothing && rejected.rows > 0)) writing = writer.write(rows);
      writing.catch(() => undefined); // awaited on the next flush or at the end
    };
    let read = 0;
    try {
      for await (const parsed of reading.rows) {
        read++;
        const errors = validate(parsed);
        if (errors.length) rejected.add(errors);
        else if (!(allOrNothing && rejected.rows > 0)) batch.push({ row: parsed.row, columnTitles: parsed.columnTitles, grant: toImportedGrant(parsed.grant) });
        if (batch.length >= IMPORT_BATCH_ROWS) {
          await flush();
          if (total !== null) await progress?.(Math.min(read, total));
        }
      }
      await flush();
      await writing;
    } catch (e) {
      await writing.catch(() => undefined); // the reading error is the one to report
      throw e;
    }
    if (total === null) await options.progress?.(READ_PROGRESS);
  }

  private result(file: { filename: string }, options: ImportOptions, reading: GrantFileReading, writer: ImportBatchWriter | null, rejected: RejectedRows): ImportResult {
    const counts = writer?.counts ?? { created: 0, updated: 0, unchanged: 0 };
    const failed = options.mode === 'all-or-nothing' && rejected.rows > 0;
    return {
      file: file.filename,
      mode: options.mode,
      format: reading.report.format,
      encoding: reading.report.encoding,
      sheet: reading.report.sheet,
      unknownColumns: reading.report.unknownColumns,
      rows: reading.report.rows,
      created: failed ? 0 : counts.created,
      updated: failed ? 0 : counts.updated,
      unchanged: failed ? 0 : counts.unchanged,
      rejected: rejected.list(),
      rejectedCount: rejected.count,
      rejectedRows: rejected.rows,
      fundersCreated: failed ? 0 : (writer?.fundersCreated ?? 0),
      directoratesCreated: failed ? 0 : (writer?.directoratesCreated ?? 0),
      organisationsCreated: failed ? 0 : (writer?.organisationsCreated ?? 0),
    };
  }
}

/** Rows in a CSV file, estimated by its line breaks for progress (one pass at disk speed); null for JSON and XLSX. */
async function estimateRows(file: { path: string; filename: string }): Promise<number | null> {
  if (extname(file.filename).toLowerCase() !== '.csv') return null;
  let lf = 0;
  let cr = 0;
  for await (const chunk of createReadStream(file.path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lf++;
    if (lf === 0) for (let i = chunk.indexOf(13); i !== -1; i = chunk.indexOf(13, i + 1)) cr++;
  }
  return Math.max(1, (lf || cr) - 1);
}
