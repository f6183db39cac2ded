import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parse as parseCsv } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import pg from 'pg';
import { givingDataPath } from '@app/giving360';
import { IMPORT_BATCH_ROWS, parseImportFailure, type ImportResult } from '@app/imports';
import { createTestApp, TestApp } from './support/app.js';
import { multipartBody } from './support/multipart.js';
import { eventually } from './support/tcp-proxy.js';
import { startTestWorker } from './support/worker.js';
import { seedWorld, World } from './factories/index.js';

type JobBody = { id: string; type: string; state: string; progress: number; attempts: number; error: string | null; result: (ImportResult & Record<string, unknown>) | null };
type Counts = { awards: number; organisations: number; funders: number; directorates: number; maxVersion: number };

const sample = (name: string) => givingDataPath('samples', name);

/** A CSV cell, quoted when it must be. */
const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const toCsv = (records: string[][]) => records.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';

/**
 * The real fundingproviders CSV sample (SOURCES.md: invalid), corrected the way a finance officer
 * would after reading the failure report: a Description, ISO award dates and date-times, the
 * missing recipient identifier; plus a planned start date and a Funding Org:Department.
 * `keepBadDateOnRow` leaves one row's DD/MM/YYYY award date as it was.
 */
function correctFundingProviders(records: string[][], opts: { idSuffix?: string; keepBadDateOnRow?: number } = {}): string[][] {
  const [header, ...rows] = records;
  const col = (title: string) => header.indexOf(title);
  const fixed = rows.map((r, i) => {
    const out = [...r];
    out[col('Identifier')] += opts.idSuffix ?? '';
    if (opts.keepBadDateOnRow !== i + 2) out[col('Award Date')] = '2014-07-24';
    out[col('Last modified')] = '2015-03-13T00:00:00Z';
    if (!out[col('Recipient Org:Identifier')].trim()) out[col('Recipient Org:Identifier')] = 'GB-COH-09999999';
    return [...out, `Research grant: ${out[col('Title')].trim()}`, '2014-09-01', 'Awards and Grants'];
  });
  return [[...header, 'Description', 'Planned Dates:Start Date', 'Funding Org:Department'], ...fixed];
}

describe('POST /api/imports: 360Giving files through the API and the worker (e2e)', () => {
  let t: TestApp;
  let w: World;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let outDir: string;
  let scratch: string;
  let db: pg.Client;

  const q = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows as T[];
  const counts = async (): Promise<Counts> =>
    (
      await q<Counts>(`SELECT (SELECT count(*)::int FROM awards) AS awards, (SELECT count(*)::int FROM organisations) AS organisations,
                              (SELECT count(*)::int FROM funders) AS funders, (SELECT count(*)::int FROM directorates) AS directorates,
                              (SELECT coalesce(max(version), 0)::int FROM awards) AS "maxVersion"`)
    )[0];

  /** POST /api/imports with the file at `path`, as one in-memory multipart body (see multipartBody). */
  const upload = (token: string | null, path: string, mode?: string, filename?: string) => {
    const { contentType, body } = multipartBody(mode === undefined ? {} : { mode }, { field: 'file', filename: filename ?? basename(path), content: readFileSync(path) });
    let r = t.http().post('/api/imports').set('Content-Type', contentType);
    if (token) r = r.set('Authorization', `Bearer ${token}`);
    return r.send(body);
  };

  /** Upload, 202 {jobId}, wait for the worker (bounded), and GET /api/jobs/:id. */
  async function runImport(path: string, mode?: string, token = w.tokens.admin, filename?: string): Promise<JobBody> {
    const res = await upload(token, path, mode, filename).expect(202);
    expect(Object.keys(res.body)).toEqual(['jobId']);
    await worker.waitForJob(res.body.jobId, 60_000).catch(() => undefined);
    return (await t.as(token).get(`/api/jobs/${res.body.jobId}`).expect(200)).body as JobBody;
  }

  async function awardByExternalId(externalId: string) {
    const [row] = await q<{ id: string }>(`SELECT id FROM awards WHERE external_id = $1`, [externalId]);
    expect(row).toEqual({ id: expect.any(String) });
    return (await t.as(w.tokens.finance).get(`/api/awards/${row.id}`).expect(200)).body;
  }

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'imports-e2e-out-'));
    scratch = await mkdtemp(join(tmpdir(), 'imports-e2e-files-'));
    t = await createTestApp({ OUTPUT_DIR: outDir, UPLOAD_LIMIT_MB: '2' });
    worker = await startTestWorker();
    w = await seedWorld(t);
    db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await worker?.close();
    await t?.close();
    await rm(scratch, { recursive: true, force: true });
    await rm(outDir, { recursive: true, force: true });
  });

  describe('valid files', () => {
    it('grantnav-20180903134856.json (Esmée Fairbairn, 5 valid grants): creates 5 awards, then a second import changes nothing', async () => {
      const before = await counts();
      const job = await runImport(sample('grantnav-20180903134856.json'));
      expect(job).toMatchObject({ type: 'import', state: 'completed', progress: 100, error: null });
      expect(job.result).toMatchObject({
        file: 'grantnav-20180903134856.json', mode: 'all-or-nothing', format: 'json', encoding: 'utf-8', rows: 5,
        created: 5, updated: 0, unchanged: 0, rejected: [], rejectedCount: 0, fundersCreated: 1, directoratesCreated: 1, organisationsCreated: 5,
      });
      const after = await counts();
      expect(after.awards - before.awards).toBe(5);
      expect(after.organisations - before.organisations).toBe(5);

      const award = await awardByExternalId('360G-EFF-16-3315');
      expect(award).toMatchObject({
        kind: 'grant', status: 'awarded', title: 'Grant to Effervescent', amountAwarded: '116471.00', currency: 'GBP',
        awardDate: '2017-11-21', plannedStartDate: null, plannedEndDate: null, programme: 'Main Grant', directorateName: 'General', version: 1,
      });
      const [funder] = await q(`SELECT f.org_id, f.name, d.name AS directorate, d.code FROM directorates d JOIN funders f ON f.id = d.funder_id WHERE d.id = $1`, [award.directorateId]);
      expect(funder).toEqual({ org_id: 'GB-CHC-200051', name: 'Esmée Fairbairn Foundation', directorate: 'General', code: 'GENERAL' });
      const org = (await t.as(w.tokens.finance).get(`/api/organisations/${award.recipientOrganisationId}`).expect(200)).body;
      expect(org).toMatchObject({ name: 'Effervescent', charityNumber: '1164859', companyNumber: null, orgId: 'GB-CHC-1164859', postcode: 'PL1 2TE', type: 'charity' });

      // the same file again: nothing created, nothing changed, no version bumped, no duplicates
      const again = await runImport(sample('grantnav-20180903134856.json'));
      expect(again.result).toMatchObject({ created: 0, updated: 0, unchanged: 5, rejectedCount: 0, fundersCreated: 0, directoratesCreated: 0, organisationsCreated: 0 });
      expect(await counts()).toEqual(after);
      expect(await q(`SELECT external_id, count(*)::int AS n FROM awards WHERE external_id LIKE '360G-EFF-%' GROUP BY external_id HAVING count(*) > 1`)).toEqual([]);
      expect((await awardByExternalId('360G-EFF-16-3315')).version).toBe(1);
    });

    it('audits the import once with its counts (created awards have no entry each), and the organisations it created', async () => {
      const job = await runImport(sample('duration_usefulness.json'));
      expect(job.result).toMatchObject({ created: 1, rejectedCount: 0, organisationsCreated: 1 });
      const trail = (await t.as(w.tokens.executive).get(`/api/audit?entity=import&entityId=${job.id}`).expect(200)).body;
      expect(trail.total).toBe(1);
      expect(trail.items[0]).toMatchObject({ actor: 'admin@localhost', action: 'import', entity: 'import', entityId: job.id, before: null });
      expect(trail.items[0].after).toMatchObject({ file: 'duration_usefulness.json', mode: 'all-or-nothing', rows: 1, created: 1, updated: 0, unchanged: 0, rejectedCount: 0, organisationsCreated: 1 });
      const award = await awardByExternalId('360G-sampletrust-105177/Z/14/Z');
      expect((await t.as(w.tokens.executive).get(`/api/audit?entity=award&entityId=${award.id}`).expect(200)).body.total).toBe(0);
      const orgTrail = (await t.as(w.tokens.executive).get(`/api/audit?entity=organisation&entityId=${award.recipientOrganisationId}`).expect(200)).body;
      expect(orgTrail.items).toHaveLength(1);
      expect(orgTrail.items[0]).toMatchObject({ action: 'create', before: null, after: { name: 'Example Project Limited', orgId: 'GB-323242-TEST', type: 'community_group', source: 'import', importId: job.id } });
    });

    it('a changed grant in a re-import updates its award (version + 1, audited before and after), never duplicates it', async () => {
      const original = JSON.parse(await readFile(sample('additional_fields.json'), 'utf8'));
      original.grants[0].id = '360G-e2e-changed-1';
      const path = join(scratch, 'changed.json');
      await writeFile(path, JSON.stringify(original));
      expect((await runImport(path)).result).toMatchObject({ created: 1, updated: 0 });
      const first = await awardByExternalId('360G-e2e-changed-1');
      original.grants[0].amountAwarded = 12.5;
      original.grants[0].title = 'A changed title';
      await writeFile(path, JSON.stringify(original));
      expect((await runImport(path)).result).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
      const changed = await awardByExternalId('360G-e2e-changed-1');
      expect(changed).toMatchObject({ id: first.id, amountAwarded: '12.50', title: 'A changed title', version: 2 });
      const trail = (await t.as(w.tokens.executive).get(`/api/audit?entity=award&entityId=${first.id}`).expect(200)).body;
      expect(trail.items).toHaveLength(1);
      expect(trail.items[0]).toMatchObject({ action: 'update', before: { amountAwarded: '10.00', version: 1 }, after: { amountAwarded: '12.50', title: 'A changed title', version: 2, source: 'import' } });
      expect((await q(`SELECT count(*)::int AS n FROM awards WHERE external_id = '360G-e2e-changed-1'`))[0]).toEqual({ n: 1 });
    });

    it('a UTF-8 CSV with BOM (the fundingproviders sample, corrected): 2 awards, the directorate from Funding Org:Department', async () => {
      const records = parseCsv(await readFile(sample('fundingproviders_grants_2_grants.csv')), { relax_column_count: true }) as string[][];
      const path = join(scratch, 'fundingproviders-corrected.csv');
      await writeFile(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(toCsv(correctFundingProviders(records)), 'utf8')]));
      const job = await runImport(path, 'all-or-nothing', w.tokens.admin, 'fundingproviders-corrected.csv');
      expect(job.state).toBe('completed');
      expect(job.result).toMatchObject({ format: 'csv', encoding: 'utf-8', rows: 2, created: 2, updated: 0, rejected: [], fundersCreated: 1, directoratesCreated: 1 });
      expect(job.result!.unknownColumns).toEqual(['Grant number', 'Surname of applicant', 'Full name of applicant', 'Co-applicant(s)', 'Sponsor(s)', 'Grant type', 'Department', 'School / Building']);
      const award = await awardByExternalId('360G-fundingprovidersuk-000002/X/00/X');
      expect(award).toMatchObject({
        title: 'Title B', description: 'Research grant: Title B', amountAwarded: '178990.00', awardDate: '2014-07-24',
        plannedStartDate: '2014-09-01', plannedEndDate: '2016-09-30', programme: 'Awards Funding Committee', directorateName: 'Awards and Grants',
      });
      const [dir] = await q(`SELECT d.code, f.org_id, f.name FROM directorates d JOIN funders f ON f.id = d.funder_id WHERE d.id = $1`, [award.directorateId]);
      expect(dir).toEqual({ code: 'AG', org_id: 'GB-CHC-000000', name: 'Funding Providers UK' });
      const org = (await t.as(w.tokens.finance).get(`/api/organisations/${award.recipientOrganisationId}`).expect(200)).body;
      expect(org).toMatchObject({ name: 'University of UK', orgId: 'GB-COH-RC000000', companyNumber: 'RC000659', type: 'company' });
    });

    it('a Windows-1252 CSV (the cp1252 sample, corrected): read as Windows-1252, ids with € kept', async () => {
      const text = iconv.decode(await readFile(sample('fundingproviders-grants_2_grants_cp1252.csv')), 'windows-1252');
      const path = join(scratch, 'cp1252-corrected.csv');
      await writeFile(path, iconv.encode(toCsv(correctFundingProviders(parseCsv(text, { relax_column_count: true }) as string[][])), 'windows-1252'));
      const job = await runImport(path, undefined, w.tokens.admin, 'cp1252-corrected.csv');
      expect(job.result).toMatchObject({ format: 'csv', encoding: 'windows-1252', rows: 2, created: 2, updated: 0, rejectedCount: 0, fundersCreated: 0, directoratesCreated: 0 });
      const award = await awardByExternalId('360G-<~>€funding±Áproviders-000002/X/00/X');
      expect(award).toMatchObject({ title: 'Title B', amountAwarded: '178990.00', directorateName: 'Awards and Grants' });
      // the recipient (GB-COH-RC000000, company RC000000 here) is not the University of UK of the UTF-8 file (company RC000659)
      const org = (await t.as(w.tokens.finance).get(`/api/organisations/${award.recipientOrganisationId}`).expect(200)).body;
      expect(org).toMatchObject({ name: 'University of UK', companyNumber: 'RC000000', orgId: 'GB-COH-RC000000' });
    });

    it('an XLSX workbook (the fundingproviders sample, corrected): 2 awards, padded cells trimmed', async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(sample('fundingproviders-grants_2_grants.xlsx'));
      const ws = wb.getWorksheet('grants')!;
      const header = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
      const col = (title: string) => header.indexOf(title);
      const last = header.length;
      ws.getRow(1).getCell(last).value = 'Description';
      ws.getRow(1).getCell(last + 1).value = 'Funding Org:Department';
      for (const n of [2, 3]) {
        const row = ws.getRow(n);
        row.getCell(col('Award Date')).value = '2014-07-24';
        row.getCell(col('Last modified')).value = '2015-03-13T00:00:00Z';
        if (!row.getCell(col('Recipient Org:Identifier')).value) row.getCell(col('Recipient Org:Identifier')).value = 'GB-COH-09999999';
        row.getCell(last).value = `A grant from a workbook, row ${n}`;
        row.getCell(last + 1).value = 'Awards and Grants';
        row.commit();
      }
      const path = join(scratch, 'fundingproviders-corrected.xlsx');
      await wb.xlsx.writeFile(path);
      const job = await runImport(path);
      expect(job.result).toMatchObject({ format: 'xlsx', sheet: 'grants', rows: 2, created: 2, updated: 0, rejectedCount: 0 });
      const award = await awardByExternalId('360G-fundingproviders-000001/X/00/X');
      expect(award).toMatchObject({ title: 'Title A', description: 'A grant from a workbook, row 2', amountAwarded: '152505.00', awardDate: '2014-07-24', directorateName: 'Awards and Grants' });
      const org = (await t.as(w.tokens.finance).get(`/api/organisations/${award.recipientOrganisationId}`).expect(200)).body;
      expect(org).toMatchObject({ name: 'Company Name Limited', companyNumber: '09999999', orgId: 'GB-COH-09999999', type: 'company' });
    });
  });

  describe('all-or-nothing and valid-rows', () => {
    it('a002400000nO46WAAS.json (Power to Change, 870 grants, 5 bad): all-or-nothing fails and writes nothing, naming each bad row', async () => {
      const before = await counts();
      const job = await runImport(sample('a002400000nO46WAAS.json'), 'all-or-nothing');
      expect(job.state).toBe('failed');
      expect(job.attempts).toBe(1); // bad input is not retried
      expect(job.error!.split('\n')[0]).toBe(
        'Nothing was imported from a002400000nO46WAAS.json (mode all-or-nothing): 5 of its 870 grants have problems. ' +
          'grants[109], plannedDates[0].endDate "2000-12-31T00:00:00+00:00": must be on or after the planned start date 2017-12-21; ' +
          `${parseImportFailure(job.error)!.rejected.slice(1, 3).map((e) => `grants[${e.row}], ${e.field} ${JSON.stringify(e.value)}: ${e.reason}`).join('; ')}` +
          ' (and 2 more). What to do: correct these rows and upload the file again, or import it with mode=valid-rows to load the 865 good rows and list the others.',
      );
      const report = parseImportFailure(job.error)!;
      expect(report).toMatchObject({ format: 'json', rows: 870, created: 0, updated: 0, rejectedCount: 5, rejectedRows: 5 });
      expect(report.rejected.map((e) => e.row)).toEqual([109, 149, 337, 468, 620]);
      expect(report.rejected[0]).toEqual({ row: 109, field: 'plannedDates[0].endDate', value: '2000-12-31T00:00:00+00:00', reason: 'must be on or after the planned start date 2017-12-21' });
      expect(await counts()).toEqual(before);
      expect(await q(`SELECT * FROM funders WHERE org_id = 'GB-CHC-1159982'`)).toEqual([]);
    });

    it('the same file in valid-rows: 865 awards land in directorates named by Funding Org:Department, the 5 bad rows are listed; again: all unchanged', async () => {
      const before = await counts();
      const job = await runImport(sample('a002400000nO46WAAS.json'), 'valid-rows');
      expect(job.state).toBe('completed');
      expect(job.result).toMatchObject({ mode: 'valid-rows', rows: 870, created: 865, updated: 0, unchanged: 0, rejectedCount: 5, rejectedRows: 5, fundersCreated: 1, directoratesCreated: 6 });
      expect(job.result!.rejected.map((e) => e.row)).toEqual([109, 149, 337, 468, 620]);
      expect((await counts()).awards - before.awards).toBe(865);
      const directorates = await q(`SELECT d.name, d.code FROM directorates d JOIN funders f ON f.id = d.funder_id WHERE f.org_id = 'GB-CHC-1159982' ORDER BY d.name`);
      expect(directorates).toEqual([
        { name: 'Communication and Partnership Grants', code: 'CPG' },
        { name: 'Market Development', code: 'MD' },
        { name: 'Open Programmes', code: 'OP' },
        { name: 'Places Based Programmes', code: 'PBP' },
        { name: 'Research Institute', code: 'RI' },
        { name: 'Sector Programmes', code: 'SP' },
      ]);
      const award = await awardByExternalId('360G-ptc-gr-01653');
      expect(award).toMatchObject({
        title: 'Hyde Park Source', amountAwarded: '3239.34', awardDate: '2015-06-01', plannedStartDate: '2017-01-17', plannedEndDate: '2017-06-14',
        programme: 'CB Leadership (CBL)', directorateName: 'Market Development', status: 'awarded', kind: 'grant',
      });
      const org = (await t.as(w.tokens.finance).get(`/api/organisations/${award.recipientOrganisationId}`).expect(200)).body;
      expect(org).toMatchObject({ name: 'Hyde Park Source', orgId: 'GB-COH-IP28755R', postcode: 'LS3 1HH', type: 'company' });
      // one organisation per identifier: the file's recipients were resolved, not created once per grant
      const [{ orgs }] = await q<{ orgs: number }>(
        `SELECT count(DISTINCT a.recipient_organisation_id)::int AS orgs FROM awards a JOIN directorates d ON d.id = a.directorate_id JOIN funders f ON f.id = d.funder_id WHERE f.org_id = 'GB-CHC-1159982'`,
      );
      expect(job.result!.organisationsCreated).toBe(orgs);
      const repeated = await q(
        `SELECT o.org_id FROM organisations o WHERE o.id IN (SELECT a.recipient_organisation_id FROM awards a JOIN directorates d ON d.id = a.directorate_id JOIN funders f ON f.id = d.funder_id WHERE f.org_id = 'GB-CHC-1159982')
          GROUP BY o.org_id, o.charity_number, o.company_number HAVING count(*) > 1`,
      );
      expect(repeated).toEqual([]);

      const afterFirst = await counts();
      const again = await runImport(sample('a002400000nO46WAAS.json'), 'valid-rows');
      expect(again.result).toMatchObject({ created: 0, updated: 0, unchanged: 865, rejectedCount: 5, organisationsCreated: 0, directoratesCreated: 0 });
      expect(await counts()).toEqual(afterFirst);
    });

    it('awefw001p00000zgyHZAAY.json (154 grants, 99 to individuals): individuals become organisations of type individual, keyed by their anonymous id', async () => {
      const job = await runImport(sample('awefw001p00000zgyHZAAY.json'), 'valid-rows');
      expect(job.result).toMatchObject({ rows: 154, created: 153, rejectedCount: 1, rejected: [{ row: 86, field: 'amountAwarded', value: 0, reason: 'must be more than 0' }] });
      const [{ individuals }] = await q<{ individuals: number }>(
        `SELECT count(*)::int AS individuals FROM awards a JOIN organisations o ON o.id = a.recipient_organisation_id WHERE a.external_id = ANY($1) AND o.type = 'individual'`,
        [JSON.parse(await readFile(sample('awefw001p00000zgyHZAAY.json'), 'utf8')).grants.map((g: { id: string }) => g.id)],
      );
      expect(individuals).toBe(98); // 99 grants to individuals, one of them (grants[86], £0) refused
      const grants = JSON.parse(await readFile(sample('awefw001p00000zgyHZAAY.json'), 'utf8')).grants as { id: string; amountAwarded: number; recipientIndividual?: { id: string; name: string } }[];
      const toPerson = grants.find((g) => g.recipientIndividual && g.amountAwarded > 0)!;
      const award = await awardByExternalId(toPerson.id);
      const person = (await t.as(w.tokens.finance).get(`/api/organisations/${award.recipientOrganisationId}`).expect(200)).body;
      expect(person).toMatchObject({ type: 'individual', orgId: toPerson.recipientIndividual!.id, name: toPerson.recipientIndividual!.name, charityNumber: null, postcode: null });
      const before = await counts();
      expect((await runImport(sample('awefw001p00000zgyHZAAY.json'), 'valid-rows')).result).toMatchObject({ created: 0, unchanged: 153, organisationsCreated: 0 });
      expect(await counts()).toEqual(before);
    });

    it('the real fundingproviders CSV fails in all-or-nothing, its problems named by the file’s column titles; nothing written', async () => {
      const before = await counts();
      const job = await runImport(sample('fundingproviders_grants_2_grants.csv'));
      expect(job.state).toBe('failed');
      const report = parseImportFailure(job.error)!;
      expect(report.rejected).toEqual([
        { row: 2, field: 'Description', value: null, reason: 'is required' },
        { row: 2, field: 'Award Date', value: '24/07/2014', reason: 'must be a date YYYY-MM-DD (write 24/07/2014 as 2014-07-24)' },
        { row: 2, field: 'Recipient Org:Identifier', value: null, reason: 'is required' },
        { row: 2, field: 'Last modified', value: '13-03-2015', reason: 'must be a date and time such as 2025-03-31T09:30:00Z' },
        { row: 3, field: 'Description', value: null, reason: 'is required' },
        { row: 3, field: 'Award Date', value: '24/07/2014', reason: 'must be a date YYYY-MM-DD (write 24/07/2014 as 2014-07-24)' },
        { row: 3, field: 'Last modified', value: '13-03-2015', reason: 'must be a date and time such as 2025-03-31T09:30:00Z' },
      ]);
      expect(job.error!.split('\n')[0]).toBe(
        'Nothing was imported from fundingproviders_grants_2_grants.csv (mode all-or-nothing): 2 of its 2 grants have problems. ' +
          'row 2, Description empty: is required; row 2, Award Date "24/07/2014": must be a date YYYY-MM-DD (write 24/07/2014 as 2014-07-24); ' +
          'row 2, Recipient Org:Identifier empty: is required (and 4 more). What to do: correct these rows and upload the file again.',
      );
      expect(await counts()).toEqual(before);
    });

    it('badfile_all_validation_errors.xlsx fails with every problem named by column title', async () => {
      const job = await runImport(sample('badfile_all_validation_errors.xlsx'));
      expect(job.state).toBe('failed');
      expect(parseImportFailure(job.error)!.rejected).toContainEqual({ row: 2, field: 'Amount Awarded', value: 'This should be a number', reason: 'must be a number' });
    });

    it('valid-rows on a CSV with one bad row: the good row lands, the bad one is listed by line and column title', async () => {
      const records = parseCsv(await readFile(sample('fundingproviders_grants_2_grants.csv')), { relax_column_count: true }) as string[][];
      const path = join(scratch, 'mixed.csv');
      await writeFile(path, toCsv(correctFundingProviders(records, { idSuffix: '-mixed', keepBadDateOnRow: 3 })));
      const before = await counts();
      const allOrNothing = await runImport(path, 'all-or-nothing');
      expect(allOrNothing.state).toBe('failed');
      expect(await counts()).toEqual(before);
      const job = await runImport(path, 'valid-rows');
      expect(job.result).toMatchObject({
        created: 1, updated: 0, rejectedCount: 1, rejectedRows: 1,
        rejected: [{ row: 3, field: 'Award Date', value: '24/07/2014', reason: 'must be a date YYYY-MM-DD (write 24/07/2014 as 2014-07-24)' }],
      });
      expect(await q(`SELECT external_id FROM awards WHERE external_id LIKE '%-mixed' ORDER BY 1`)).toEqual([{ external_id: '360G-fundingprovidersuk-000001/X/00/X-mixed' }]);
    });

    it('a file that breaks after rows were read (a late non-UTF-8 byte) writes nothing, even in valid-rows', async () => {
      const header = 'Identifier,Title,Description,Currency,Amount Awarded,Award Date,Recipient Org:Identifier,Recipient Org:Name,Funding Org:Identifier,Funding Org:Name\r\n';
      // over 1 MiB (the reader's chunk), so that rows are read and a batch written before the reader meets the bad byte
      const rows = Array.from({ length: 12000 }, (_, i) => `360G-e2e-late-${i},Café grant ${i},Late failure test,GBP,100,2024-01-0${1 + (i % 9)},GB-CHC-${2000000 + (i % 50)},Late Org ${i % 50},GB-LAE-LATE,Late Council\r\n`);
      const path = join(scratch, 'late-break.csv');
      await writeFile(path, Buffer.concat([Buffer.from(header + rows.join(''), 'utf8'), Buffer.from([0x4e, 0x6f, 0xe9, 0x6c, 0x0d, 0x0a])]));
      const before = await counts();
      const job = await runImport(path, 'valid-rows');
      expect(job.state).toBe('failed');
      expect(job.error!.split('\n')[0]).toMatch(/^Nothing was imported: late-break\.csv starts as UTF-8 but has bytes that are not UTF-8 after byte \d+: it mixes encodings/);
      expect(parseImportFailure(job.error)).toMatchObject({ created: 0, updated: 0 });
      expect(parseImportFailure(job.error)!.rows).toBeGreaterThanOrEqual(IMPORT_BATCH_ROWS); // at least one batch had gone to the database
      expect(await counts()).toEqual(before);
    });
  });

  describe('files that cannot be read fail clearly and write nothing', () => {
    const failures: [string, () => Promise<string>, RegExp][] = [
      ['malformed JSON', async () => sample('fundingproviders-grants_malformed.json'), /^Nothing was imported: fundingproviders-grants_malformed\.json is not valid JSON at line 10, column 15 \(Expected double-quoted property name\)/],
      ['an empty file', async () => sample('bad.xlsx'), /^Nothing was imported: bad\.xlsx is empty \(0 bytes\): check that you chose the right file/],
      [
        'a corrupt (truncated) XLSX',
        async () => {
          const path = join(scratch, 'truncated.xlsx');
          await writeFile(path, (await readFile(sample('fundingproviders-grants_2_grants.xlsx'))).subarray(0, 3000));
          return path;
        },
        /^Nothing was imported: truncated\.xlsx is an incomplete Excel workbook/,
      ],
      [
        'a file with no grants',
        async () => {
          const path = join(scratch, 'no-grants.json');
          await writeFile(path, '{"grants": []}');
          return path;
        },
        /^Nothing was imported: no-grants\.json holds an empty list of grants: there is nothing to import/,
      ],
      [
        'a CSV with titles but no rows',
        async () => {
          const path = join(scratch, 'header-only.csv');
          await writeFile(path, 'Identifier,Title,Amount Awarded\r\n');
          return path;
        },
        /^Nothing was imported: header-only\.csv has column titles but no grants below them/,
      ],
      ['a .txt file', async () => sample('fundingtrust-grants_dc.txt'), /^Nothing was imported: fundingtrust-grants_dc\.txt: only 360Giving JSON \(\.json\), CSV \(\.csv\) and Excel \(\.xlsx\) files can be imported/],
    ];

    it.each(failures)('%s', async (_name, make, message) => {
      const path = await make();
      const before = await counts();
      const job = await runImport(path, 'valid-rows');
      expect(job.state).toBe('failed');
      expect(job.attempts).toBe(1);
      expect(job.error).toMatch(message);
      expect(parseImportFailure(job.error)).toMatchObject({ created: 0, updated: 0 });
      expect(await counts()).toEqual(before);
    });

    it('deletes every upload once its job is over', async () => {
      expect(await readdir(join(outDir, '.uploads'))).toEqual([]);
    });
  });

  describe('upload checks and roles', () => {
    it('a file over UPLOAD_LIMIT_MB (the 3.5 MB Lloyds sample, limit 2 MB) is refused with 413 at upload and not kept', async () => {
      // streamed, as a browser sends a big file: the API reads up to the limit, then refuses
      const res = await t.http().post('/api/imports').set('Authorization', `Bearer ${w.tokens.admin}`).attach('file', sample('a002400000OiDBQAA3.json')).expect(413);
      expect(res.body).toMatchObject({
        statusCode: 413, error: 'Payload Too Large', code: 'TOO_LARGE',
        message: ['file: is larger than 2 MB, the most one import takes: split it into smaller files (or ask an admin to raise UPLOAD_LIMIT_MB)'],
      });
      expect(await readdir(join(outDir, '.uploads'))).toEqual([]);
    });

    it('an unknown mode is 400 and the upload is not kept; no file is 400', async () => {
      const res = await upload(w.tokens.admin, sample('bom.csv'), 'some-rows').expect(400);
      expect(res.body.message).toEqual(['mode: must be one of all-or-nothing, valid-rows']);
      const none = await t.http().post('/api/imports').set('Authorization', `Bearer ${w.tokens.admin}`).field('mode', 'valid-rows').expect(400);
      expect(none.body.message).toEqual(['file: is required: send the 360Giving JSON, CSV or XLSX file as the multipart/form-data field "file"']);
      await new Promise((r) => setTimeout(r, 200)); // Nest removes a pipe-rejected upload once the response is sent
      expect(await readdir(join(outDir, '.uploads'))).toEqual([]);
    });

    it('is documented in OpenAPI as a multipart upload with file and mode, answering 202 {jobId}', async () => {
      const doc = (await t.http().get('/api/docs-json').expect(200)).body;
      const post = doc.paths['/api/imports'].post;
      expect(post.requestBody.content['multipart/form-data'].schema).toMatchObject({
        required: ['file'], properties: { file: { type: 'string', format: 'binary' }, mode: { enum: ['all-or-nothing', 'valid-rows'], default: 'all-or-nothing' } },
      });
      expect(Object.keys(post.responses)).toContain('202');
    });

    it('finance and executive get 403, anonymous 401', async () => {
      expect((await upload(w.tokens.finance, sample('bom.csv')).expect(403)).body.statusCode).toBe(403);
      expect((await upload(w.tokens.executive, sample('bom.csv')).expect(403)).body.statusCode).toBe(403);
      expect((await upload(null, sample('bom.csv')).expect(401)).body.statusCode).toBe(401);
    });

    it('a commissioner imports into its own directorates only: other rows are refused with a reason', async () => {
      const funderOrgId = (await t.as(w.tokens.admin).get(`/api/funders/${w.funderId}`).expect(200)).body.orgId as string;
      const header = 'Identifier,Title,Description,Currency,Amount Awarded,Award Date,Recipient Org:Identifier,Recipient Org:Name,Funding Org:Identifier,Funding Org:Name,Funding Org:Department\r\n';
      const line = (id: string, department: string, funder = funderOrgId) =>
        `${id},Day centre,Lunch club for older people,GBP,2500,2024-05-01,GB-CHC-3000001,Older People Together,${funder},Milton Keynes City Council,${department}\r\n`;
      const path = join(scratch, 'commissioner.csv');
      await writeFile(path, header + line('360G-e2e-com-1', 'adult social care') + line('360G-e2e-com-2', 'Public Health') + line('360G-e2e-com-3', 'Highways') + line('360G-e2e-com-4', 'Adult Social Care', 'GB-LAE-NOWHERE'));
      const before = await counts();
      const failed = await runImport(path, 'all-or-nothing', w.tokens.commissionerA);
      expect(failed.state).toBe('failed');
      expect(await counts()).toEqual(before);

      const job = await runImport(path, 'valid-rows', w.tokens.commissionerA);
      expect(job.result).toMatchObject({ created: 1, rejectedRows: 3, fundersCreated: 0, directoratesCreated: 0 });
      expect(job.result!.rejected).toEqual([
        { row: 3, field: 'Funding Org:Department', value: 'Public Health', reason: expect.stringMatching(/^is the directorate Public Health \(B\w+\), which is not one of yours: .*ask an admin/) },
        { row: 4, field: 'Funding Org:Department', value: 'Highways', reason: 'is not a directorate of Milton Keynes City Council yet: only an admin can add a directorate; ask an admin to add it or to import this row' },
        { row: 5, field: 'Funding Org:Identifier', value: 'GB-LAE-NOWHERE', reason: 'is not a funder in the system: only an admin can import grants of a new funder; ask an admin to add it or to import this row' },
      ]);
      expect(await awardByExternalId('360G-e2e-com-1')).toMatchObject({ directorateId: w.dirA, amountAwarded: '2500.00' });
      const trail = (await t.as(w.tokens.executive).get(`/api/audit?entity=import&entityId=${job.id}`).expect(200)).body;
      expect(trail.items[0].actor).toMatch(/^commissioner\./);

      // the other commissioner cannot move that award into its own directorate through a file
      const moved = join(scratch, 'commissioner-b.csv');
      await writeFile(moved, header + line('360G-e2e-com-1', 'Public Health'));
      const refused = await runImport(moved, 'valid-rows', w.tokens.commissionerB);
      expect(refused.result).toMatchObject({ created: 0, updated: 0, rejectedRows: 1 });
      expect(refused.result!.rejected).toEqual([
        { row: 2, field: 'Identifier', value: '360G-e2e-com-1', reason: expect.stringMatching(/^is an award of the directorate Adult Social Care \(A\w+\), which is not one of yours: ask an admin to import this row$/) },
      ]);
      expect(await awardByExternalId('360G-e2e-com-1')).toMatchObject({ directorateId: w.dirA, version: 1 });
    });
  });

  describe('derived data (compliance findings, duplicate-funding flags)', () => {
    const HEADER = [
      'Identifier', 'Title', 'Description', 'Currency', 'Amount Awarded', 'Award Date', 'Planned Dates:Start Date', 'Planned Dates:End Date',
      'Recipient Org:Identifier', 'Recipient Org:Name', 'Recipient Org:Charity Number', 'Recipient Org:Postal Code',
      'Funding Org:Identifier', 'Funding Org:Name', 'Funding Org:Department', 'Grant Programme:Title',
    ];
    const grant = (id: string, department: string, start: string, end: string) => [
      id, `Youth work ${id}`, 'Detached youth work on the estates', 'GBP', '12000.00', '2024-03-01', start, end,
      'GB-CHC-1099001', 'Wolverton Youth Trust', '1099001', 'MK12 5AB', 'GB-LAE-DRV', 'Derived Borough Council', department, 'Youth',
    ];
    const flagsListing = (ids: string[]) =>
      q<{ n: number }>(`SELECT count(*)::int AS n FROM duplicate_funding_flags WHERE active AND award_ids @> $1::uuid[]`, [ids]);

    /** A full re-check of every award finds nothing to change: the stored findings and statuses are the checker's. */
    async function expectComplianceUpToDate() {
      const { id } = (await t.as(w.tokens.admin).post('/api/compliance/recheck').expect(202)).body as { id: string };
      expect(await worker.waitForJob(id, 60_000)).toMatchObject({ findingsChanged: 0, statusChanged: 0 });
    }

    it("findings are in place when the job ends; a new organisation's flags follow from the duplicates job; a re-import's changes re-flag at once", async () => {
      const path = join(scratch, 'derived.csv');
      await writeFile(path, toCsv([HEADER, grant('360G-e2e-drv-1', 'Children', '2024-04-01', '2026-03-31'), grant('360G-e2e-drv-2', 'Adults', '2025-01-01', '2025-12-31')]));
      const first = await runImport(path);
      expect(first.error).toBeNull();
      expect(first.result).toMatchObject({ created: 2, rejectedCount: 0, directoratesCreated: 2, organisationsCreated: 1 });
      const ids = (await q<{ id: string }>(`SELECT id FROM awards WHERE external_id LIKE '360G-e2e-drv-%' ORDER BY external_id`)).map((r) => r.id);
      const stored = await q<{ status: string; findings: number }>(
        `SELECT r.status, (SELECT count(*)::int FROM compliance_findings f WHERE f.subject_type = 'award' AND f.subject_id = a.id) AS findings
           FROM awards a JOIN compliance_results r ON r.subject_type = 'award' AND r.subject_id = a.id WHERE a.id = ANY($1::uuid[])`,
        [ids],
      );
      expect(stored).toHaveLength(2);
      expect(stored.every((r) => r.findings === 1 && ['pass', 'warn', 'fail'].includes(r.status))).toBe(true);
      // one organisation, two directorates, overlapping periods: one flag lists both awards. The file
      // created the organisation, so the organisation match job queued as the import ended computes it.
      await eventually(async () => (await flagsListing(ids))[0].n === 1, 30_000, 'the flag from the duplicates job after the import');
      expect(await flagsListing(ids)).toEqual([{ n: 1 }]);
      await expectComplianceUpToDate();

      // the second award (of an organisation now known) moves to a period that no longer overlaps: its flag goes when the re-import ends
      await writeFile(path, toCsv([HEADER, grant('360G-e2e-drv-1', 'Children', '2024-04-01', '2026-03-31'), grant('360G-e2e-drv-2', 'Adults', '2026-06-01', '2027-05-31')]));
      const second = await runImport(path);
      expect(second.result).toMatchObject({ created: 0, updated: 1, unchanged: 1, rejectedCount: 0 });
      expect(await flagsListing(ids)).toEqual([{ n: 0 }]);
      await expectComplianceUpToDate();
    });
  });
});
