import pg from 'pg';
import { createTestApp, TestApp } from './support/app.js';
import { makeAward, makeFunder, makeOrganisation, seedWorld, World } from './factories/index.js';

type Grant = {
  id: string;
  title: string;
  amountAwarded: number;
  awardDate: string;
  recipientOrganization?: { id: string; name: string; charityNumber?: string; postalCode?: string }[];
  recipientIndividual?: { id: string; name: string };
  fundingOrganization: { id: string; name: string; department: string }[];
  grantProgramme?: { title: string }[];
};

/**
 * The public who-gets-what: GET /api/public/grants (360Giving JSON), /api/public/grants.csv and the
 * page at /, all without a token, against the real ApiModule and its own database.
 */
describe('public who-gets-what: open API and page (e2e)', () => {
  let t: TestApp;
  let w: World;
  let db: pg.Client;
  let admin: ReturnType<TestApp['as']>;
  let funder2: { id: string; orgId: string };
  let dirC: string;
  const orgs: Record<string, { id: string; charityNumber?: string }> = {};
  const awards: Record<string, { id: string }> = {};

  const anon = () => t.http();
  const grantsOf = (body: { grants: Grant[] }) => body.grants.map((g) => g.title).sort();

  async function award(name: string, directorateId: string, orgId: string, over: Record<string, unknown>, publish = true) {
    const a = (await admin.post('/api/awards', makeAward(directorateId, orgId, { payments: [], outcomes: [], ...over })).expect(201)).body;
    if (publish) await admin.post(`/api/awards/${a.id}/publish`).expect(200);
    awards[name] = a;
    return a;
  }

  beforeAll(async () => {
    t = await createTestApp();
    // Listening on one port keeps the Host header, and so the published URLs and ETags, stable between requests.
    await t.app.listen(0, '127.0.0.1');
    w = await seedWorld(t);
    admin = t.as(w.tokens.admin);
    db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
    const f2 = (await admin.post('/api/funders', makeFunder({ name: 'Thames Valley Police', orgId: 'GB-PLC-TVP' })).expect(201)).body;
    funder2 = { id: f2.id, orgId: f2.orgId };
    dirC = (await admin.post('/api/directorates', { funderId: f2.id, code: 'OPCC', name: 'Office of the PCC' }).expect(201)).body.id;
    orgs.foodbank = (await admin.post('/api/organisations', makeOrganisation({ name: 'Bletchley Foodbank', charityNumber: '1187654', postcode: 'MK2 2DH' })).expect(201)).body;
    orgs.script = (await admin.post('/api/organisations', makeOrganisation({ name: 'Youth Club <script>alert(1)</script>', charityNumber: '1112223' })).expect(201)).body;
    orgs.jane = (await admin.post('/api/organisations', { name: 'Jane Doe', type: 'individual', postcode: 'MK9 3EJ' }).expect(201)).body;
    // Financial year 2025-26 runs 2025-04-01..2026-03-31: awards on both boundaries and just outside.
    await award('fyStart', w.dirA, orgs.foodbank.id, { title: 'Food parcels 2025', programme: 'Household Support', amountAwarded: '12500.00', awardDate: '2025-04-01', plannedStartDate: '2025-04-01', plannedEndDate: '2026-03-31' });
    await award('fyEnd', w.dirB, orgs.script.id, { kind: 'contract', title: 'Youth work contract', programme: 'Young People', amountAwarded: '40000.00', awardDate: '2026-03-31', plannedStartDate: '2026-04-01', plannedEndDate: '2027-03-31' });
    await award('before', w.dirA, orgs.foodbank.id, { title: 'Winter pantry', programme: 'Household Support', amountAwarded: '3000.50', awardDate: '2025-03-31', plannedStartDate: '2025-04-01', plannedEndDate: '2025-09-30' });
    await award('after', dirC, orgs.script.id, { kind: 'in_kind', title: 'Meeting room', programme: 'Safer Streets', amountAwarded: '750.00', awardDate: '2026-04-01', plannedStartDate: '2026-04-01', plannedEndDate: '2027-03-31' });
    await award('individual', w.dirB, orgs.jane.id, { title: 'Cooker for Jane Doe at 12 Oak Lane', description: 'Jane Doe lost her cooker', programme: 'Hardship Fund', amountAwarded: '450.00', awardDate: '2025-06-01' });
    await award('draft', w.dirA, orgs.foodbank.id, { title: 'Secret draft plan', amountAwarded: '99999.00', awardDate: '2025-05-01' }, false);
  }, 60_000);

  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('serves published awards as a 360Giving package to anyone, without a token, and never a draft', async () => {
    const res = await anon().get('/api/public/grants').expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Object.keys(res.body)).toEqual(['grants']);
    expect(grantsOf(res.body)).toEqual(['Food parcels 2025', 'Grant to an individual: Hardship Fund', 'Meeting room', 'Winter pantry', 'Youth work contract']);
    expect(res.headers['x-total-count']).toBe('5');
    expect(res.text).not.toContain('Secret draft');
    expect(res.text).not.toContain(awards.draft.id);
    const food = res.body.grants.find((g: Grant) => g.title === 'Food parcels 2025');
    expect(food).toMatchObject({
      id: `360G-compact-${awards.fyStart.id}`,
      currency: 'GBP',
      amountAwarded: 12500,
      awardDate: '2025-04-01',
      recipientOrganization: [{ id: 'GB-CHC-1187654', name: 'Bletchley Foodbank', charityNumber: '1187654', postalCode: 'MK2 2DH' }],
      fundingOrganization: [{ name: 'Milton Keynes City Council', department: 'Adult Social Care' }],
      grantProgramme: [{ title: 'Household Support' }],
      dataSource: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/$/),
    });
    // the newest award first by default
    expect(res.body.grants.map((g: Grant) => g.awardDate)).toEqual(['2026-04-01', '2026-03-31', '2025-06-01', '2025-04-01', '2025-03-31']);
  });

  it('publishes a grant to an individual as "Individual Recipient", with no name, postcode or address', async () => {
    const res = await anon().get('/api/public/grants?q=hardship').expect(200);
    expect(res.body.grants).toHaveLength(1);
    const g: Grant = res.body.grants[0];
    expect(g.recipientIndividual).toEqual({ id: expect.stringMatching(/^360G-compact-IND-[0-9a-f]{16}$/), name: 'Individual Recipient' });
    expect(g.recipientOrganization).toBeUndefined();
    expect(g.title).toBe('Grant to an individual: Hardship Fund');
    for (const secret of ['Jane', 'Doe', 'Oak Lane', 'MK9 3EJ', orgs.jane.id]) expect(res.text).not.toContain(secret);
    // …and a search for the person's name or their award's recorded title finds nothing
    await expect(anon().get('/api/public/grants?q=jane%20doe').then((r) => r.body)).resolves.toEqual({ grants: [] });
    await expect(anon().get('/api/public/grants?q=oak%20lane').then((r) => r.body)).resolves.toEqual({ grants: [] });
  });

  it('filters by funder (id or org-id), directorate, kind and text (recipient, title, programme, charity number, org-id)', async () => {
    const titles = async (query: string) => grantsOf((await anon().get(`/api/public/grants?${query}`).expect(200)).body);
    expect(await titles(`funder=${funder2.id}`)).toEqual(['Meeting room']);
    expect(await titles('funder=gb-plc-tvp')).toEqual(['Meeting room']);
    expect(await titles(`directorate=${w.dirB}`)).toEqual(['Grant to an individual: Hardship Fund', 'Youth work contract']);
    expect(await titles('kind=contract')).toEqual(['Youth work contract']);
    expect(await titles('q=FOODBANK')).toEqual(['Food parcels 2025', 'Winter pantry']);
    expect(await titles('q=pantry')).toEqual(['Winter pantry']);
    expect(await titles('q=safer%20streets')).toEqual(['Meeting room']);
    expect(await titles('q=1187654')).toEqual(['Food parcels 2025', 'Winter pantry']);
    expect(await titles('q=GB-CHC-1112223')).toEqual(['Meeting room', 'Youth work contract']);
    expect(await titles(`q=foodbank&funder=${w.funderId}&directorate=${w.dirA}&kind=grant&year=2025`)).toEqual(['Food parcels 2025']);
    expect(await titles('q=100%25')).toEqual([]); // LIKE wildcards are literal
  });

  it('reads year as the financial year April to March, boundaries included', async () => {
    const titles = async (year: string) => grantsOf((await anon().get(`/api/public/grants?year=${year}`).expect(200)).body);
    expect(await titles('2025')).toEqual(['Food parcels 2025', 'Grant to an individual: Hardship Fund', 'Youth work contract']);
    expect(await titles('2025-26')).toEqual(['Food parcels 2025', 'Grant to an individual: Hardship Fund', 'Youth work contract']);
    expect(await titles('2024')).toEqual(['Winter pantry']);
    expect(await titles('2026')).toEqual(['Meeting room']);
    expect(await titles('2019')).toEqual([]);
  });

  it('paginates with the total in X-Total-Count and links to the other pages, sorted as asked', async () => {
    const seen: string[] = [];
    for (const page of [1, 2, 3]) {
      const res = await anon().get(`/api/public/grants?sort=-amount&pageSize=2&page=${page}`).expect(200);
      expect(res.headers['x-total-count']).toBe('5');
      seen.push(...res.body.grants.map((g: Grant) => g.amountAwarded));
      if (page === 2) {
        const base = res.headers.link.match(/<(http:\/\/127\.0\.0\.1:\d+)\/api/)![1];
        expect(res.headers.link).toBe(
          [`first`, `prev`, `next`, `last`]
            .map((rel, i) => `<${base}/api/public/grants?sort=-amount&pageSize=2&page=${[1, 1, 3, 3][i]}>; rel="${rel}"`)
            .join(', '),
        );
      }
    }
    expect(seen).toEqual([40000, 12500, 3000.5, 750, 450]);
    const byName = await anon().get('/api/public/grants?sort=recipient').expect(200);
    expect(byName.body.grants.map((g: Grant) => g.recipientOrganization?.[0].name ?? g.recipientIndividual!.name)).toEqual([
      'Bletchley Foodbank', 'Bletchley Foodbank', 'Individual Recipient', 'Youth Club <script>alert(1)</script>', 'Youth Club <script>alert(1)</script>',
    ]);
    await expect(anon().get('/api/public/grants?page=9').then((r) => [r.status, r.body, r.headers['x-total-count']])).resolves.toEqual([200, { grants: [] }, '5']);
  });

  it('is cacheable: Cache-Control, a weak ETag and 304 on If-None-Match until the data changes', async () => {
    const first = await anon().get('/api/public/grants?kind=grant').expect(200);
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    expect(first.headers.etag).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    expect(first.headers['access-control-allow-origin']).toBe('*');
    const again = await anon().get('/api/public/grants?kind=grant').set('If-None-Match', first.headers.etag).expect(304);
    expect(again.text).toBe('');
    expect(again.headers.etag).toBe(first.headers.etag);
    // another filter has another ETag
    const other = await anon().get('/api/public/grants?kind=contract').expect(200);
    expect(other.headers.etag).not.toBe(first.headers.etag);
    // a newly published grant changes the answer, so the old ETag no longer matches
    await award('late', w.dirA, orgs.foodbank.id, { title: 'Late grant', amountAwarded: '100.00', awardDate: '2025-07-01' });
    const changed = await anon().get('/api/public/grants?kind=grant').set('If-None-Match', first.headers.etag).expect(200);
    expect(changed.headers.etag).not.toBe(first.headers.etag);
    expect(grantsOf(changed.body)).toContain('Late grant');
  });

  it('takes an award off the public record when it goes back to draft, totals included', async () => {
    const late = await admin.get(`/api/awards/${awards.late.id}`).expect(200);
    await admin.patch(`/api/awards/${awards.late.id}`, { version: late.body.version, status: 'draft' }).expect(200);
    const res = await anon().get('/api/public/grants?q=late%20grant').expect(200);
    expect(res.body).toEqual({ grants: [] });
    // the running totals (kept by triggers) agree with the awards table
    const { rows: totals } = await db.query(`SELECT sum(awards)::int AS n, sum(amount_pence)::text AS pence FROM public_award_totals`);
    const { rows: actual } = await db.query(`SELECT count(*)::int AS n, sum(amount_awarded_pence)::text AS pence FROM awards WHERE published_at IS NOT NULL`);
    expect(totals[0]).toEqual(actual[0]);
    expect(actual[0]).toEqual({ n: 5, pence: String(1250000 + 4000000 + 300050 + 75000 + 45000) });
    const page = await anon().get('/').expect(200);
    expect(page.text).toContain('<span class="figure" id="total-count">5</span>');
    expect(page.text).toContain('<span class="figure" id="total-amount">£56,700.50</span>');
  });

  it('serves the same rows as CSV with 360Giving column titles', async () => {
    const res = await anon().get(`/api/public/grants.csv?funder=${w.funderId}&sort=awardDate`).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="grants-GB-LAE-M[A-Z0-9]+\.csv"$/);
    expect(res.headers['x-total-count']).toBe('4');
    const lines = res.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    const header = lines[0].split(',');
    expect(header.slice(0, 6)).toEqual(['Identifier', 'Title', 'Description', 'Currency', 'Amount Awarded', 'Award Date']);
    expect(header).toEqual(expect.arrayContaining(['Recipient Org:Identifier', 'Recipient Org:Name', 'Recipient Org:Charity Number', 'Recipient Ind:Identifier', 'Recipient Ind:Name', 'Funding Org:Name', 'Funding Org:Department', 'Grant Programme:Title']));
    expect(lines).toHaveLength(5);
    const col = (line: string, title: string) => line.split(',')[header.indexOf(title)];
    expect(col(lines[1], 'Title')).toBe('Winter pantry');
    expect(col(lines[1], 'Amount Awarded')).toBe('3000.5');
    expect(col(lines[1], 'Recipient Org:Charity Number')).toBe('1187654');
    const individual = lines.find((l) => l.includes('Individual Recipient'))!;
    expect(col(individual, 'Recipient Ind:Name')).toBe('Individual Recipient');
    for (const secret of ['Jane', 'Oak Lane', 'MK9 3EJ']) expect(res.text).not.toContain(secret);
    expect(res.text).not.toContain('Secret draft');
    const again = await anon().get(`/api/public/grants.csv?funder=${w.funderId}&sort=awardDate`).set('If-None-Match', res.headers.etag).expect(304);
    expect(again.text).toBe('');
  });

  it('refuses unknown and malformed filters with 400, naming the field', async () => {
    const refused = async (query: string) => (await anon().get(`/api/public/grants?${query}`).expect(400)).body;
    expect((await refused('kind=banana')).message).toEqual(['kind: must be one of grant, contract, in_kind']);
    expect((await refused('year=25')).message).toEqual(['year: must be a financial year written 2025 or 2025-26 (1 April 2025 to 31 March 2026)']);
    expect((await refused('year=2025-27')).details).toEqual([{ field: 'year', reason: expect.stringContaining('financial year') }]);
    expect((await refused('funder=GB-XXX-NOPE')).details).toEqual([{ field: 'funder', reason: expect.stringContaining('no funder has the id or org-id "GB-XXX-NOPE"') }]);
    expect((await refused('directorate=00000000-0000-4000-8000-000000000000')).details).toEqual([{ field: 'directorate', reason: expect.stringContaining('no directorate has the id') }]);
    expect((await refused('directorate=adult-care')).message).toEqual(['directorate: must be a directorate id (uuid)']);
    expect((await refused('sort=cheapest')).details[0].field).toBe('sort');
    expect((await refused('pageSize=501')).details[0].field).toBe('pageSize');
    expect((await refused('colour=red')).details).toEqual([{ field: 'colour', reason: expect.stringContaining('is not a known field') }]);
    const csv = await anon().get('/api/public/grants.csv?kind=banana').expect(400);
    expect(csv.body.message).toEqual(['kind: must be one of grant, contract, in_kind']);
  });

  it('renders the page on the server with all text escaped, individuals unnamed and the filters from the URL', async () => {
    const res = await anon().get(`/?year=2025&directorate=${w.dirB}&sort=-amount`).expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    const html = res.text;
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Youth Club &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('<td data-label="Recipient"><div>Individual recipient<span');
    for (const secret of ['Jane', 'Oak Lane', 'MK9 3EJ', 'Secret draft']) expect(html).not.toContain(secret);
    expect(html).toContain('£40,000.00');
    expect(html).toContain('<span class="figure" id="total-count">2</span>');
    expect(html).toContain('<span class="figure" id="total-amount">£40,450.00</span>');
    expect(html).toContain(`<option value="${w.dirB}" selected>Public Health</option>`);
    expect(html).toContain('<option value="2025" selected>2025-26</option>');
    expect(html).toContain('<option value="-amount" selected>Largest amount first</option>');
    expect(html).toMatch(/<svg class="chart" id="chart-directorate" role="img"/);
    expect(html).toContain(`href="/api/public/grants.csv?directorate=${w.dirB}&amp;year=2025&amp;sort=-amount&amp;page=1&amp;pageSize=500"`);
    // the page answers If-None-Match too
    await anon().get(`/?year=2025&directorate=${w.dirB}&sort=-amount`).set('If-None-Match', res.headers.etag).expect(304);
    // a search that looks for markup shows it as text
    const search = await anon().get('/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E').expect(200);
    expect(search.text).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(search.text).toContain('<span class="figure" id="total-count">2</span>');
  });

  it('explains a bad filter on the page itself (400), keeps unknown tracking parameters harmless, and serves its assets', async () => {
    const bad = await anon().get('/?year=next&kind=banana').expect(400);
    expect(bad.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(bad.text).toContain('There is a problem with this search');
    expect(bad.text).toContain('<a href="#year">Financial year: must be a financial year written 2025 or 2025-26');
    expect(bad.text).toContain('<a href="#kind">Kind of award: must be one of grant, contract, in_kind</a>');
    const shared = await anon().get('/?q=foodbank&fbclid=abc123').expect(200);
    expect(shared.text).toContain('<span class="figure" id="total-count">2</span>');
    const css = await anon().get('/assets/public.css').expect(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.text).toContain('.skip-link');
    const js = await anon().get('/assets/public.js').expect(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('documents the public routes in OpenAPI', async () => {
    const doc = (await anon().get('/api/docs-json').expect(200)).body;
    const params = doc.paths['/api/public/grants'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(['q', 'funder', 'directorate', 'year', 'kind', 'sort', 'page', 'pageSize']));
    const year = doc.paths['/api/public/grants'].get.parameters.find((p: { name: string }) => p.name === 'year');
    expect(year.description).toContain('2025-04-01 to 2026-03-31');
    expect(doc.paths['/api/public/grants.csv'].get.responses['200'].content).toHaveProperty(['text/csv']);
    expect(doc.paths['/']).toBeUndefined();
  });
});
