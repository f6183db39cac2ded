import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { launchChromium } from './support/browser.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, TestApp } from './support/app.js';
import { makeAward, makeOrganisation, seedWorld, World } from './factories/index.js';

/**
 * The public who-gets-what page in Chromium (Debian's /usr/bin/chromium driven by playwright-core)
 * against the real ApiModule listening on a random loopback port. Screenshots go to
 * test/screenshots/ (gitignored) for a person to look at.
 */
const SHOTS = join(process.cwd(), 'test', 'screenshots');
const WAIT = { timeout: 10_000 };

describe('public who-gets-what page in Chromium (browser)', () => {
  let t: TestApp;
  let w: World;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];
  /** Console errors and uncaught exceptions of every page opened, by page. */
  const problems = new Map<Page, string[]>();

  async function open(path: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'en-GB' });
    contexts.push(context);
    const page = await context.newPage();
    const seen: string[] = [];
    problems.set(page, seen);
    page.on('console', (m) => m.type() === 'error' && seen.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => seen.push(`pageerror: ${e.message}`));
    await page.goto(`${base}${path}`);
    return page;
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestApp();
    w = await seedWorld(t);
    const admin = t.as(w.tokens.admin);
    const org = async (over: Record<string, unknown>) => (await admin.post('/api/organisations', makeOrganisation(over)).expect(201)).body.id as string;
    const publish = async (directorateId: string, orgId: string, over: Record<string, unknown>) => {
      const a = (await admin.post('/api/awards', makeAward(directorateId, orgId, { payments: [], outcomes: [], ...over })).expect(201)).body;
      await admin.post(`/api/awards/${a.id}/publish`).expect(200);
    };
    const foodbank = await org({ name: 'Bletchley Foodbank', charityNumber: '1187654' });
    const play = await org({ name: 'Milton Keynes Play Association', charityNumber: '1034567' });
    const carers = await org({ name: 'Carers MK', charityNumber: '1122334' });
    const jane = (await admin.post('/api/organisations', { name: 'Jane Doe', type: 'individual', postcode: 'MK9 3EJ' }).expect(201)).body.id;
    const hidden = await org({ name: 'Hidden Draft Trust' });
    await publish(w.dirA, foodbank, { title: 'Emergency food parcels', programme: 'Household Support', amountAwarded: '12500.00', awardDate: '2025-05-12', plannedStartDate: '2025-06-01', plannedEndDate: '2026-05-31' });
    await publish(w.dirB, foodbank, { title: 'Healthy eating classes', programme: 'Healthy Communities', amountAwarded: '4200.00', awardDate: '2024-09-03', plannedStartDate: '2024-10-01', plannedEndDate: '2025-09-30' });
    await publish(w.dirA, play, { title: 'Holiday play schemes 2025-28', programme: 'Children and families', amountAwarded: '95000.00', awardDate: '2025-03-01', plannedStartDate: '2025-04-01', plannedEndDate: '2028-03-31' });
    await publish(w.dirA, carers, { kind: 'contract', title: 'Carers support service', programme: 'Adult carers', amountAwarded: '180000.00', awardDate: '2023-11-20', plannedStartDate: '2024-01-01', plannedEndDate: '2026-12-31' });
    await publish(w.dirB, carers, { kind: 'in_kind', title: 'Room hire at the civic offices', programme: 'Adult carers', amountAwarded: '1800.00', awardDate: '2025-07-15' });
    await publish(w.dirB, jane, { title: 'Hardship grant for Jane Doe', programme: 'Hardship Fund', amountAwarded: '450.00', awardDate: '2025-08-01' });
    await admin.post('/api/awards', makeAward(w.dirA, hidden, { payments: [], outcomes: [], title: 'Secret draft plan', amountAwarded: '77777.00' })).expect(201);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  afterEach(() => {
    for (const [page, seen] of problems) expect({ url: page.url(), problems: seen }).toEqual({ url: page.url(), problems: [] });
    problems.clear();
  });

  it('loads with no script errors, with totals, the awards table and the charts drawn', async () => {
    const page = await open('/');
    await page.getByRole('heading', { level: 1, name: 'Who gets what' }).waitFor(WAIT);
    expect(await page.textContent('#total-count')).toBe('6');
    expect(await page.textContent('#total-amount')).toBe('£293,950.00');
    expect(await page.locator('table.awards tbody tr').count()).toBe(6);
    // bars: two directorates, three financial years; each bar has a width
    const bars = await page.locator('svg#chart-directorate rect').evaluateAll((rects) => rects.map((r) => r.getAttribute('width')));
    expect(bars).toHaveLength(2);
    for (const width of bars) expect(Number.parseFloat(width!)).toBeGreaterThan(0);
    expect(await page.locator('svg#chart-year rect').count()).toBe(3);
    expect(await page.locator('svg#chart-year').getAttribute('role')).toBe('img');
    expect(await page.textContent('#chart-year-desc')).toBe('2023-24: £180,000.00; 2024-25: £99,200.00; 2025-26: £14,750.00');
    await page.screenshot({ path: join(SHOTS, 'public-desktop.png'), fullPage: true });
  });

  it('a search finds a published recipient with its amount; a draft and an individual\'s name never show', async () => {
    const page = await open('/');
    await page.getByLabel('Search by recipient, purpose or programme').fill('foodbank');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(`${base}/?q=foodbank`, WAIT); // empty filters are left out of the shared URL
    const rows = page.locator('table.awards tbody tr');
    expect(await rows.count()).toBe(2);
    const first = await rows.first().innerText();
    expect(first).toContain('Bletchley Foodbank');
    expect(first).toContain('Emergency food parcels');
    expect(first).toContain('£12,500.00');
    expect(await page.textContent('#total-amount')).toBe('£16,700.00');
    for (const q of ['foodbank', 'jane', 'secret', 'hardship']) {
      await page.goto(`${base}/?q=${q}`);
      const text = await page.locator('body').innerText();
      for (const secret of ['Jane Doe', 'MK9 3EJ', 'Secret draft plan', 'Hidden Draft Trust', '77,777']) expect(text).not.toContain(secret);
    }
    // the individual's grant is found by its programme, as "Individual recipient"
    expect(await page.locator('table.awards tbody tr').first().innerText()).toMatch(/^Individual recipient\s+Grant to an individual: Hardship Fund/);
    await page.goto(`${base}/?q=jane`);
    expect(await page.textContent('#no-results')).toContain('No published awards match this search');
    await page.screenshot({ path: join(SHOTS, 'public-search-empty.png'), fullPage: true });
  });

  it('keeps the filters in the URL, so a link restores them', async () => {
    const page = await open('/');
    await page.getByLabel('Directorate', { exact: true }).selectOption({ label: 'Adult Social Care' });
    await page.getByLabel('Financial year', { exact: true }).selectOption({ label: '2025-26' });
    await page.getByLabel('Kind of award', { exact: true }).selectOption({ label: 'Grants' });
    await page.getByLabel('Sort by', { exact: true }).selectOption({ label: 'Largest amount first' });
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(`${base}/?directorate=${w.dirA}&year=2025&kind=grant&sort=-amount`, WAIT);
    expect(await page.locator('table.awards tbody tr').count()).toBe(1);
    expect(await page.textContent('#total-amount')).toBe('£12,500.00');
    // a shared link opens with the same choices made
    const shared = await open(`/?directorate=${w.dirA}&year=2025&kind=grant&sort=-amount`);
    expect(await shared.getByLabel('Directorate', { exact: true }).inputValue()).toBe(w.dirA);
    expect(await shared.getByLabel('Financial year', { exact: true }).inputValue()).toBe('2025');
    expect(await shared.getByLabel('Kind of award', { exact: true }).inputValue()).toBe('grant');
    expect(await shared.getByLabel('Sort by', { exact: true }).inputValue()).toBe('-amount');
    // sorting from the table's header is a link too
    await shared.goto(`${base}/`);
    await shared.getByRole('link', { name: /^Amount/ }).click();
    await shared.waitForURL(`${base}/?sort=-amount`, WAIT);
    expect(await shared.locator('table.awards tbody tr td[data-label="Amount"]').allInnerTexts()).toEqual([
      '£180,000.00', '£95,000.00', '£12,500.00', '£4,200.00', '£1,800.00', '£450.00',
    ]);
    expect(await shared.locator('th[aria-sort]').getAttribute('aria-sort')).toBe('descending');
  });

  it('works from the keyboard: the skip link comes first and every control is reachable', async () => {
    const page = await open('/');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('main');
    const order: string[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate('document.activeElement.id || document.activeElement.textContent'));
    }
    expect(order.slice(0, 7)).toEqual(['q', 'funder', 'directorate', 'year', 'kind', 'sort', 'Search']);
    await page.screenshot({ path: join(SHOTS, 'public-keyboard-focus.png') });
    // choosing with the keyboard and submitting with Enter
    await page.focus('#q');
    await page.keyboard.type('carers');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/?q=carers`, WAIT);
    expect(await page.textContent('#total-count')).toBe('2');
  });

  it('fits a phone screen (390 × 844) without scrolling sideways', async () => {
    const page = await open('/', { width: 390, height: 844 });
    await page.getByRole('heading', { level: 1, name: 'Who gets what' }).waitFor(WAIT);
    const widths = await page.evaluate('[document.documentElement.scrollWidth, document.documentElement.clientWidth]');
    expect(widths).toEqual([390, 390]);
    // the table becomes one card per award, each value labelled
    expect(await page.locator('table.awards tbody tr').first().locator('td[data-label="Amount"]').isVisible()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'public-phone.png'), fullPage: true });
    await page.goto(`${base}/?q=foodbank`);
    const searched = await page.evaluate('document.documentElement.scrollWidth');
    expect(searched).toBe(390);
    await page.screenshot({ path: join(SHOTS, 'public-phone-search.png'), fullPage: true });
  });
});
