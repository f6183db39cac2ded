/**
 * The baseline of the workbook benchmark: a bare exceljs streaming writer (no styles, no shared
 * strings, one sheet, no formats) writing the same award rows the product's Awards sheet holds
 * (every award but drafts, the same columns less the compliance ones), read from PostgreSQL in
 * keyset batches as any writer must. Runs in a child process like the product's job.
 */
import ExcelJS from 'exceljs';
import pg from 'pg';

const BATCH = 5000;

const SQL = `
  SELECT a.id, a.external_id, f.name AS funder, f.org_id AS funder_org_id, d.name AS directorate, d.code,
         o.name AS recipient, o.type, o.charity_number, o.company_number, o.org_id, o.postcode,
         a.kind, a.title, a.programme, a.amount_awarded_pence::text AS pence,
         a.award_date::text AS award_date, a.planned_start_date::text AS start_date, a.planned_end_date::text AS end_date,
         a.status, a.published_at, a.ending_notice_date::text AS notice, a.ending_effective_date::text AS effective
    FROM awards a JOIN directorates d ON d.id = a.directorate_id JOIN funders f ON f.id = d.funder_id
    JOIN organisations o ON o.id = a.recipient_organisation_id
   WHERE a.status <> 'draft' AND a.id > $1
   ORDER BY a.id LIMIT ${BATCH}`;

const day = (iso: string | null) => {
  if (!iso) return null;
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
};

export async function xlsxBaseline(args: { dbUrl: string; path: string }): Promise<{ ms: number; cpuMs: number; rows: number; bytes: number }> {
  const { statSync } = await import('node:fs');
  const client = new pg.Client({ connectionString: args.dbUrl, application_name: 'bench-xlsx-baseline' });
  await client.connect();
  try {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: args.path, useStyles: false, useSharedStrings: false });
    const ws = wb.addWorksheet('Awards');
    ws.addRow(['Award ID', 'Reference', 'Funder', 'Funder org-id', 'Directorate', 'Directorate code', 'Recipient', 'Recipient type',
      'Charity number', 'Company number', 'Recipient org-id', 'Postcode', 'Kind', 'Title', 'Programme', 'Amount awarded',
      'Award date', 'Planned start', 'Planned end', 'Status', 'Published on', 'Ending notice date', 'Ending effective date']).commit();
    let after = '00000000-0000-0000-0000-000000000000';
    let rows = 0;
    for (;;) {
      const { rows: batch } = await client.query(SQL, [after]);
      if (batch.length === 0) break;
      for (const r of batch) {
        ws.addRow([
          r.id, r.external_id, r.funder, r.funder_org_id, r.directorate, r.code, r.recipient, r.type, r.charity_number, r.company_number,
          r.org_id, r.postcode, r.kind, r.title, r.programme, Number(r.pence) / 100, day(r.award_date), day(r.start_date), day(r.end_date),
          r.status, r.published_at, day(r.notice), day(r.effective),
        ]).commit();
      }
      rows += batch.length;
      after = batch[batch.length - 1].id;
      await new Promise((res) => setImmediate(res));
    }
    ws.commit();
    await wb.commit();
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return { ms, cpuMs: (used.user + used.system) / 1000, rows, bytes: statSync(args.path).size };
  } finally {
    await client.end();
  }
}
