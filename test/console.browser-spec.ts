import { mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { launchChromium } from './support/browser.js';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { JOB_QUEUE } from '@app/jobs';
import { createTestApp, TestApp } from './support/app.js';
import { startTestWorker } from './support/worker.js';
import { makeAward, seedWorld, World } from './factories/index.js';

/**
 * The staff console's main journeys in Chromium (Debian's /usr/bin/chromium driven by
 * playwright-core) against the real ApiModule listening on 127.0.0.1 and a worker in-process.
 * Screenshots go to test/screenshots/ (gitignored) for a person to look at.
 */
const SHOTS = join(process.cwd(), 'test', 'screenshots');

let current: Page | null = null;
let failures = 0;

/** Waits (bounded) until the locator's first match is visible; returns its text. On a timeout, a screenshot to look at. */
async function visible(l: Locator, timeout = 10_000): Promise<string> {
  try {
    await l.first().waitFor({ state: 'visible', timeout });
  } catch (e) {
    await current?.screenshot({ path: join(SHOTS, `failure-${++failures}.png`), fullPage: true }).catch(() => undefined);
    throw e;
  }
  return (await l.first().textContent()) ?? '';
}
/** Waits (bounded) until nothing matches. */
const gone = (l: Locator, timeout = 10_000) => l.first().waitFor({ state: 'detached', timeout });

describe('staff console in Chromium (browser)', () => {
  let t: TestApp;
  let w: World;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let browser: Browser;
  let base: string;
  let outDir: string;
  let awardId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    outDir = await mkdtemp(join(tmpdir(), 'console-browser-'));
    t = await createTestApp({ OUTPUT_DIR: outDir });
    worker = await startTestWorker();
    w = await seedWorld(t);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await worker?.close();
    await t?.close();
    await rm(outDir, { recursive: true, force: true });
  });

  /** A fresh browser profile signed in through the sign-in page with the user's API token. */
  async function signedIn(token: string, name: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-GB', acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    current = page;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/console`);
    await visible(page.getByRole('heading', { name: 'Sign in to the staff console' }));
    if (name === 'commissioner') await shot(page, '00-sign-in');
    await page.getByLabel('API token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('navigation', { name: 'Console sections' }));
    const cookies = await context.cookies();
    expect(cookies.map((c) => ({ name: c.name, httpOnly: c.httpOnly, sameSite: c.sameSite }))).toEqual([{ name: 'cft_session', httpOnly: true, sameSite: 'Strict' }]);
    expect(cookies[0].value).not.toBe(token);
    expect(await page.evaluate('document.cookie')).toBe(''); // no script can read the session
    (page as Page & { errors?: string[] }).errors = errors;
    return page;
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const navLinks = async (page: Page) => page.getByRole('navigation', { name: 'Console sections' }).getByRole('link').allTextContents();

  it('a commissioner records a three-year grant with its payments, sees the findings as they type, saves and publishes', async () => {
    const page = await signedIn(w.tokens.commissionerA, 'commissioner');
    expect(await navLinks(page)).toEqual(['Awards', 'New award', 'Organisations', 'Compliance summary']);
    await shot(page, '01-commissioner-awards');

    await page.getByRole('link', { name: 'New award' }).first().click();
    await visible(page.getByRole('heading', { name: 'New award', level: 1 }));
    const label = (text: string) => page.getByLabel(text, { exact: true });
    await label('Kind').selectOption('grant');
    await label('Title').fill('Holiday play schemes 2025-28');
    await label('Description').fill('Free holiday play for children aged 5-13 in Bletchley');
    expect(await label('Directorate').inputValue()).toBe(w.dirA); // the commissioner's only directorate is chosen already
    await label('Programme').fill('Children and families');
    await label('Amount awarded').fill('95,000');
    await label('Award date').fill('2025-03-01');
    await label('Planned start date').fill('2025-04-01');
    await label('Planned end date').fill('2028-03-31');

    // Findings appear beside the form as it is filled in: no overhead recorded yet.
    const finding = (rule: string, status: string) => page.locator(`.findings-panel .finding[data-rule="${rule}"][data-status="${status}"]`);
    const fcr1 = await visible(finding('FCR-1', 'warn'));
    expect(fcr1).toContain('No overhead cost is recorded for this grant');
    expect(fcr1).toContain('How to clear it: Record the overhead cost of the work under Costs.');
    expect(fcr1).toContain('Source: Local Compact funding code (full cost recovery)');

    // Saving without a recipient is refused with the field named, and nothing typed is lost.
    await page.getByRole('button', { name: 'Save award' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'The award was not saved' });
    expect(await visible(summary)).toContain('Recipient: choose the recipient: type part of its name, then choose it from the list');
    expect(await label('Recipient').getAttribute('aria-invalid')).toBe('true');
    expect(await label('Title').inputValue()).toBe('Holiday play schemes 2025-28');
    expect(await label('Amount awarded').inputValue()).toBe('95,000');
    expect(await label('Planned end date').inputValue()).toBe('2028-03-31');
    await shot(page, '02-commissioner-refused');

    await label('Recipient').fill('Milton Keynes Play');
    await page.getByRole('button', { name: /^Milton Keynes Play Association/ }).click();
    await visible(page.getByText('✓ Chosen: Milton Keynes Play Association'));

    // Three yearly payments in advance, split to the penny; the first one has been paid.
    await page.getByRole('button', { name: 'Fill in yearly payments' }).click();
    expect(await label('Due date').count()).toBe(3);
    expect(await Promise.all([0, 1, 2].map((i) => label('Due date').nth(i).inputValue()))).toEqual(['2025-04-01', '2026-04-01', '2027-04-01']);
    expect(await Promise.all([0, 1, 2].map((i) => label('Amount').nth(i).inputValue()))).toEqual(['31666.67', '31666.67', '31666.66']);
    await label('Paid date').nth(0).fill('2025-04-03');
    await visible(page.getByText('3 payments adding up to £95,000.00, the amount awarded.'));

    await label('Direct cost').fill('90000');
    await label('Overhead cost').fill('17500');
    await label('Overhead funded').fill('5000');
    await label('Reporting frequency').selectOption('six_monthly');
    await page.getByRole('button', { name: 'Add an outcome' }).click();
    await label('Outcome description').fill('children with safe holiday play');
    await label('Indicator').fill('children attending 10+ days');
    await label('Quantity').fill('120');
    await label('Financial proxy').fill('250');
    await label('Proxy source').fill('HACT Social Value Bank');
    await label('Deadweight').fill('20');
    await label('Displacement').fill('0');
    await label('Attribution').fill('25');
    await label('Drop-off').fill('50');
    await label('Duration in years').fill('3');

    // The overhead is now recorded but only partly funded: the shortfall of the worked example.
    expect(await visible(finding('FCR-2', 'warn'))).toContain('a shortfall of £12,500.00');
    await gone(finding('FCR-1', 'warn'));
    await shot(page, '03-commissioner-findings');

    // The session ends mid-task (here: deleted on the server): signing in again in a dialog keeps the form.
    const me = (await t.as(w.tokens.commissionerA).get('/api/users/me').expect(200)).body.id as string;
    const db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
    try {
      expect((await db.query('DELETE FROM console_sessions WHERE user_id = $1', [me])).rowCount).toBe(1);
    } finally {
      await db.end();
    }
    await page.getByRole('button', { name: 'Save award' }).click();
    const ended = page.getByRole('dialog', { name: 'Your session has ended' });
    await visible(ended);
    await shot(page, '03b-commissioner-session-ended');
    await ended.getByLabel('API token').fill(w.tokens.commissionerA);
    await ended.getByRole('button', { name: 'Sign in' }).click();
    await gone(ended);
    expect(await label('Title').inputValue()).toBe('Holiday play schemes 2025-28');
    expect(await label('Overhead funded').inputValue()).toBe('5000');

    await page.getByRole('button', { name: 'Save award' }).click();
    await visible(page.getByText('The award was saved as a draft.'));
    awardId = /#\/awards\/([0-9a-f-]{36})$/.exec(page.url())![1];
    const saved = (await t.as(w.tokens.admin).get(`/api/awards/${awardId}`).expect(200)).body;
    expect(saved).toMatchObject({
      kind: 'grant', title: 'Holiday play schemes 2025-28', directorateId: w.dirA, recipientOrganisationId: w.orgId, programme: 'Children and families',
      amountAwarded: '95000.00', awardDate: '2025-03-01', plannedStartDate: '2025-04-01', plannedEndDate: '2028-03-31', status: 'draft', version: 1,
      payments: [
        { dueDate: '2025-04-01', amount: '31666.67', paidDate: '2025-04-03' },
        { dueDate: '2026-04-01', amount: '31666.67', paidDate: null },
        { dueDate: '2027-04-01', amount: '31666.66', paidDate: null },
      ],
      costs: { directCost: '90000.00', overheadCost: '17500.00', overheadFunded: '5000.00' },
      monitoring: { reportingFrequency: 'six_monthly' },
      ending: null,
      outcomes: [{ description: 'children with safe holiday play', indicator: 'children attending 10+ days', quantity: 120, financialProxy: '250.00', proxySource: 'HACT Social Value Bank', deadweight: 0.2, displacement: 0, attribution: 0.25, dropOff: 0.5, durationYears: 3 }],
    });

    // Publishing asks first; cancelling changes nothing.
    await page.getByRole('button', { name: 'Publish…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish this award?' });
    expect(await visible(dialog)).toContain('“Holiday play schemes 2025-28” (£95,000.00 to Milton Keynes Play Association) will appear on the public who-gets-what page');
    await shot(page, '04-commissioner-publish-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await t.as(w.tokens.admin).get(`/api/awards/${awardId}`).expect(200)).body.status).toBe('draft');
    await page.getByRole('button', { name: 'Publish…' }).click();
    await page.getByRole('dialog', { name: 'Publish this award?' }).getByRole('button', { name: 'Yes, publish it' }).click();
    await visible(page.getByText('Published: the award is now on the public record.'));
    await shot(page, '05-commissioner-published');
    const published = (await t.as(w.tokens.admin).get(`/api/awards/${awardId}`).expect(200)).body;
    expect(published).toMatchObject({ status: 'published', version: 2 });

    // The list shows it, found by search.
    await page.getByRole('link', { name: 'Awards', exact: true }).click();
    await page.getByLabel('Search', { exact: true }).fill('holiday play');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await visible(page.getByRole('row', { name: /Holiday play schemes 2025-28.*£95,000\.00.*Published/ }));
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
  }, 120_000);

  it('an executive sees which organisations several directorates fund, reviews a flag and opens the organisation', async () => {
    // Another directorate funds the same organisation over an overlapping period.
    await t.as(w.tokens.commissionerB).post('/api/awards', makeAward(w.dirB, w.orgId, { payments: [], title: 'Healthy play outdoors', amountAwarded: '24000.00', programme: 'Children and families' })).expect(201);
    const page = await signedIn(w.tokens.executive, 'executive');
    expect(await navLinks(page)).toEqual(['Awards', 'Cross-directorate funding', 'Duplicate-funding flags', 'Organisations', 'Exports', 'Compliance summary']);
    await visible(page.getByRole('heading', { name: 'Organisations funded by several directorates' }));
    const row = page.getByRole('row', { name: /Milton Keynes Play Association/ });
    const rowText = await visible(row);
    expect(rowText).toMatch(/£95,000\.00\s*1 award/);
    expect(rowText).toMatch(/£24,000\.00\s*1 award/);
    expect(rowText).toContain('£119,000.00');
    await shot(page, '06-executive-matrix');

    // The flags: reviewed when the duplicate-funding API is installed; otherwise the console says so.
    const flagsApi = await t.as(w.tokens.executive).get('/api/flags/duplicate-funding');
    await page.getByRole('link', { name: 'Duplicate-funding flags' }).click();
    if (flagsApi.status === 404) {
      console.warn('SKIPPED: reviewing a flag — GET /api/flags/duplicate-funding does not exist on this server yet; checked the "not available yet" state instead');
      await visible(page.getByText('The duplicate-funding flags list is not available yet.'));
    } else {
      const card = page.locator('article.flag').filter({ hasText: 'Milton Keynes Play Association' }).first();
      for (let i = 0; i < 20 && !(await card.count()); i++) { // flags are recomputed by the worker: reload, boundedly
        await page.waitForTimeout(500);
        await page.reload();
      }
      await visible(card);
      await card.getByLabel('Note', { exact: true }).fill('Complementary: holiday schemes and outdoor health sessions are different costs');
      await card.getByRole('button', { name: 'Mark as justified' }).click();
      await visible(card.getByText('Marked justified.'));
      const flags = (await t.as(w.tokens.executive).get('/api/flags/duplicate-funding').expect(200)).body.items as { organisation: { id?: string; name?: string } | string; status: string; note?: string }[];
      const flag = flags.find((f) => JSON.stringify(f.organisation).includes('Milton Keynes Play Association'));
      expect(flag).toMatchObject({ status: 'justified', note: 'Complementary: holiday schemes and outdoor health sessions are different costs' });
    }
    await shot(page, '07-executive-flags');

    await page.getByRole('link', { name: 'Cross-directorate funding' }).click();
    await page.getByRole('link', { name: 'Milton Keynes Play Association' }).click();
    await visible(page.getByRole('heading', { name: 'Milton Keynes Play Association', level: 1 }));
    await visible(page.getByRole('row', { name: /Adult Social Care.*£95,000\.00/ }));
    await visible(page.getByRole('row', { name: /Public Health.*£24,000\.00/ }));
    await visible(page.getByRole('img', { name: /Funding of Milton Keynes Play Association by financial year and directorate/ }));
    await visible(page.getByRole('heading', { name: 'Same organisation under another record?' }));
    await shot(page, '08-executive-organisation');

    // Another directorate's spreadsheet wrote the organisation differently: the executive merges the records.
    const alias = (await t.as(w.tokens.admin).post('/api/organisations', { name: 'MK Play Assoc.', postcode: 'MK9 3XS', type: 'community_group' }).expect(201)).body.id as string;
    const matchesApi = await t.as(w.tokens.executive).get(`/api/organisations/${w.orgId}/matches`);
    if (matchesApi.status === 404) console.warn('SKIPPED: merging — the organisation matches API does not exist on this server yet');
    else {
      await page.getByLabel('Note for the decision', { exact: true }).fill('Same play association, abbreviated by Public Health');
      await page.getByLabel('Organisation to merge into this one', { exact: true }).fill('MK Play');
      await page.getByRole('button', { name: /^Merge “MK Play Assoc\.”/ }).click();
      await page.getByRole('dialog', { name: 'Merge these organisations?' }).getByRole('button', { name: 'Yes, merge them' }).click();
      const merged = page.locator('li.candidate').filter({ hasText: 'MK Play Assoc.' });
      expect(await visible(merged)).toContain('Counted as this organisation');
      expect(await merged.textContent()).toContain('“Same play association, abbreviated by Public Health”');
      const after = (await t.as(w.tokens.executive).get(`/api/organisations/${w.orgId}/matches`).expect(200)).body;
      expect(after.items.find((m: { organisation: { id: string } }) => m.organisation.id === alias)).toMatchObject({ sameOrganisation: true, decision: { decision: 'merge' } });
      await shot(page, '08b-executive-merged');
    }

    await page.getByRole('link', { name: 'Compliance summary' }).click();
    await visible(page.getByRole('heading', { name: 'Compliance with the Compact, by directorate' }));
    const summaryApi = await t.as(w.tokens.executive).get('/api/compliance/summary?groupBy=directorate');
    if (summaryApi.status === 404) await visible(page.getByText('The compliance summary is not available yet.'));
    else {
      expect(await visible(page.getByRole('row', { name: /Adult Social Care/ }))).toMatch(/Adult Social Care/);
      await visible(page.getByRole('img', { name: /Compact checks by directorate/ }));
    }
    await shot(page, '09-everyone-compliance');
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
  }, 120_000);

  it('finance runs an export, watches the progress reach 100 % and downloads the file', async () => {
    const page = await signedIn(w.tokens.finance, 'finance');
    expect(await navLinks(page)).toEqual(['Awards', 'Cross-directorate funding', 'Organisations', 'Exports', 'Compliance summary']);
    await visible(page.getByRole('heading', { name: 'Exports', level: 1 }));
    if (!JOB_QUEUE['funding-database']) {
      console.warn('SKIPPED: the funding-database job has no worker handler yet (libs/jobs JOB_QUEUE)');
      return;
    }
    await page.getByLabel('Funder', { exact: true }).selectOption(w.funderId);
    await page.getByRole('button', { name: 'Run funding database export' }).click();
    const bar = page.getByRole('progressbar', { name: 'Funding database export progress' });
    await visible(bar);
    await visible(page.locator('section.job progress[value="100"]'), 60_000);
    const card = page.locator('section.job').first();
    expect(await card.locator('.progress-text').textContent()).toBe('100 %');
    expect(await visible(card.getByText('Done', { exact: true }))).toBe('Done');
    await shot(page, '10-finance-export-done');
    const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('link', { name: 'funding-database.xlsx' }).click()]);
    expect(download.suggestedFilename()).toBe('funding-database.xlsx');
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK'); // an xlsx is a zip
    expect(bytes.length).toBeGreaterThan(2000);
    await visible(page.getByRole('row', { name: /Funding database.*Done.*funding-database\.xlsx/ }));

    await page.getByRole('button', { name: 'Sign out' }).click();
    await visible(page.getByText('You have signed out.'));
    const me = await page.request.get(`${base}/api/users/me`);
    expect(me.status()).toBe(401);
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
  }, 120_000);

  it('an admin opens the job queues from the console and sees both queues and the export job, everything from this site', async () => {
    const page = await signedIn(w.tokens.admin, 'admin');
    expect(await navLinks(page)).toEqual(['Awards', 'New award', 'Cross-directorate funding', 'Duplicate-funding flags', 'Organisations', 'Exports', 'Compliance summary', 'Job queues']);
    const job = (await t.as(w.tokens.finance).post('/api/jobs', { type: 'funding-database', params: { funderId: w.funderId } }).expect(202)).body.id as string;
    await worker.waitForJob(job, 30_000);
    const elsewhere: string[] = [];
    const refused: string[] = [];
    page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) elsewhere.push(r.url()); });
    page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text()); });
    page.on('response', (r) => { if (r.status() >= 400) refused.push(`${r.status()} ${r.url()}`); });

    // Names each blocked script, style or request with where it came from (the browser's own message does not).
    await page.context().addInitScript("document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused by the Content Security Policy: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`))");
    await page.getByRole('link', { name: 'Job queues' }).click();
    await page.waitForURL(`${base}/api/admin/queues**`);
    await visible(page.getByRole('link', { name: /^jobs/ }).first(), 20_000);
    await visible(page.getByRole('link', { name: /^maintenance/ }).first());
    await page.getByRole('link', { name: /^jobs/ }).first().click();
    await visible(page.getByText(job).first(), 20_000);
    await visible(page.getByText('funding-database').first());
    await shot(page, '12-admin-job-queues');
    expect(elsewhere).toEqual([]);
    expect(refused).toEqual([]);
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);

    const finance = await signedIn(w.tokens.finance, 'finance');
    expect(await navLinks(finance)).not.toContain('Job queues');
    const denied = await finance.request.get(`${base}/api/admin/queues/api/queues`);
    expect(denied.status()).toBe(403);
  }, 120_000);
});
