import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { RULES, type RuleId } from '@app/compliance';
import { jobOutputDir, progressReporter, streamToFile, writeOutputAtomically } from '@app/jobs';
import type { JobContext, JobHandler, JobResult } from '@app/jobs';
import { resolveScope, type AwardScope } from '../shared/award-scope.js';
import { FINDING_LABEL, FLAG_LABEL, KIND_LABEL, RECIPIENT_TYPE_LABEL, STATUS_LABEL, label } from '../shared/labels.js';
import { withSnapshot, type Snapshot } from '../shared/snapshot.js';
import { write } from '../shared/text-output.js';
import { StreamingWorkbook, dateCell, poundsCell, type CellValue } from '../shared/xlsx.js';
import { AWARD_COLUMNS, BY_DIRECTORATE_COLUMNS, COMPLIANCE_COLUMNS, CROSS_DIRECTORATE_COLUMNS, FLAG_COLUMNS, ORGANISATION_COLUMNS } from './funding-database.sheets.js';
import { assessAward, complianceSource, type ComplianceSource } from './award-compliance.js';
import {
  awardsSql, BY_DIRECTORATE_SQL, COUNT_AWARDS_SQL, crossDirectorateSql, DUPLICATE_TABLES_SQL, ORGANISATIONS_SQL,
  type AwardRow, type CrossDirectorateRow, type DirectorateTotalRow, type DuplicateTables, type OrganisationRow,
} from './funding-database.queries.js';

export const FUNDING_DATABASE_FILE = 'funding-database.xlsx';

type Progress = (done: number) => Promise<void>;
/** Awards per cursor fetch: fewer round trips for the biggest sheet, still a few MB at most. */
const AWARD_BATCH = 1000;
/** [award id, directorate, recipient, rule, status, message] */
type SpooledFinding = [string, string, string, string, string, string];

/**
 * funding-database → funding-database.xlsx (CONTRACT.md outputs), written with exceljs's
 * streaming writer from server-side cursors inside one snapshot: sheets Awards, Organisations,
 * Cross-directorate funding, Compliance and By directorate. Drafts are left out.
 */
@Injectable()
export class FundingDatabaseJob implements JobHandler<'funding-database'> {
  readonly jobName = 'funding-database' as const;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly config: AppConfig,
  ) {}

  run(ctx: JobContext<'funding-database'>): Promise<JobResult> {
    const dir = jobOutputDir(this.config.OUTPUT_DIR, ctx.id);
    return withSnapshot(this.ds, async (snapshot) => {
      const scope = await resolveScope(snapshot, ctx.data.params);
      const [{ n: awards }] = await snapshot.query<{ n: number }>(COUNT_AWARDS_SQL, scope.params);
      const compliance = await complianceSource(snapshot);
      await ctx.progress(1);
      const counts = { awards, organisations: 0, crossDirectorate: 0, findings: 0 };
      await mkdir(dir, { recursive: true });
      // The Compliance sheet comes after three others, so its rows wait in a file (never in memory).
      const spool = join(dir, `.compliance-${randomBytes(4).toString('hex')}.partial`);
      try {
        const file = await writeOutputAtomically(dir, FUNDING_DATABASE_FILE, async (tmp) => {
          const book = new StreamingWorkbook(tmp);
          counts.findings = await this.writeAwards(book, snapshot, scope, compliance, spool, progressReporter(ctx, awards, 1, 70));
          counts.organisations = await this.writeOrganisations(book, snapshot, scope);
          await ctx.progress(75);
          counts.crossDirectorate = await this.writeCrossDirectorate(book, snapshot, scope);
          await ctx.progress(80);
          await this.writeCompliance(book, spool, progressReporter(ctx, counts.findings, 80, 97));
          await this.writeByDirectorate(book, snapshot, scope);
          await ctx.progress(99);
          await book.commit();
        });
        await ctx.progress(100);
        return { files: [file], scope: scope.description, ...counts };
      } finally {
        await rm(spool, { force: true });
      }
    });
  }

  /** The Awards sheet; each award's warn and fail findings go to the spool. Returns the number of findings. */
  private async writeAwards(
    book: StreamingWorkbook, snapshot: Snapshot, scope: AwardScope, compliance: ComplianceSource, spool: string, progress: Progress,
  ): Promise<number> {
    const sheet = book.sheet('Awards', AWARD_COLUMNS);
    let findings = 0;
    await streamToFile(spool, async (out) => {
      for await (const batch of snapshot.batches<AwardRow>(awardsSql(compliance.findingsTable), scope.params, AWARD_BATCH)) {
        let spooled = '';
        for (const r of batch) {
          const c = assessAward(r, compliance.profile);
          sheet.addRow([
            r.id, r.external_id, r.funder_name, r.funder_org_id, r.directorate_name, r.directorate_code,
            r.recipient_name, label(RECIPIENT_TYPE_LABEL, r.recipient_type), r.charity_number, r.company_number, r.recipient_org_id, r.postcode,
            label(KIND_LABEL, r.kind), r.title, r.programme,
            poundsCell(r.amount_pence), poundsCell(r.paid_pence),
            dateCell(r.award_date), dateCell(r.planned_start_date), dateCell(r.planned_end_date),
            label(STATUS_LABEL, r.status), dateCell(r.published_on), dateCell(r.ending_notice_date), dateCell(r.ending_effective_date),
            label(FINDING_LABEL, c.status), c.warnings, c.failures, c.toReview.map((f) => f.rule).join(', ') || null,
          ]);
          for (const f of c.toReview) {
            const line: SpooledFinding = [r.id, r.directorate_name, r.recipient_name, f.rule, f.status, f.message];
            spooled += `${JSON.stringify(line)}\n`;
          }
          findings += c.toReview.length;
        }
        if (spooled) await write(out, spooled);
        await progress(sheet.rowsWritten);
        await sheet.drain();
      }
    });
    sheet.end();
    return findings;
  }

  private async writeOrganisations(book: StreamingWorkbook, snapshot: Snapshot, scope: AwardScope): Promise<number> {
    const sheet = book.sheet('Organisations', ORGANISATION_COLUMNS);
    for await (const batch of snapshot.batches<OrganisationRow>(ORGANISATIONS_SQL, scope.params)) {
      for (const r of batch)
        sheet.addRow([
          r.id, r.name, label(RECIPIENT_TYPE_LABEL, r.type), r.charity_number, r.company_number, r.org_id, r.postcode,
          r.awards, poundsCell(r.total_pence), r.directorates, r.funders, r.directorate_names, dateCell(r.first_award), dateCell(r.last_award),
        ]);
      await sheet.drain();
    }
    sheet.end();
    return sheet.rowsWritten;
  }

  private async writeCrossDirectorate(book: StreamingWorkbook, snapshot: Snapshot, scope: AwardScope): Promise<number> {
    const [tables] = await snapshot.query<DuplicateTables>(DUPLICATE_TABLES_SQL);
    const sheet = book.sheet('Cross-directorate funding', tables.flags ? [...CROSS_DIRECTORATE_COLUMNS, ...FLAG_COLUMNS] : CROSS_DIRECTORATE_COLUMNS);
    for await (const batch of snapshot.batches<CrossDirectorateRow>(crossDirectorateSql(tables), scope.params)) {
      for (const r of batch) {
        const others = r.names.split('; ').filter((n) => n !== r.name).join('; ') || null;
        const row: CellValue[] = [
          r.id, r.name, others, r.records, r.charity_numbers, r.company_numbers, r.postcodes, r.directorates, r.directorate_names, r.funder_names,
          r.awards, poundsCell(r.total_pence), dateCell(r.overlap_from), dateCell(r.overlap_to), r.shared_programme ? 'Yes' : 'No', r.programmes,
        ];
        if (tables.flags) row.push(r.flag_id, label(FLAG_LABEL, r.flag_severity), label(FLAG_LABEL, r.flag_status), r.flag_note);
        sheet.addRow(row);
      }
      await sheet.drain();
    }
    sheet.end();
    return sheet.rowsWritten;
  }

  /** Every warn and fail finding, one row each (passes and not-applicable ones are left out), read back from the spool. */
  private async writeCompliance(book: StreamingWorkbook, spool: string, progress: Progress): Promise<void> {
    const sheet = book.sheet('Compliance', COMPLIANCE_COLUMNS);
    const lines = createInterface({ input: createReadStream(spool, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      const [awardId, directorate, recipient, rule, status, message] = JSON.parse(line) as SpooledFinding;
      sheet.addRow([awardId, directorate, recipient, rule, RULES[rule as RuleId]?.title ?? rule, label(FINDING_LABEL, status), message]);
      if (sheet.rowsWritten % 2000 === 0) {
        await progress(sheet.rowsWritten);
        await sheet.drain();
      }
    }
    sheet.end();
  }

  private async writeByDirectorate(book: StreamingWorkbook, snapshot: Snapshot, scope: AwardScope): Promise<void> {
    const sheet = book.sheet('By directorate', BY_DIRECTORATE_COLUMNS);
    for (const r of await snapshot.query<DirectorateTotalRow>(BY_DIRECTORATE_SQL, scope.params))
      sheet.addRow([
        r.funder_name, r.directorate_code, r.directorate_name, label(KIND_LABEL, r.kind), r.awards, r.recipients,
        poundsCell(r.total_pence), poundsCell(r.paid_pence),
      ]);
    sheet.end();
  }
}
