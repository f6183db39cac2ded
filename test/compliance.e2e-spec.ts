import pg from 'pg';
import { DataSource } from 'typeorm';
import { ComplianceRecorder } from '@app/compliance';
import { ADMIN_TOKEN, createTestApp, TestApp } from './support/app.js';
import { startTestWorker } from './support/worker.js';
import { makeAward, makeFunder, seedWorld, World } from './factories/index.js';

type Finding = { rule: string; status: string; message: string; source: string };
const byRule = (findings: Finding[]) => Object.fromEntries(findings.map((f) => [f.rule, f]));
const statusesOf = (findings: Finding[]) => Object.fromEntries(findings.map((f) => [f.rule, f.status]));

/** A three-year grant that meets every award rule (overhead funded in full, paid in advance, paid on time). */
const compliant = (dir: string, org: string, over: Record<string, unknown> = {}) =>
  makeAward(dir, org, { costs: { directCost: '90000.00', overheadCost: '17500.00', overheadFunded: '17500.00' }, ...over });

describe('Compact compliance (e2e)', () => {
  let t: TestApp;
  let w: World;
  let db: pg.Client;
  beforeAll(async () => {
    t = await createTestApp();
    w = await seedWorld(t);
    db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  /** A funder and directorate of its own, with its own commissioner, so its counts are exact. */
  async function ownDirectorate(name: string) {
    const admin = t.as(ADMIN_TOKEN);
    const funder = (await admin.post('/api/funders', makeFunder({ name: `${name} funder` })).expect(201)).body;
    const dir = (await admin.post('/api/directorates', { funderId: funder.id, code: name.slice(0, 3).toUpperCase() + String(Date.now() % 1e5), name }).expect(201)).body;
    const token = (await admin.post('/api/users', { email: `c.${dir.code.toLowerCase()}@example.gov.uk`, role: 'commissioner', directorateIds: [dir.id] }).expect(201)).body.token as string;
    return { funderId: funder.id as string, dirId: dir.id as string, token };
  }

  it('a commissioner sees why an award warns, with worked numbers, and clears it with a justification', async () => {
    const c = t.as(w.tokens.commissionerA);
    const sent = makeAward(w.dirA, w.orgId, {
      costs: { directCost: '90000.00', overheadCost: null, overheadFunded: null },
      payments: [
        { dueDate: '2025-05-01', amount: '31666.67', paidDate: '2025-05-03' },
        { dueDate: '2026-05-01', amount: '31666.67' },
        { dueDate: '2027-05-01', amount: '31666.66' },
      ],
    });
    const created = (await c.post('/api/awards', sent).expect(201)).body;
    expect(created.complianceStatus).toBe('warn');

    const res = await c.get(`/api/awards/${created.id}/compliance`).expect(200);
    expect(res.body).toMatchObject({ awardId: created.id, status: 'warn', stored: true, profileVersion: 0 });
    expect(statusesOf(res.body.findings)).toEqual({
      'FCR-1': 'warn', 'FCR-2': 'not_applicable', 'ADV-1': 'warn', 'MY-1': 'pass', 'END-1': 'not_applicable',
      'END-2': 'not_applicable', 'MON-1': 'pass', 'PAY-1': 'pass', 'PUB-1': 'not_applicable',
    });
    const f = byRule(res.body.findings);
    expect(f['FCR-1'].message).toMatch(/^No overhead cost is recorded for this grant: .*record it in costs\.overheadCost\.$/);
    expect(f['FCR-1'].source).toBe('Local Compact funding code (full cost recovery); HM Treasury 2006 Improving financial relationships with the third sector ch. 5');
    expect(f['ADV-1'].message).toBe(
      'The first payment of £31,666.67 falls due on 2025-05-01, 30 days after the planned start 2025-04-01: the organisation is paid in arrears ' +
        'and must fund the work itself until then. Move the first due date to 2025-04-01 or earlier, or record why payment in arrears is needed ' +
        'and value for money in justifications.arrearsPayment.',
    );
    expect(f['ADV-1'].source).toBe('Compact funding code: pay in advance where there is a clear need and it is value for money; HMT 2006 ch. 4');

    // The overhead recorded (DOMAIN.md section 2 worked example): FCR-2 gives the shortfall, the share funded and the rate.
    const v2 = (await c.patch(`/api/awards/${created.id}`, { version: 1, costs: { overheadCost: '17500.00', overheadFunded: '5000.00' } }).expect(200)).body;
    const f2 = byRule((await c.get(`/api/awards/${created.id}/compliance`).expect(200)).body.findings);
    expect(f2['FCR-1'].status).toBe('pass');
    expect(f2['FCR-2']).toMatchObject({ status: 'warn' });
    expect(f2['FCR-2'].message).toBe(
      'Only £5,000.00 of the £17,500.00 overhead cost is funded (28.6 %): a shortfall of £12,500.00. Overhead rate 16.28 % of the full cost of ' +
        '£107,500.00 (19.44 % of direct costs). To clear it, fund the full overhead share: raise costs.overheadFunded (and the award) by £12,500.00 to £17,500.00.',
    );

    // A recorded justification turns ADV-1 into a pass that quotes it.
    await c.patch(`/api/awards/${created.id}`, {
      version: v2.version,
      costs: { overheadFunded: '17500.00' },
      justifications: { arrearsPayment: 'Quarterly claims against delivered sessions, agreed with the provider' },
    }).expect(200);
    const after = (await c.get(`/api/awards/${created.id}/compliance`).expect(200)).body;
    expect(after.status).toBe('pass');
    expect(byRule(after.findings)['ADV-1']).toMatchObject({
      status: 'pass',
      message: 'The first payment of £31,666.67 falls due on 2025-05-01, 30 days after the planned start 2025-04-01 (paid in arrears), justified: "Quarterly claims against delivered sessions, agreed with the provider".',
    });
    const read = (await t.as(w.tokens.finance).get(`/api/awards/${created.id}`).expect(200)).body;
    expect(read.complianceStatus).toBe('pass');
    const row = await db.query(`SELECT status, fail_count, warn_count, statuses->>'ADV-1' AS adv FROM compliance_results WHERE subject_type = 'award' AND subject_id = $1`, [created.id]);
    expect(row.rows).toEqual([{ status: 'pass', fail_count: 0, warn_count: 0, adv: 'pass' }]);
  });

  it('END-1 clamps three calendar months to the month end: notice on 31 August allows 30 November, not 29', async () => {
    const c = t.as(w.tokens.commissionerA);
    const a = (await c.post('/api/awards', compliant(w.dirA, w.orgId, { ending: { noticeDate: '2025-08-31', effectiveDate: '2025-11-30', reason: 'Service recommissioned' } })).expect(201)).body;
    const ok = byRule((await c.get(`/api/awards/${a.id}/compliance`).expect(200)).body.findings);
    expect(ok['END-1']).toMatchObject({ status: 'pass', message: "Notice was given on 2025-08-31 and the ending takes effect on 2025-11-30: at least 3 calendar months' notice (earliest allowed 2025-11-30)." });
    expect(ok['END-2']).toMatchObject({ status: 'pass', message: 'The reason for ending is recorded: "Service recommissioned".' });

    const early = (await c.patch(`/api/awards/${a.id}`, { version: a.version, ending: { effectiveDate: '2025-11-29' } }).expect(200)).body;
    expect(early.complianceStatus).toBe('fail');
    const failed = (await c.get(`/api/awards/${a.id}/compliance`).expect(200)).body;
    expect(failed.status).toBe('fail');
    expect(byRule(failed.findings)['END-1']).toEqual({
      rule: 'END-1',
      status: 'fail',
      message: "Notice was given on 2025-08-31 but the ending takes effect on 2025-11-29, 1 day short of the 3 calendar months' notice the Compact requires. Move the effective date to 2025-11-30 or later.",
      source: "Compact 2009 13.3 (at least three months' written notice with rationale); Best Value Statutory Guidance 2011 (grants and fixed-term contracts)",
    });
  });

  it('PUB-1: a published grant to a charity without its number warns until the organisation records it', async () => {
    const org = (await t.as(w.tokens.commissionerA).post('/api/organisations', { name: 'Newport Pagnell Lunch Club', type: 'charity', postcode: 'MK16 8AA' }).expect(201)).body;
    const a = (await t.as(w.tokens.commissionerA).post('/api/awards', compliant(w.dirA, org.id)).expect(201)).body;
    expect(a.complianceStatus).toBe('pass');
    const published = (await t.as(w.tokens.commissionerA).post(`/api/awards/${a.id}/publish`).expect(200)).body;
    expect(published.complianceStatus).toBe('warn');
    const pub1 = async () => byRule((await t.as(w.tokens.finance).get(`/api/awards/${a.id}/compliance`).expect(200)).body.findings)['PUB-1'];
    expect(await pub1()).toMatchObject({ status: 'warn', source: 'Local Government Transparency Code 2015' });
    expect((await pub1()).message).toContain("the recipient's charity number (it is a charity)");
    // The organisation's edit re-checks its awards (after the edit commits).
    await t.as(w.tokens.commissionerA).patch(`/api/organisations/${org.id}`, { charityNumber: '1098765' }).expect(200);
    expect((await pub1()).status).toBe('pass');
    expect((await t.as(w.tokens.finance).get(`/api/awards/${a.id}`).expect(200)).body.complianceStatus).toBe('pass');
  });

  it('checks an award as it is typed without saving it (dry run), validating as on create', async () => {
    const before = Number((await db.query('SELECT count(*) FROM compliance_results')).rows[0].count);
    const res = await t.as(w.tokens.commissionerA).post('/api/compliance/check', { kind: 'contract', amountAwarded: '8000', costs: { overheadCost: '0' }, monitoring: { reportingFrequency: 'quarterly' } }).expect(200);
    expect(res.body.status).toBe('warn');
    const f = byRule(res.body.findings);
    expect(f['FCR-1'].message).toMatch(/^The overhead cost is recorded as £0\.00 for this contract/);
    expect(f['MON-1']).toMatchObject({ status: 'warn' });
    expect(f['MON-1'].message).toContain('Quarterly reporting asks for 4 reports a year');
    expect(f['MON-1'].message).toContain('£8,000.00 (under £10,000.00)');
    expect(f['MY-1'].status).toBe('not_applicable');
    expect(Number((await db.query('SELECT count(*) FROM compliance_results')).rows[0].count)).toBe(before);

    const bad = await t.as(w.tokens.commissionerA).post('/api/compliance/check', { amountAwarded: 'lots', plannedStartDate: '2025-02-30', colour: 'red' }).expect(400);
    expect(bad.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/^amountAwarded: /), expect.stringMatching(/^plannedStartDate: /), expect.stringMatching(/^colour: is not a known field/)]));
    await t.as(w.tokens.finance).post('/api/compliance/check', { kind: 'grant' }).expect(403);
  });

  it('consultations: exactly 84 days passes, 60 days without rationale warns (with one passes), 50 days fails', async () => {
    const c = t.as(w.tokens.commissionerA);
    const make = async (title: string, endDate: string, rationale?: string) =>
      (await c.post('/api/consultations', { directorateId: w.dirA, title, startDate: '2025-01-06', endDate, ...(rationale ? { rationale } : {}) }).expect(201)).body;
    const full = await make('Day services review', '2025-03-31');
    const short = await make('Transport policy', '2025-03-07');
    const justified = await make('Winter pressures', '2025-03-07', 'Funding decision due before the financial year end');
    const tooShort = await make('Grant criteria', '2025-02-25', 'Urgent');
    expect([full, short, justified, tooShort].map((x) => x.complianceStatus)).toEqual(['pass', 'warn', 'pass', 'fail']);
    expect(full).toMatchObject({ directorateId: w.dirA, directorateName: 'Adult Social Care', title: 'Day services review', startDate: '2025-01-06', endDate: '2025-03-31', rationale: null, version: 1 });

    const con = async (id: string) => (await t.as(w.tokens.executive).get(`/api/consultations/${id}/compliance`).expect(200)).body;
    expect(await con(full.id)).toMatchObject({
      consultationId: full.id,
      status: 'pass',
      findings: [{ rule: 'CON-1', status: 'pass', message: 'The consultation runs 84 days (12 weeks), from 2025-01-06 to 2025-03-31: at least the 12-week (84-day) standard.', source: 'National Compact 2010 2.4; Kent Partners Compact' }],
    });
    expect((await con(short.id)).findings[0]).toMatchObject({
      status: 'warn',
      message: 'The consultation runs 60 days, from 2025-01-06 to 2025-03-07, 24 days short of the 12-week (84-day) standard. Move the end date to 2025-03-31 or later, or record why a shorter consultation is needed in rationale.',
    });
    expect((await con(justified.id)).findings[0].message).toBe(
      'The consultation runs 60 days, from 2025-01-06 to 2025-03-07, 24 days shorter than the 12-week (84-day) standard, with the rationale: "Funding decision due before the financial year end".',
    );
    expect((await con(tooShort.id)).findings[0]).toMatchObject({ status: 'fail' });
    expect((await con(tooShort.id)).findings[0].message).toContain('runs 50 days, from 2025-01-06 to 2025-02-25, 6 days below the 8-week (56-day) local minimum');

    const list = await t.as(w.tokens.finance).get(`/api/consultations?directorateId=${w.dirA}&pageSize=2`).expect(200);
    expect(list.body).toMatchObject({ total: 4, page: 1, pageSize: 2 });
    expect(list.body.items).toHaveLength(2);
    expect((await t.as(w.tokens.finance).get(`/api/consultations?directorateId=${w.dirB}`).expect(200)).body.total).toBe(0);
    expect((await t.as(w.tokens.finance).get(`/api/consultations/${short.id}`).expect(200)).body).toEqual(short);

    await t.as(w.tokens.commissionerB).post('/api/consultations', { directorateId: w.dirA, title: 'Not mine', startDate: '2025-01-06', endDate: '2025-03-31' }).expect(403);
    await t.as(w.tokens.finance).post('/api/consultations', { directorateId: w.dirA, title: 'Not mine', startDate: '2025-01-06', endDate: '2025-03-31' }).expect(403);
    const bad = await c.post('/api/consultations', { directorateId: w.dirA, title: '', startDate: '2025-03-01', endDate: '2025-02-01' }).expect(400);
    expect(bad.body.message).toEqual(expect.arrayContaining(['title: must not be empty', expect.stringMatching(/^endDate: /)]));
    const audit = await t.as(w.tokens.executive).get(`/api/audit?entity=consultation&entityId=${full.id}`).expect(200);
    expect(audit.body.items.map((i: { action: string }) => i.action)).toEqual(['create']);
  });

  it('the summary per directorate (and funder, programme, rule) stays right through creates, updates and a delete; the list filters on compliance', async () => {
    const own = await ownDirectorate('Summary Services');
    const c = t.as(own.token);
    const programme = 'Summary test programme';
    const a1 = (await c.post('/api/awards', compliant(own.dirId, w.orgId, { programme, title: 'All good' })).expect(201)).body;
    const a2 = (await c.post('/api/awards', makeAward(own.dirId, w.orgId, { programme, title: 'Overhead short' })).expect(201)).body;
    const a3 = (await c.post('/api/awards', compliant(own.dirId, w.orgId, { programme, title: 'Short notice', ending: { noticeDate: '2025-08-31', effectiveDate: '2025-10-31', reason: 'Budget' } })).expect(201)).body;
    expect([a1, a2, a3].map((a) => a.complianceStatus)).toEqual(['pass', 'warn', 'fail']);

    const group = async (groupBy: string, key: string) => {
      const s = (await t.as(w.tokens.executive).get(`/api/compliance/summary?groupBy=${groupBy}`).expect(200)).body;
      expect(s.groupBy).toBe(groupBy);
      return { group: s.groups.find((g: { key: string }) => g.key === key), worst: s.worstAwards };
    };
    const { group: g1, worst } = await group('directorate', own.dirId);
    expect(g1).toMatchObject({ key: own.dirId, name: 'Summary Services', awards: { pass: 1, warn: 1, fail: 1 }, consultations: { pass: 0, warn: 0, fail: 0 } });
    expect(g1.rules['FCR-2']).toEqual({ pass: 2, warn: 1, fail: 0, not_applicable: 0 });
    expect(g1.rules['END-1']).toEqual({ pass: 0, warn: 0, fail: 1, not_applicable: 2 });
    expect(g1.rules['END-2']).toEqual({ pass: 1, warn: 0, fail: 0, not_applicable: 2 });
    expect(g1.rules['CON-1']).toEqual({ pass: 0, warn: 0, fail: 0, not_applicable: 0 });
    expect(worst.find((x: { id: string }) => x.id === a3.id)).toEqual({
      id: a3.id, title: 'Short notice', directorateId: own.dirId, directorate: 'Summary Services', status: 'fail', fails: 1, warns: 0, failing: ['END-1'], warning: [],
    });
    expect(worst[0].fails).toBeGreaterThanOrEqual(1);

    const warnList = await t.as(w.tokens.finance).get(`/api/awards?directorateId=${own.dirId}&compliance=warn`).expect(200);
    expect(warnList.body.items.map((a: { id: string; complianceStatus: string }) => [a.id, a.complianceStatus])).toEqual([[a2.id, 'warn']]);
    const failList = await t.as(w.tokens.finance).get(`/api/awards?directorateId=${own.dirId}&compliance=fail`).expect(200);
    expect(failList.body.items.map((a: { id: string }) => a.id)).toEqual([a3.id]);
    await t.as(w.tokens.finance).get('/api/awards?compliance=bad').expect(400);

    await c.patch(`/api/awards/${a2.id}`, { version: a2.version, costs: { overheadFunded: '17500.00' } }).expect(200);
    await c.patch(`/api/awards/${a1.id}`, { version: a1.version, programme: 'Another programme' }).expect(200);
    await c.delete(`/api/awards/${a3.id}`).expect(204);

    const { group: g2, worst: worst2 } = await group('directorate', own.dirId);
    expect(g2.awards).toEqual({ pass: 2, warn: 0, fail: 0 });
    expect(g2.rules['FCR-2']).toEqual({ pass: 2, warn: 0, fail: 0, not_applicable: 0 });
    expect(g2.rules['END-1']).toEqual({ pass: 0, warn: 0, fail: 0, not_applicable: 2 });
    expect(worst2.map((x: { id: string }) => x.id)).not.toContain(a3.id);
    expect((await group('funder', own.funderId)).group).toMatchObject({ key: own.funderId, name: 'Summary Services funder', awards: { pass: 2, warn: 0, fail: 0 } });
    expect((await group('programme', programme)).group).toMatchObject({ name: programme, awards: { pass: 1, warn: 0, fail: 0 } });
    expect((await group('programme', 'Another programme')).group).toMatchObject({ awards: { pass: 1, warn: 0, fail: 0 } });
    const rules = (await t.as(w.tokens.executive).get('/api/compliance/summary?groupBy=rule&worst=0').expect(200)).body;
    expect(rules.groups.map((g: { key: string }) => g.key)).toEqual(['FCR-1', 'FCR-2', 'ADV-1', 'MY-1', 'END-1', 'END-2', 'MON-1', 'PAY-1', 'PUB-1', 'CON-1']);
    expect(rules.groups[4]).toMatchObject({ key: 'END-1', name: 'Notice of ending', source: expect.stringContaining('Compact 2009 13.3') });
    expect(rules.worstAwards).toEqual([]);
    await t.as(w.tokens.executive).get('/api/compliance/summary?groupBy=colour').expect(400);

    // The incrementally kept counts equal a count from scratch over the stored findings.
    expect(await countsTable()).toEqual(await countsFromFindings());
    const deleted = await db.query(`SELECT count(*)::int AS n FROM compliance_results WHERE subject_id = $1`, [a3.id]);
    expect(deleted.rows[0].n).toBe(0);
  });

  it('computes findings when none are stored, and 404s for an unknown award', async () => {
    const a = (await t.as(w.tokens.commissionerA).post('/api/awards', compliant(w.dirA, w.orgId)).expect(201)).body;
    await db.query(`DELETE FROM compliance_results WHERE subject_id = $1`, [a.id]);
    await db.query(`DELETE FROM compliance_findings WHERE subject_id = $1`, [a.id]);
    const res = (await t.as(w.tokens.finance).get(`/api/awards/${a.id}/compliance`).expect(200)).body;
    expect(res).toMatchObject({ awardId: a.id, status: 'pass', stored: false, checkedAt: null });
    expect(res.findings).toHaveLength(9);
    await t.as(w.tokens.finance).get('/api/awards/6f1c1d6e-2a1b-4c1d-9e1f-0a1b2c3d4e5f/compliance').expect(404);
    // (The counts still hold this award; the re-check job of the next test stores its findings and rebuilds them.)
  });

  it('the Compact profile: read with sources, validated, audited, admin only, and a change re-checks everything in the worker', async () => {
    const initial = (await t.as(w.tokens.executive).get('/api/compact-profile').expect(200)).body;
    expect(initial).toMatchObject({ version: 0, isDefault: true, updatedAt: null });
    expect(initial.profile).toEqual({
      multiYearMinimumMonths: 36, noticeMonths: 3, consultationFullDays: 84, consultationMinimumDays: 56,
      monitoringBands: [{ underPence: '1000000', maxReportsPerYear: 1 }, { underPence: '10000000', maxReportsPerYear: 2 }],
      monitoringMaxReportsPerYear: 4, paymentLatenessDays: { contract: 30, grant: 10 },
    });
    expect(initial.rules.find((r: { rule: string }) => r.rule === 'MY-1')).toEqual({
      rule: 'MY-1', title: 'Multi-year funding', severity: 'warn',
      commitment: 'Fund for several years where appropriate; a shorter period needs a recorded reason.',
      source: 'Compact: multi-year funding where appropriate; MK commissioned services on three to five years',
      settings: { multiYearMinimumMonths: 36 },
    });

    const bad = await t.as(ADMIN_TOKEN).put('/api/compact-profile', { ...initial.profile, multiYearMinimumMonths: 0, noticeMonths: 'three', colour: 'red' }).expect(400);
    expect(bad.body.message).toEqual([
      'colour: is not a Compact profile setting',
      'multiYearMinimumMonths: must be a whole number of months from 1 to 120',
      'noticeMonths: must be a whole number of months from 1 to 24',
    ]);
    await t.as(w.tokens.finance).put('/api/compact-profile', { ...initial.profile, multiYearMinimumMonths: 12 }).expect(403);
    await t.as(w.tokens.commissionerA).put('/api/compact-profile', { ...initial.profile, multiYearMinimumMonths: 12 }).expect(403);

    // A two-year award warns on MY-1 under the 36-month default.
    const c = t.as(w.tokens.commissionerA);
    const twoYear = (await c.post('/api/awards', compliant(w.dirA, w.orgId, { plannedEndDate: '2027-03-31', title: 'Two-year pilot' })).expect(201)).body;
    expect(twoYear.complianceStatus).toBe('warn');
    const my1 = async () => byRule((await c.get(`/api/awards/${twoYear.id}/compliance`).expect(200)).body.findings)['MY-1'];
    expect(await my1()).toMatchObject({
      status: 'warn',
      message: 'The funding period 2025-04-01 to 2027-03-31 is 24 months, 12 months short of the 36-month multi-year minimum. Extend plannedEndDate to 2028-03-31 or later, or record why a shorter period is appropriate in justifications.singleYear.',
    });

    const worker = await startTestWorker();
    try {
      const put = (await t.as(ADMIN_TOKEN).put('/api/compact-profile', { ...initial.profile, multiYearMinimumMonths: 12 }).expect(200)).body;
      expect(put).toMatchObject({ version: 1, isDefault: false, updatedBy: expect.stringMatching(/.+/), profile: { multiYearMinimumMonths: 12 } });
      expect(put.recheckJobId).toMatch(/.+/);
      const result = (await worker.waitForJob(put.recheckJobId, 30_000)) as Record<string, unknown>;
      const awards = Number((await db.query('SELECT count(*) FROM awards')).rows[0].count);
      const consultations = Number((await db.query('SELECT count(*) FROM consultations')).rows[0].count);
      expect(result).toMatchObject({ profileVersion: 1, awards, consultations, reason: 'Compact profile changed to version 1' });
      expect(result.statusChanged).toBeGreaterThanOrEqual(1);
      const job = (await t.as(ADMIN_TOKEN).get(`/api/jobs/${put.recheckJobId}`).expect(200)).body;
      expect(job).toMatchObject({ type: 'compliance-recheck', state: 'completed', progress: 100 });

      expect(await my1()).toMatchObject({ status: 'pass', message: 'The funding period 2025-04-01 to 2027-03-31 is 24 months: at least the 12-month multi-year minimum.' });
      expect((await c.get(`/api/awards/${twoYear.id}`).expect(200)).body.complianceStatus).toBe('pass');
      expect((await c.get(`/api/awards/${twoYear.id}/compliance`).expect(200)).body.profileVersion).toBe(1);
      expect(await countsTable()).toEqual(await countsFromFindings());
      // Every award's MY-1 message names the minimum, so every award's findings were rewritten; the
      // consultations' CON-1 findings did not change and were left as they were.
      const versions = await db.query(`SELECT subject_type, profile_version, count(*)::int AS n FROM compliance_results GROUP BY 1, 2 ORDER BY 1, 2`);
      expect(versions.rows).toEqual([{ subject_type: 'award', profile_version: 1, n: awards }, { subject_type: 'consultation', profile_version: 0, n: consultations }]);
      expect(result.findingsChanged).toBe(awards);

      // The same profile again changes nothing and queues nothing.
      const same = (await t.as(ADMIN_TOKEN).put('/api/compact-profile', put.profile).expect(200)).body;
      expect(same).toMatchObject({ version: 1, recheckJobId: null });

      const audit = (await t.as(w.tokens.executive).get('/api/audit?entity=compact_profile').expect(200)).body;
      expect(audit.items).toHaveLength(1);
      expect(audit.items[0]).toMatchObject({ action: 'update', entityId: '1', before: { version: 0, multiYearMinimumMonths: 36 }, after: { version: 1, multiYearMinimumMonths: 12 } });

      // New writes use the new profile at once.
      const oneYear = (await c.post('/api/awards', compliant(w.dirA, w.orgId, { plannedEndDate: '2026-03-31' })).expect(201)).body;
      expect(oneYear.complianceStatus).toBe('pass');

      // An admin may also ask for a re-check (e.g. after an upgrade); others may not.
      await t.as(w.tokens.executive).post('/api/compliance/recheck').expect(403);
      const again = (await t.as(ADMIN_TOKEN).post('/api/compliance/recheck').expect(202)).body;
      await expect(worker.waitForJob(again.id, 30_000)).resolves.toMatchObject({ findingsChanged: 0, statusChanged: 0, profileVersion: 1, reason: 'requested' });
    } finally {
      await worker.close();
    }
  });

  it('a re-check running while awards are created, edited and deleted leaves no stale findings and right counts', async () => {
    const c = t.as(w.tokens.commissionerA);
    // Enough awards for the job to take several batches, each to an organisation of its own (written
    // straight to the tables: the job checks them).
    await db.query(
      `WITH orgs AS (INSERT INTO organisations (name, type) SELECT 'Bulk recipient ' || g, 'community_group' FROM generate_series(1, 3000) g RETURNING id, name)
       INSERT INTO awards (kind, title, directorate_id, recipient_organisation_id, programme, amount_awarded_pence, planned_start_date, planned_end_date, reporting_frequency, overhead_cost_pence)
       SELECT 'grant', 'Bulk ' || g, $1, o.id, 'Bulk programme', 500000 + g, DATE '2025-04-01', DATE '2025-04-01' + (g % 1500), 'quarterly', CASE WHEN g % 2 = 0 THEN 1000 END
         FROM orgs o CROSS JOIN LATERAL (SELECT substr(o.name, 16)::int AS g) n`,
      [w.dirA],
    );
    const edited = await Promise.all([1, 2, 3, 4, 5, 6].map(async (i) => (await c.post('/api/awards', compliant(w.dirA, w.orgId, { title: `Edited ${i}` })).expect(201)).body));
    const worker = await startTestWorker();
    try {
      const job = (await t.as(ADMIN_TOKEN).post('/api/compliance/recheck').expect(202)).body;
      // Writes while the job runs: each waits at most for one batch.
      await Promise.all([
        ...edited.slice(0, 3).map((a, i) => c.patch(`/api/awards/${a.id}`, { version: a.version, plannedEndDate: '2026-03-31', costs: { overheadFunded: String(1000 * i) } }).expect(200)),
        ...edited.slice(3, 5).map((a) => c.delete(`/api/awards/${a.id}`).expect(204)),
        c.post('/api/awards', makeAward(w.dirA, w.orgId, { title: 'Created during the job' })).expect(201),
        c.post('/api/consultations', { directorateId: w.dirA, title: 'During the job', startDate: '2025-01-06', endDate: '2025-02-06' }).expect(201),
      ]);
      const result = (await worker.waitForJob(job.id, 60_000)) as { awards: number };
      expect(result.awards).toBeGreaterThanOrEqual(3000);

      // Every stored finding is what a check of the award as it is now gives: a second re-check changes nothing.
      const again = (await t.as(ADMIN_TOKEN).post('/api/compliance/recheck').expect(202)).body;
      await expect(worker.waitForJob(again.id, 60_000)).resolves.toMatchObject({ findingsChanged: 0, statusChanged: 0 });
      const orphans = await db.query(`SELECT count(*)::int AS n FROM compliance_results r WHERE r.subject_type = 'award' AND NOT EXISTS (SELECT 1 FROM awards a WHERE a.id = r.subject_id)`);
      expect(orphans.rows[0].n).toBe(0);
      const unpaired = await db.query(`SELECT count(*)::int AS n FROM compliance_results r FULL JOIN compliance_findings f USING (subject_type, subject_id) WHERE r.subject_id IS NULL OR f.subject_id IS NULL`);
      expect(unpaired.rows[0].n).toBe(0);
      const unchecked = await db.query(`SELECT count(*)::int AS n FROM awards a WHERE NOT EXISTS (SELECT 1 FROM compliance_results r WHERE r.subject_type = 'award' AND r.subject_id = a.id)`);
      expect(unchecked.rows[0].n).toBe(0);
      // Writes after the job keep the counts equal to a count from scratch.
      await c.patch(`/api/awards/${edited[5].id}`, { version: edited[5].version, plannedEndDate: '2025-12-31' }).expect(200);
      expect(await countsTable()).toEqual(await countsFromFindings());
      const bulk = (await t.as(w.tokens.executive).get('/api/compliance/summary?groupBy=programme&worst=0').expect(200)).body.groups.find((g: { key: string }) => g.key === 'Bulk programme');
      expect(bulk.awards.pass + bulk.awards.warn + bulk.awards.fail).toBe(3000);
      expect(bulk.rules['FCR-1']).toEqual({ pass: 1500, warn: 1500, fail: 0, not_applicable: 0 });
    } finally {
      await worker.close();
    }
  }, 120_000);

  it('after a profile change, the re-check stores for every award exactly what checking that award alone gives', async () => {
    const own = await ownDirectorate('Varied awards');
    // Awards of every shape the rules tell apart, written straight to the tables (the job checks them):
    // kinds, statuses, periods, costs, reporting, endings, justifications, recipients and 0-3 payments paid on time, late or not yet.
    await db.query(
      `WITH orgs AS (
         INSERT INTO organisations (name, type, charity_number, company_number)
         SELECT 'Varied recipient ' || g, (ARRAY['charity','company','cic','community_group','individual'])[1 + g % 5],
                CASE WHEN g % 3 = 0 THEN '1' || lpad(g::text, 6, '0') END, CASE WHEN g % 4 = 0 THEN lpad(g::text, 8, '0') END
           FROM generate_series(1, 1000) g RETURNING id, name),
       awards AS (
         INSERT INTO awards (kind, status, title, description, directorate_id, recipient_organisation_id, programme, amount_awarded_pence, award_date,
                             planned_start_date, planned_end_date, direct_cost_pence, overhead_cost_pence, overhead_funded_pence, reporting_frequency,
                             ending_notice_date, ending_effective_date, ending_reason, justification_arrears_payment, justification_single_year,
                             justification_monitoring, published_at)
         SELECT (ARRAY['grant','contract','in_kind'])[1 + g % 3], (ARRAY['draft','awarded','published','ended'])[1 + g % 4], 'Varied ' || g,
                CASE WHEN g % 5 <> 0 THEN 'Work ' || g END, $1, o.id, CASE WHEN g % 7 <> 0 THEN 'Programme ' || g % 4 END, 100 * (g * 397 % 250000),
                CASE WHEN g % 11 <> 0 THEN DATE '2025-01-01' + g % 300 END,
                CASE WHEN g % 13 <> 0 THEN DATE '2025-04-01' + g % 90 END, CASE WHEN g % 17 <> 0 THEN DATE '2025-04-01' + 90 + g * 7 % 1500 END,
                CASE WHEN g % 2 = 0 THEN 9000000 + g END, CASE WHEN g % 6 = 1 THEN 0 WHEN g % 6 <> 0 THEN 1500000 + g END,
                CASE WHEN g % 4 = 1 THEN 1500000 + g WHEN g % 4 = 2 THEN 700000 END,
                CASE WHEN g % 9 <> 0 THEN (ARRAY['monthly','quarterly','six_monthly','annual','end_only'])[1 + g % 5] END,
                CASE WHEN g % 4 = 3 AND g % 8 <> 7 THEN DATE '2026-01-31' + g % 60 END, CASE WHEN g % 4 = 3 AND g % 3 <> 0 THEN DATE '2026-03-31' + g % 90 END,
                CASE WHEN g % 4 = 3 AND g % 5 < 3 THEN 'Programme closed ' || g WHEN g % 4 = 3 AND g % 5 = 3 THEN '  ' END,
                CASE WHEN g % 10 = 0 THEN 'Paid on outcomes "' || g || '"' END, CASE WHEN g % 12 = 0 THEN 'Pilot year' END,
                CASE WHEN g % 14 = 0 THEN 'High risk' END, CASE WHEN g % 4 = 2 THEN now() END
           FROM orgs o CROSS JOIN LATERAL (SELECT substr(o.name, 18)::int AS g) n
         RETURNING id, amount_awarded_pence, planned_start_date, substr(title, 8)::int AS g)
       INSERT INTO award_payments (award_id, position, due_date, amount_pence, paid_date)
       SELECT a.id, k, COALESCE(a.planned_start_date, DATE '2025-04-01') + (k - 1) * 90 + a.g % 20 - 5, 100 * k + a.g,
              CASE WHEN (a.g + k) % 3 <> 0 THEN COALESCE(a.planned_start_date, DATE '2025-04-01') + (k - 1) * 90 + a.g % 20 - 5 + (a.g * k) % 45 END
         FROM awards a CROSS JOIN LATERAL generate_series(1, a.g % 4) k`,
      [own.dirId],
    );
    const worker = await startTestWorker();
    let stored: Map<string, unknown>;
    try {
      const first = (await t.as(ADMIN_TOKEN).post('/api/compliance/recheck').expect(202)).body;
      await worker.waitForJob(first.id, 60_000);
      const initial = (await t.as(ADMIN_TOKEN).get('/api/compact-profile').expect(200)).body.profile;
      const changed = { ...initial, multiYearMinimumMonths: 24, noticeMonths: 2, monitoringBands: [{ underPence: '2000000', maxReportsPerYear: 2 }], paymentLatenessDays: { contract: 20, grant: 14 } };
      const put = (await t.as(ADMIN_TOKEN).put('/api/compact-profile', changed).expect(200)).body;
      const result = (await worker.waitForJob(put.recheckJobId, 60_000)) as { findingsChanged: number; statusChanged: number };
      expect(result.findingsChanged).toBeGreaterThan(900);
      expect(result.statusChanged).toBeGreaterThan(0);
      stored = await storedFindings(own.dirId);
    } finally {
      await worker.close();
    }
    expect(stored.size).toBe(1000);
    expect(await countsTable()).toEqual(await countsFromFindings());

    // Each award checked alone, as its own write's hook does, from nothing stored (rolled back afterwards).
    const recorder = t.app.get(ComplianceRecorder);
    const ids = [...stored.keys()];
    const qr = t.app.get(DataSource).createQueryRunner();
    await qr.startTransaction();
    let alone: Map<string, unknown>;
    try {
      await recorder.forget(qr.manager, 'award', ids);
      for (const id of ids) await expect(recorder.checkAwards(qr.manager, [id])).resolves.toEqual({ checked: 1, written: 1, statusChanged: 1 });
      const rows: { id: string; findings: string }[] = await qr.manager.query(
        `SELECT r.subject_id::text AS id, r.status, r.fail_count AS fails, r.warn_count AS warns, r.statuses, f.findings
           FROM compliance_results r JOIN compliance_findings f USING (subject_type, subject_id) WHERE r.subject_type = 'award' AND r.subject_id = ANY($1::uuid[])`,
        [ids],
      );
      alone = new Map<string, unknown>(rows.map((row) => [row.id, { ...row, findings: JSON.parse(row.findings) }]));
    } finally {
      await qr.rollbackTransaction();
      await qr.release();
    }
    expect(alone.size).toBe(1000);
    for (const id of ids) expect([id, stored.get(id)]).toEqual([id, alone.get(id)]);
    // Something of every kind was found (the awards are as varied as intended).
    const statuses = new Set([...stored.values()].flatMap((v) => (v as { findings: Finding[] }).findings.map((f) => `${f.rule} ${f.status}`)));
    for (const rule of ['FCR-1', 'FCR-2', 'ADV-1', 'MY-1', 'END-1', 'END-2', 'MON-1', 'PAY-1', 'PUB-1']) expect([rule, ['pass', 'warn'].every((s) => statuses.has(`${rule} ${s}`))]).toEqual([rule, true]);
    expect(statuses.has('END-1 fail')).toBe(true);
  }, 120_000);

  async function storedFindings(dirId: string) {
    const r = await db.query(
      `SELECT r.subject_id::text AS id, r.status, r.fail_count AS fails, r.warn_count AS warns, r.statuses, f.findings
         FROM compliance_results r JOIN compliance_findings f USING (subject_type, subject_id) WHERE r.subject_type = 'award' AND r.directorate_id = $1`,
      [dirId],
    );
    return new Map<string, unknown>(r.rows.map((row) => [row.id, { ...row, findings: JSON.parse(row.findings) }]));
  }

  it('documents its routes in the OpenAPI document', async () => {
    const docs = (await t.http().get('/api/docs-json').expect(200)).body;
    expect(Object.keys(docs.paths)).toEqual(
      expect.arrayContaining(['/api/awards/{id}/compliance', '/api/compliance/check', '/api/compliance/summary', '/api/compliance/recheck', '/api/compact-profile', '/api/consultations', '/api/consultations/{id}', '/api/consultations/{id}/compliance']),
    );
    expect(docs.paths['/api/compact-profile'].put.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/CompactProfileDto');
    expect(docs.components.schemas.CreateConsultationDto.required).toEqual(['directorateId', 'title', 'startDate', 'endDate']);
    expect(docs.paths['/api/compliance/summary'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['groupBy', 'worst']);
    expect(docs.paths['/api/awards'].get.parameters.map((p: { name: string }) => p.name)).toContain('compliance');
  });

  async function countsTable() {
    const r = await db.query(`SELECT subject_type, directorate_id::text, programme, rule, status, n::int FROM compliance_counts WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5`);
    return r.rows;
  }
  async function countsFromFindings() {
    const r = await db.query(
      `SELECT subject_type, directorate_id::text, programme, s.key AS rule, s.value AS status, count(*)::int AS n
         FROM compliance_results CROSS JOIN LATERAL jsonb_each_text(statuses || jsonb_build_object('*', status)) s
        GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
    );
    return r.rows;
  }
});
