/**
 * The baseline of the workbook benchmark: a bare exceljs streaming WorkbookWriter writing the same
 * workbook as the `funding-database` job — the same five sheets with the same rows, cells, number
 * formats (pounds, dates, integers), bold frozen headers and filters — read from PostgreSQL through
 * a plain pg client with server-side cursors in one snapshot. It shares with the product only what
 * the workbook *is* (column headings, the queries that choose its rows, the words for codes), never
 * how it is written: no product writer, reader, job or Nest. Runs in a child process like the job.
 *
 * Compliance comes from the findings the compliance job stored (the bench makes sure they are there):
 * each award's row summarises them, and the Compliance sheet lists the warn and fail ones, from a
 * second pass over the awards in the same order (a sheet must be finished before the next starts).
 */
import ExcelJS from 'exceljs';
import pg from 'pg';
import { RULES, type RuleId } from '@app/compliance';
import {
  AWARD_COLUMNS, awardsSql, BY_DIRECTORATE_COLUMNS, BY_DIRECTORATE_SQL, COMPLIANCE_COLUMNS, CROSS_DIRECTORATE_COLUMNS, crossDirectorateSql,
  DATE_FORMAT, DUPLICATE_TABLES_SQL, FINDING_LABEL, FLAG_COLUMNS, FLAG_LABEL, KIND_LABEL, ORGANISATION_COLUMNS, ORGANISATIONS_SQL,
  POUNDS_FORMAT, RECIPIENT_TYPE_LABEL, STATUS_LABEL, type SheetColumn,
} from '@app/exports';

const BATCH = 5000;
/** No funder, directorate or period: the queries' $1-$4. */
const ALL = [null, null, null, null];

/** The awards again, in the Awards sheet's order (the award-date index streams them), for their stored findings. */
const FINDINGS_SQL = `
  SELECT a.id, d.name AS directorate, o.name AS recipient, cr.findings
    FROM awards a JOIN directorates d ON d.id = a.directorate_id JOIN organisations o ON o.id = a.recipient_organisation_id
    JOIN compliance_findings cr ON cr.subject_type = 'award' AND cr.subject_id = a.id
   WHERE a.status <> 'draft'
   ORDER BY a.award_date, a.id`;

type Row = Record<string, unknown> & { [k: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
type Cell = string | number | Date | null;

const day = (iso: string | null) => {
  if (!iso) return null;
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
};
const pounds = (pence: string | null) => (pence === null ? null : Number(pence) / 100);
const word = (words: Record<string, string>, code: string | null) => (code === null ? null : words[code] ?? code);
const NUM_FMT: Record<string, string> = { money: POUNDS_FORMAT, date: DATE_FORMAT, integer: '0' };

/** sheets: rows per sheet; sheetMs: wall time per sheet (query and writing). */
export type BaselineResult = { ms: number; cpuMs: number; rows: number; bytes: number; sheets: Record<string, number>; sheetMs: Record<string, number> };

export async function xlsxBaseline(args: { dbUrl: string; path: string }): Promise<BaselineResult> {
  const { statSync } = await import('node:fs');
  const client = new pg.Client({ connectionString: args.dbUrl, application_name: 'bench-xlsx-baseline' });
  await client.connect();
  let cursors = 0;
  /** A server-side cursor over sql, BATCH rows per round trip. */
  async function* read(sql: string, params: unknown[] = []): AsyncGenerator<Row[]> {
    const name = `c${++cursors}`;
    await client.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, params);
    for (;;) {
      const { rows } = await client.query(`FETCH ${BATCH} FROM ${name}`);
      if (rows.length) yield rows;
      if (rows.length < BATCH) break;
    }
    await client.query(`CLOSE ${name}`);
  }
  try {
    const started = performance.now();
    const cpu = process.cpuUsage();
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: args.path, useStyles: true, useSharedStrings: false });
    const sheets: Record<string, number> = {};
    const sheetMs: Record<string, number> = {};

    /** A sheet with a bold frozen header, a shared number-format style per column, and a filter over the header. */
    const sheet = (name: string, columns: SheetColumn[]) => {
      const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
      ws.columns = columns.map((c) => ({ width: c.width }));
      const header = ws.addRow(columns.map((c) => c.header));
      header.font = { bold: true };
      header.commit();
      const opened = performance.now();
      const styles = columns.map((c) => (NUM_FMT[c.kind ?? ''] ? { numFmt: NUM_FMT[c.kind!] } : {}));
      let n = 0;
      return {
        add(values: Cell[]) {
          const row = ws.addRow(values);
          for (let i = 0; i < styles.length; i++) row.getCell(i + 1).style = styles[i];
          row.commit();
          n++;
        },
        end() {
          sheetMs[name] = Math.round(performance.now() - opened);
          ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: n + 1, column: columns.length } };
          ws.commit();
          sheets[name] = n;
        },
      };
    };

    const awards = sheet('Awards', AWARD_COLUMNS);
    for await (const batch of read(awardsSql('compliance_findings'), ALL)) {
      for (const r of batch) {
        const review = r.stored_findings ? (JSON.parse(r.stored_findings) as { rule: string; status: string }[]).filter((f) => f.status === 'warn' || f.status === 'fail') : [];
        const failures = review.filter((f) => f.status === 'fail').length;
        awards.add([
          r.id, r.external_id, r.funder_name, r.funder_org_id, r.directorate_name, r.directorate_code,
          r.recipient_name, word(RECIPIENT_TYPE_LABEL, r.recipient_type), r.charity_number, r.company_number, r.recipient_org_id, r.postcode,
          word(KIND_LABEL, r.kind), r.title, r.programme, pounds(r.amount_pence), pounds(r.paid_pence),
          day(r.award_date), day(r.planned_start_date), day(r.planned_end_date),
          word(STATUS_LABEL, r.status), day(r.published_on), day(r.ending_notice_date), day(r.ending_effective_date),
          word(FINDING_LABEL, failures ? 'fail' : review.length ? 'warn' : 'pass'), review.length - failures, failures, review.map((f) => f.rule).join(', ') || null,
        ]);
      }
      await new Promise((res) => setImmediate(res));
    }
    awards.end();

    const organisations = sheet('Organisations', ORGANISATION_COLUMNS);
    for await (const batch of read(ORGANISATIONS_SQL, ALL))
      for (const r of batch)
        organisations.add([
          r.id, r.name, word(RECIPIENT_TYPE_LABEL, r.type), r.charity_number, r.company_number, r.org_id, r.postcode,
          r.awards, pounds(r.total_pence), r.directorates, r.funders, r.directorate_names, day(r.first_award), day(r.last_award),
        ]);
    organisations.end();

    const { rows: [tables] } = await client.query(DUPLICATE_TABLES_SQL);
    const cross = sheet('Cross-directorate funding', tables.flags ? [...CROSS_DIRECTORATE_COLUMNS, ...FLAG_COLUMNS] : CROSS_DIRECTORATE_COLUMNS);
    for await (const batch of read(crossDirectorateSql(tables), ALL))
      for (const r of batch) {
        const values: Cell[] = [
          r.id, r.name, r.names.split('; ').filter((n: string) => n !== r.name).join('; ') || null, r.records, r.charity_numbers, r.company_numbers,
          r.postcodes, r.directorates, r.directorate_names, r.funder_names, r.awards, pounds(r.total_pence), day(r.overlap_from), day(r.overlap_to),
          r.shared_programme ? 'Yes' : 'No', r.programmes,
        ];
        if (tables.flags) values.push(r.flag_id, word(FLAG_LABEL, r.flag_severity), word(FLAG_LABEL, r.flag_status), r.flag_note);
        cross.add(values);
      }
    cross.end();

    const findings = sheet('Compliance', COMPLIANCE_COLUMNS);
    for await (const batch of read(FINDINGS_SQL)) {
      for (const r of batch)
        for (const f of JSON.parse(r.findings) as { rule: string; status: string; message: string }[])
          if (f.status === 'warn' || f.status === 'fail')
            findings.add([r.id, r.directorate, r.recipient, f.rule, RULES[f.rule as RuleId]?.title ?? f.rule, word(FINDING_LABEL, f.status), f.message]);
      await new Promise((res) => setImmediate(res));
    }
    findings.end();

    const byDirectorate = sheet('By directorate', BY_DIRECTORATE_COLUMNS);
    for (const r of (await client.query(BY_DIRECTORATE_SQL, ALL)).rows)
      byDirectorate.add([r.funder_name, r.directorate_code, r.directorate_name, word(KIND_LABEL, r.kind), r.awards, r.recipients, pounds(r.total_pence), pounds(r.paid_pence)]);
    byDirectorate.end();

    await wb.commit();
    await client.query('COMMIT');
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const rows = Object.values(sheets).reduce((a, n) => a + n, 0);
    return { ms, cpuMs: (used.user + used.system) / 1000, rows, bytes: statSync(args.path).size, sheets, sheetMs };
  } finally {
    await client.end();
  }
}
