import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type request from 'supertest';
import { createPackageValidator } from '@app/giving360';
import { createTestApp, TestApp } from './support/app.js';
import { startTestWorker } from './support/worker.js';
import { makeAward, makeOrganisation, seedWorld, World } from './factories/index.js';

type JobBody = {
  id: string;
  type: string;
  state: string;
  progress: number;
  attempts: number;
  error: string | null;
  result: { files: { name: string; bytes: number; url: string }[]; [key: string]: unknown } | null;
};

/** supertest keeps binary bodies only when asked: the raw bytes of a download. */
const binary = (res: request.Response, done: (e: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

const WORKED_EXAMPLE_OUTCOMES = [
  { description: 'people into work', indicator: 'in work after 6 months', quantity: 10, financialProxy: '10000.00', proxySource: 'HACT Social Value Bank', deadweight: 0.2, displacement: 0.1, attribution: 0.25, dropOff: 0.2, durationYears: 3 },
  { description: 'people less isolated', indicator: 'UCLA loneliness score down', quantity: 40, financialProxy: '1500.00', proxySource: 'HACT Social Value Bank', deadweight: 0.1, displacement: 0, attribution: 0.3, dropOff: 0.5, durationYears: 2 },
];

describe('export jobs through the API and the worker (e2e)', () => {
  let t: TestApp;
  let w: World;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let outDir: string;
  let funderOrgId: string;
  let dirC: string;
  const ids: Record<string, string> = {};

  /** POST /api/jobs → 202 {id}, waits for the worker (bounded), returns GET /api/jobs/:id. */
  async function runJob(type: string, params: Record<string, unknown> = {}): Promise<JobBody> {
    const started = await t.as(w.tokens.finance).post('/api/jobs', { type, params }).expect(202);
    expect(Object.keys(started.body)).toEqual(['id']);
    await worker.waitForJob(started.body.id, 30_000).catch(() => undefined);
    return (await t.as(w.tokens.finance).get(`/api/jobs/${started.body.id}`).expect(200)).body as JobBody;
  }

  const download = async (url: string): Promise<{ body: Buffer; headers: Record<string, string> }> => t.as(w.tokens.finance).get(url).buffer(true).parse(binary).expect(200);

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'jobs-e2e-'));
    t = await createTestApp({ OUTPUT_DIR: outDir, GRANT_ID_PREFIX: '360G-mktest' });
    worker = await startTestWorker();
    w = await seedWorld(t);
    const admin = t.as(w.tokens.admin);
    funderOrgId = (await admin.get(`/api/funders/${w.funderId}`).expect(200)).body.orgId;
    dirC = (await admin.post('/api/directorates', { funderId: w.funderId, code: 'EMP', name: 'Employment and Skills' }).expect(201)).body.id;

    // A three-year grant from Adult Social Care and an overlapping contract from Public Health to one charity.
    ids.grant = (await admin.post('/api/awards', makeAward(w.dirA, w.orgId, { status: 'awarded' })).expect(201)).body.id;
    ids.contract = (
      await admin.post('/api/awards', makeAward(w.dirB, w.orgId, { kind: 'contract', title: 'Healthy holidays', amountAwarded: '40000.00', awardDate: '2025-05-01', plannedStartDate: '2025-06-01', plannedEndDate: '2026-05-31', payments: [{ dueDate: '2025-06-01', amount: '40000.00', paidDate: '2025-06-20' }], status: 'awarded' }))
        .expect(201)
    ).body.id;
    ids.draft = (await admin.post('/api/awards', makeAward(w.dirA, w.orgId, { title: 'Not yet agreed', amountAwarded: '1000000.00', payments: [] })).expect(201)).body.id;
    // A grant to a person: published, but never by name or address.
    const person = (await admin.post('/api/organisations', makeOrganisation({ name: 'Jane Quinton-Smythe', type: 'individual', charityNumber: null, postcode: 'MK6 3AB' })).expect(201)).body.id;
    ids.individual = (
      await admin.post('/api/awards', makeAward(w.dirA, person, { title: 'Jane Quinton-Smythe respite break', description: 'Respite for Jane at 12 Fishermead Boulevard', amountAwarded: '750.00', payments: [{ dueDate: '2025-04-01', amount: '750.00', paidDate: '2025-04-01' }], outcomes: [] }))
        .expect(201)
    ).body.id;
    await admin.post(`/api/awards/${ids.grant}/publish`).expect(200);
    await admin.post(`/api/awards/${ids.individual}/publish`).expect(200);
    // DOMAIN.md 4's worked example, alone in its directorate.
    ids.sroi = (
      await admin.post('/api/awards', makeAward(dirC, w.orgId, { title: 'Routes into work', programme: 'Into work', amountAwarded: '50000.00', payments: [{ dueDate: '2025-04-01', amount: '50000.00' }], outcomes: WORKED_EXAMPLE_OUTCOMES, status: 'awarded' }))
        .expect(201)
    ).body.id;
  });

  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await rm(outDir, { recursive: true, force: true });
  });

  it('writes the funding database workbook: five sheets, pounds in number cells, dates in date cells, frozen filtered headers', async () => {
    const job = await runJob('funding-database', { funderId: w.funderId });
    expect(job).toMatchObject({ type: 'funding-database', state: 'completed', progress: 100, error: null });
    expect(job.result).toMatchObject({ awards: 4, organisations: 2, crossDirectorate: 1, scope: { funder: { id: w.funderId, orgId: funderOrgId }, directorate: null, from: null, to: null } });
    const [file] = job.result!.files;
    expect(file).toEqual({ name: 'funding-database.xlsx', bytes: expect.any(Number), url: `/api/jobs/${job.id}/files/funding-database.xlsx` });

    const res = await download(file.url);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain('funding-database.xlsx');
    expect(res.body.length).toBe(file.bytes);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Awards', 'Organisations', 'Cross-directorate funding', 'Compliance', 'By directorate']);

    const awards = book.getWorksheet('Awards')!;
    const header = (awards.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 8)).toEqual(['Award ID', 'Reference', 'Funder', 'Funder org-id', 'Directorate', 'Directorate code', 'Recipient', 'Recipient type']);
    expect(header).toEqual(expect.arrayContaining(['Amount awarded', 'Award date', 'Planned start', 'Planned end', 'Status', 'Compliance status']));
    expect(awards.rowCount).toBe(5); // header + 4 awards: the draft is left out
    expect(awards.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(awards.autoFilter).toBe(`A1:${awards.getColumn(header.length).letter}5`); // the filter covers the header and every row
    const col = (name: string) => header.indexOf(name) + 1;
    const grantRow = [2, 3, 4, 5].map((r) => awards.getRow(r)).find((r) => r.getCell(1).value === ids.grant)!;
    const amount = grantRow.getCell(col('Amount awarded'));
    expect(amount.value).toBe(95000);
    expect(amount.numFmt).toBe('£#,##0.00');
    expect(grantRow.getCell(col('Paid to date')).value).toBe(31666.67);
    const awardDate = grantRow.getCell(col('Award date')).value;
    expect(awardDate).toBeInstanceOf(Date);
    expect((awardDate as Date).toISOString()).toBe('2025-03-01T00:00:00.000Z');
    expect(grantRow.getCell(col('Status')).value).toBe('Published');
    expect(grantRow.getCell(col('Kind')).value).toBe('Grant');
    // £5,000 of a £17,500 overhead funded: FCR-2 warns, nothing else does.
    expect(grantRow.getCell(col('Compliance status')).value).toBe('Warn');
    expect(grantRow.getCell(col('Rules to review')).value).toBe('FCR-2');
    expect(awards.getColumn(col('Title')).values).not.toContain('Not yet agreed');

    const orgs = book.getWorksheet('Organisations')!;
    const orgHeader = (orgs.getRow(1).values as unknown[]).slice(1);
    const charity = [2, 3].map((r) => orgs.getRow(r)).find((r) => r.getCell(1).value === w.orgId)!;
    expect(charity.getCell(orgHeader.indexOf('Total funding') + 1).value).toBe(185000); // 95,000 + 40,000 + 50,000
    expect(charity.getCell(orgHeader.indexOf('Number of directorates') + 1).value).toBe(3);

    const cross = book.getWorksheet('Cross-directorate funding')!;
    const crossHeader = (cross.getRow(1).values as unknown[]).slice(1);
    expect(cross.rowCount).toBe(2);
    const overlap = cross.getRow(2);
    expect(overlap.getCell(1).value).toBe(w.orgId);
    expect(overlap.getCell(crossHeader.indexOf('Total of overlapping awards') + 1).value).toBe(185000);
    expect((overlap.getCell(crossHeader.indexOf('Overlap from') + 1).value as Date).toISOString()).toBe('2025-04-01T00:00:00.000Z');
    expect((overlap.getCell(crossHeader.indexOf('Overlap to') + 1).value as Date).toISOString()).toBe('2028-03-31T00:00:00.000Z');
    expect(overlap.getCell(crossHeader.indexOf('Number of directorates') + 1).value).toBe(3);
    // @app/duplicates flags the same overlap when the awards are written: its review columns follow.
    expect(crossHeader.slice(-4)).toEqual(['Flag ID', 'Flag severity', 'Flag status', 'Review note']);
    expect(overlap.getCell(crossHeader.indexOf('Flag status') + 1).value).toBe('Open');

    const compliance = book.getWorksheet('Compliance')!;
    expect((compliance.getRow(1).values as unknown[]).slice(1)).toEqual(['Award ID', 'Directorate', 'Recipient', 'Rule', 'Rule title', 'Status', 'Message']);
    const findings = compliance.getRows(2, compliance.rowCount - 1)!.filter((r) => r.getCell(1).value === ids.grant);
    expect(findings.map((r) => [r.getCell(4).value, r.getCell(5).value, r.getCell(6).value])).toEqual([['FCR-2', 'Overheads funded in full', 'Warn']]);
    expect(findings[0].getCell(7).value).toContain('£12,500.00');

    const byDirectorate = book.getWorksheet('By directorate')!;
    const totals = byDirectorate.getRows(2, byDirectorate.rowCount - 1)!.map((r) => [r.getCell(3).value, r.getCell(4).value, r.getCell(5).value, r.getCell(7).value]);
    expect(totals).toEqual([
      ['Adult Social Care', 'Grant', 2, 95750],
      ['Employment and Skills', 'Grant', 1, 50000],
      ['Public Health', 'Contract', 1, 40000],
    ]);
    expect(byDirectorate.getRow(2).getCell(7).numFmt).toBe('£#,##0.00');
  });

  it('limits the workbook to a directorate and a period', async () => {
    const job = await runJob('funding-database', { directorateId: w.dirB, from: '2025-04-01', to: '2025-12-31' });
    expect(job).toMatchObject({ state: 'completed', result: { awards: 1, scope: { directorate: { id: w.dirB, name: 'Public Health' }, from: '2025-04-01', to: '2025-12-31' } } });
  });

  it('values the worked example of DOMAIN.md 4 to the penny in sroi-summary.json and .xlsx', async () => {
    const job = await runJob('sroi-summary', { directorateId: dirC });
    expect(job).toMatchObject({ type: 'sroi-summary', state: 'completed', progress: 100, result: { awards: 1, awardsWithOutcomes: 1, awardsWithoutOutcomes: 0 } });
    expect(job.result!.files.map((f) => f.name)).toEqual(['sroi-summary.json', 'sroi-summary.xlsx']);
    const json = JSON.parse((await download(job.result!.files[0].url)).body.toString('utf8'));
    expect(json.awards).toEqual([
      expect.objectContaining({
        awardId: ids.sroi,
        title: 'Routes into work',
        inputs: '50000.00',
        yearValues: ['91800.00', '62100.00', '34560.00'],
        presentValue: '177837.81',
        netPresentValue: '127837.81',
        ratio: '3.56',
        ratioText: '3.56 : 1',
        paybackMonths: '6.54',
        hasOutcomes: true,
      }),
    ]);
    for (const level of ['programmes', 'directorates', 'funders'])
      expect(json[level]).toEqual([expect.objectContaining({ awards: 1, awardsWithoutOutcomes: 0, inputs: '50000.00', presentValue: '177837.81', netPresentValue: '127837.81', ratio: '3.56', paybackMonths: '6.54' })]);
    expect(json.directorates[0].label).toBe('Employment and Skills');

    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download(job.result!.files[1].url)).body as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Awards', 'Programmes', 'Directorates', 'Funders', 'Method']);
    const row = book.getWorksheet('Awards')!.getRow(2);
    expect([row.getCell(1).value, row.getCell(7).value, row.getCell(8).value, row.getCell(9).value, row.getCell(10).value, row.getCell(12).value]).toEqual([ids.sroi, 50000, 177837.81, 127837.81, 3.56, 6.54]);
    expect(row.getCell(8).numFmt).toBe('£#,##0.00');
  });

  it('counts awards without outcomes in the summaries', async () => {
    const job = await runJob('sroi-summary', { funderId: w.funderId });
    expect(job.result).toMatchObject({ awards: 4, awardsWithOutcomes: 3, awardsWithoutOutcomes: 1 });
    const json = JSON.parse((await download(job.result!.files[0].url)).body.toString('utf8'));
    // The grant to a person has no outcomes: not listed as an award, but counted with its inputs.
    expect(json.awards.map((a: { awardId: string }) => a.awardId).sort()).toEqual([ids.grant, ids.contract, ids.sroi].sort());
    expect(json.funders).toEqual([expect.objectContaining({ awards: 4, awardsWithoutOutcomes: 1, inputs: '185750.00' })]);
    expect(json.programmes.find((p: { label: string }) => p.label === 'Children and families')).toMatchObject({ awards: 3, awardsWithoutOutcomes: 1, inputs: '135750.00' });
  });

  it('publishes only published awards as 360Giving files that pass the schema, with individuals anonymised', async () => {
    const job = await runJob('open-data');
    expect(job).toMatchObject({ type: 'open-data', state: 'completed', progress: 100, result: { grants: 2, quality: [] } });
    const names = job.result!.files.map((f) => f.name);
    expect(names).toEqual(['grants.json', 'grants.csv', `grants-${funderOrgId}.json`, `grants-${funderOrgId}.csv`]);
    expect(job.result!.funders).toEqual([{ orgId: funderOrgId, name: 'Milton Keynes City Council', grants: 2, files: [`grants-${funderOrgId}.json`, `grants-${funderOrgId}.csv`], quality: [] }]);

    const all = (await download(job.result!.files[0].url)).body.toString('utf8');
    const pkg = JSON.parse(all);
    expect(createPackageValidator()(pkg)).toEqual([]);
    expect(pkg.grants.map((g: { id: string }) => g.id).sort()).toEqual([`360G-mktest-${ids.grant}`, `360G-mktest-${ids.individual}`].sort());
    const toPerson = pkg.grants.find((g: { id: string }) => g.id === `360G-mktest-${ids.individual}`);
    expect(toPerson.recipientIndividual).toEqual({ id: expect.stringMatching(/^360G-mktest-IND-[0-9a-f]{16}$/), name: 'Individual Recipient' });
    expect(toPerson.recipientOrganization).toBeUndefined();
    expect(toPerson.beneficiaryLocation).toEqual([{ name: 'MK6', countryCode: 'GB' }]);
    const perFunder = (await download(job.result!.files[2].url)).body.toString('utf8');
    expect(createPackageValidator()(JSON.parse(perFunder))).toEqual([]);
    const csv = (await download(job.result!.files[1].url)).body.toString('utf8') as string;
    const [head, ...lines] = csv.trimEnd().split('\r\n');
    expect(head.startsWith('Identifier,Title,Description,Currency,Amount Awarded,Award Date,Planned Dates:Start Date,Planned Dates:End Date,Planned Dates:Duration (months)')).toBe(true);
    expect(head).toContain('Recipient Org:Charity Number');
    expect(lines).toHaveLength(2);
    expect(lines.find((l) => l.startsWith(`360G-mktest-${ids.grant},`))).toContain(',95000,2025-03-01,2025-04-01,2028-03-31,36,');
    for (const text of [all, perFunder, csv, (await download(job.result!.files[3].url)).body.toString('utf8')]) {
      expect(text).not.toContain('Quinton');
      expect(text).not.toContain('Fishermead');
      expect(text).not.toContain('MK6 3AB');
      expect(text).not.toContain('Not yet agreed');
    }
  });

  it('fails a job with bad params at once, without retrying it', async () => {
    const job = await runJob('funding-database', { funderId: randomUUID() });
    expect(job).toMatchObject({ state: 'failed', attempts: 1, result: null });
    expect(job.error).toMatch(/^funderId: funder [0-9a-f-]{36} does not exist; list funders/);
    const other = await runJob('sroi-summary', { funderId: w.funderId, directorateId: randomUUID() });
    expect(other).toMatchObject({ state: 'failed', attempts: 1 });
    expect(other.error).toContain('does not exist');
    const empty = await runJob('open-data', { from: '2001-01-01', to: '2001-12-31' });
    expect(empty).toMatchObject({ state: 'failed', attempts: 1 });
    expect(empty.error).toContain('no published awards in this selection');
  });

  it('lets finance, executive and admin start exports; commissioners get 403 and anonymous callers 401', async () => {
    await t.as(w.tokens.commissionerA).post('/api/jobs', { type: 'funding-database' }).expect(403);
    await t.http().post('/api/jobs').send({ type: 'funding-database' }).expect(401);
    await t.http().get(`/api/jobs/${randomUUID()}`).expect(401);
    await t.as(w.tokens.finance).post('/api/jobs', { type: 'everything' }).expect(400);
    const started = await t.as(w.tokens.executive).post('/api/jobs', { type: 'sroi-summary', params: { directorateId: dirC } }).expect(202);
    await worker.waitForJob(started.body.id, 30_000);
    const job = (await t.as(w.tokens.executive).get(`/api/jobs/${started.body.id}`).expect(200)).body as JobBody;
    expect(job.state).toBe('completed');
  });

  it('serves only the files a job reported, never a path outside its folder', async () => {
    const job = await runJob('sroi-summary', { directorateId: dirC });
    const base = `/api/jobs/${job.id}/files`;
    await t.as(w.tokens.finance).get(`${base}/..%2F..%2Fpackage.json`).expect(404);
    await t.as(w.tokens.finance).get(`${base}/..%2F${job.id}%2Fsroi-summary.json`).expect(404);
    await t.as(w.tokens.finance).get(`${base}/grants.csv`).expect(404);
    await t.as(w.tokens.finance).get(`/api/jobs/${randomUUID()}/files/sroi-summary.json`).expect(404);
    // Only complete files are in the job's folder: no temporary ones are left behind.
    expect((await readdir(join(outDir, job.id))).sort()).toEqual(['sroi-summary.json', 'sroi-summary.xlsx']);
  });
});
