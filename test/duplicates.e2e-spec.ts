import { Queue } from 'bullmq';
import pg from 'pg';
import { redisOptions } from '@app/jobs';
import { createTestApp, TestApp } from './support/app.js';
import { startTestWorker } from './support/worker.js';
import { makeAward, makeOrganisation, seedWorld, World } from './factories/index.js';

type Flag = {
  id: string;
  organisation: { id: string; name: string; memberIds: string[]; members: { id: string; name: string }[] };
  directorates: { id: string; code: string; name: string; funderId: string; funder: string }[];
  awards: { id: string; title: string; amount: string; directorateId: string; organisationId: string }[];
  totalAmount: string;
  overlapFrom: string;
  overlapTo: string;
  evidence: {
    identity: { organisationIds: string[]; names: string[]; source: string; confidence: number; evidence: string[] }[];
    overlaps: { awardIds: string[]; severity: string; reason: string }[];
    overlappingPairs: number;
  };
  severity: string;
  status: string;
  note: string | null;
  reviewedBy: string | null;
  changedSinceReview: boolean;
  active: boolean;
};

describe('duplicated funding: matching, decisions and flags (e2e)', () => {
  let t: TestApp;
  let w: World;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let maintenance: Queue;
  let db: pg.Client;
  const ids: Record<string, string> = {};

  const admin = () => t.as(w.tokens.admin);
  const exec = () => t.as(w.tokens.executive);

  /** Creates an organisation and waits (bounded) for the re-match its write queued. */
  async function organisation(key: string, body: Record<string, unknown>): Promise<string> {
    const res = await admin().post('/api/organisations', makeOrganisation({ charityNumber: null, type: 'community_group', ...body })).expect(201);
    ids[key] = res.body.id;
    await settled(res.body.id);
    return res.body.id;
  }

  /** Waits for the duplicates-recompute job queued for this organisation's latest write. */
  async function settled(organisationId: string): Promise<void> {
    const jobs = await maintenance.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'], 0, 500);
    const mine = jobs.filter((j) => j?.name === 'duplicates-recompute' && (j.data.organisationIds as string[] | undefined)?.includes(organisationId));
    expect(mine.length).toBeGreaterThan(0);
    for (const j of mine) await worker.waitForJob(j.id!, 20_000);
  }

  async function award(directorateId: string, organisationId: string, over: Record<string, unknown>): Promise<string> {
    const res = await admin().post('/api/awards', makeAward(directorateId, organisationId, { payments: [], outcomes: [], ...over })).expect(201);
    return res.body.id;
  }

  async function flagsOf(organisationId: string, query = ''): Promise<{ items: Flag[]; total: number }> {
    return (await t.as(w.tokens.finance).get(`/api/flags/duplicate-funding?organisationId=${organisationId}${query}`).expect(200)).body;
  }

  async function fullRecompute(): Promise<Record<string, unknown>> {
    const started = await exec().post('/api/flags/recompute').expect(202);
    expect(Object.keys(started.body)).toEqual(['id']);
    return (await worker.waitForJob(started.body.id, 30_000)) as Record<string, unknown>;
  }

  beforeAll(async () => {
    t = await createTestApp();
    worker = await startTestWorker();
    maintenance = new Queue('maintenance', { connection: redisOptions(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'), prefix: process.env.QUEUE_PREFIX });
    db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
    w = await seedWorld(t);
    // The world's organisation is a Milton Keynes Play Association too: rename it out of the way.
    await admin().patch(`/api/organisations/${w.orgId}`, { name: 'Olney Bowls Club', postcode: 'MK46 4AA' }).expect(200);
    await settled(w.orgId);
  });

  afterAll(async () => {
    await maintenance?.close();
    await db?.end();
    await worker?.close();
    await t?.close();
  });

  it('joins "Milton Keynes Play Association" and "MK Play Assoc." by name and postcode, and flags their overlapping grants once (medium)', async () => {
    const a = await organisation('playA', { name: 'Milton Keynes Play Association', postcode: 'MK9 3XS' });
    const b = await organisation('playB', { name: 'MK Play Assoc.', postcode: 'MK9 3XS' });
    const awardA = await award(w.dirA, a, { title: 'Holiday play schemes 2025-28', programme: 'Children and families', amountAwarded: '95000.00', plannedStartDate: '2025-04-01', plannedEndDate: '2028-03-31' });
    const awardB = await award(w.dirB, b, {
      title: 'Adventure playground evening staffing',
      programme: 'Healthy lives',
      description: 'Two playworkers on weekday evenings at the Fishermead adventure playground',
      amountAwarded: '40000.00',
      awardDate: '2025-12-01',
      plannedStartDate: '2026-01-01',
      plannedEndDate: '2026-12-31',
    });
    ids.playAwardB = awardB;

    const matches = (await t.as(w.tokens.commissionerA).get(`/api/organisations/${a}/matches`).expect(200)).body;
    expect(matches).toMatchObject({ organisationId: a, cluster: { id: [a, b].sort()[0], memberIds: [a, b].sort() }, total: 1, page: 1, pageSize: 50 });
    expect(matches.items[0]).toMatchObject({ organisation: { id: b, name: 'MK Play Assoc.', postcode: 'MK9 3XS' }, matcher: { decision: 'same', method: 'name' }, decision: null, sameOrganisation: true });
    expect(matches.items[0].matcher.confidence).toBeGreaterThanOrEqual(0.85);

    const { items, total } = await flagsOf(a);
    expect(total).toBe(1);
    const flag = items[0];
    expect(flag).toMatchObject({
      organisation: { id: [a, b].sort()[0], name: 'Milton Keynes Play Association', memberIds: [a, b].sort() },
      totalAmount: '135000.00',
      overlapFrom: '2026-01-01',
      overlapTo: '2026-12-31',
      severity: 'medium',
      status: 'open',
      note: null,
      changedSinceReview: false,
      active: true,
    });
    expect(flag.directorates.map((d) => d.name).sort()).toEqual(['Adult Social Care', 'Public Health']);
    expect(flag.awards.map((x) => x.id).sort()).toEqual([awardA, awardB].sort());
    expect(flag.evidence.identity).toHaveLength(1);
    const link = flag.evidence.identity[0];
    expect(link).toMatchObject({ organisationIds: [a, b].sort(), source: 'matcher' });
    expect(link.names.sort()).toEqual(['MK Play Assoc.', 'Milton Keynes Play Association']);
    expect(link.evidence[0]).toMatch(/^names "(Milton Keynes Play Association|MK Play Assoc\.)" ~ "(Milton Keynes Play Association|MK Play Assoc\.)" \(normalised "milton keynes play association" ~ "milton keynes play association"\): token_set_ratio 100, rarity-weighted agreement 1\.00$/);
    expect(link.evidence[1]).toBe('postcode MK9 3XS on both');
    expect(flag.evidence.overlaps).toEqual([
      {
        awardIds: expect.arrayContaining([awardA, awardB]),
        directorates: expect.arrayContaining(['Adult Social Care', 'Public Health']),
        from: '2026-01-01',
        to: '2026-12-31',
        severity: 'medium',
        reason: expect.stringMatching(/^different programmes and purposes \(titles token_set_ratio \d+\)$/),
      },
    ]);
    const row = (await db.query(`SELECT count(*)::int AS n FROM duplicate_funding_flags WHERE $1 = ANY(organisation_ids)`, [a])).rows[0];
    expect(row.n).toBe(1);
  });

  it('joins charity number 1234567 and GB-CHC-1234567 by identifier; the same programme makes the flag high', async () => {
    const c = await organisation('foodC', { name: 'Bletchley Food Bank', charityNumber: '1234567', postcode: 'MK2 2AA', type: 'charity' });
    const d = await organisation('foodD', { name: 'Trussell Trust Bletchley', orgId: 'GB-CHC-1234567', postcode: 'MK3 6EB', type: 'charity' });
    ids.foodAwardC = await award(w.dirA, c, { title: 'Emergency food parcels', programme: 'Food security', amountAwarded: '20000.00', awardDate: '2025-03-01', plannedStartDate: '2025-04-01', plannedEndDate: '2026-03-31' });
    ids.foodAwardD = await award(w.dirB, d, { title: 'Holiday hunger meals', programme: 'Food Security', amountAwarded: '15000.50', awardDate: '2025-06-01', plannedStartDate: '2025-07-01', plannedEndDate: '2025-08-31' });
    const { items, total } = await flagsOf(d);
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({ organisation: { memberIds: [c, d].sort() }, totalAmount: '35000.50', overlapFrom: '2025-07-01', overlapTo: '2025-08-31', severity: 'high' });
    expect(items[0].evidence.identity).toEqual([{ organisationIds: [c, d].sort(), names: expect.arrayContaining(['Bletchley Food Bank', 'Trussell Trust Bletchley']), source: 'matcher', confidence: 1, evidence: ['charity number 1234567 on both'] }]);
    expect(items[0].evidence.overlaps[0].reason).toMatch(/^same programme "Food [Ss]ecurity"$/);
    ids.foodFlag = items[0].id;
    const profile = (await t.as(w.tokens.finance).get(`/api/organisations/${c}`).expect(200)).body;
    expect(profile.duplicateFundingFlags.map((f: Flag) => f.id)).toEqual([ids.foodFlag]);
    expect(profile.fundingByDirectorate).toHaveLength(1);
  });

  it('never joins two "Village Hall"s with different charity numbers, however their awards overlap', async () => {
    const e = await organisation('hallE', { name: 'Olney Village Hall', charityNumber: '1100001', postcode: 'MK46 5AD', type: 'charity' });
    const f = await organisation('hallF', { name: 'Olney Village Hall', charityNumber: '1100002', postcode: 'MK46 5AD', type: 'charity' });
    await award(w.dirA, e, { title: 'Warm space winter 2025', programme: 'Warm spaces', plannedStartDate: '2025-10-01', plannedEndDate: '2026-03-31' });
    await award(w.dirB, f, { title: 'Warm space winter 2025', programme: 'Warm spaces', plannedStartDate: '2025-10-01', plannedEndDate: '2026-03-31' });
    expect((await flagsOf(e)).total).toBe(0);
    expect((await flagsOf(f)).total).toBe(0);
    const matches = (await t.as(w.tokens.finance).get(`/api/organisations/${e}/matches`).expect(200)).body;
    expect(matches).toMatchObject({ cluster: { id: e, memberIds: [e] }, items: [], total: 0 });
  });

  it('flags in-kind support overlapping cash as low', async () => {
    const k = await organisation('shedK', { name: 'Wolverton Mens Shed', postcode: 'MK12 5NL' });
    await award(w.dirA, k, { title: 'Workshop tools', programme: 'Tackling loneliness', plannedStartDate: '2025-04-01', plannedEndDate: '2026-03-31', amountAwarded: '5000.00' });
    await award(w.dirB, k, { kind: 'in_kind', title: 'Rent-free use of the Agora workshop', programme: 'Tackling loneliness', plannedStartDate: '2025-01-01', plannedEndDate: '2025-12-31', amountAwarded: '3000.00' });
    const { items } = await flagsOf(k);
    expect(items.map((x) => [x.severity, x.totalAmount, x.overlapFrom, x.overlapTo])).toEqual([['low', '8000.00', '2025-04-01', '2025-12-31']]);
    expect(items[0].evidence.identity).toEqual([]);
    expect(items[0].evidence.overlaps[0].reason).toBe('in-kind support "Rent-free use of the Agora workshop" overlaps cash');
  });

  it('a merge joins two records the matcher left apart and creates their flag; the decision is audited', async () => {
    const g = await organisation('youthG', { name: 'Wolverton Youth Forum', postcode: 'MK12 5AA' });
    const h = await organisation('youthH', { name: 'WYF Ltd', postcode: 'MK13 7BB' });
    await award(w.dirA, g, { title: 'Youth voice', programme: 'Youth services', description: 'A young people’s council that advises the city on its youth offer', plannedStartDate: '2025-04-01', plannedEndDate: '2026-03-31', amountAwarded: '12000.00' });
    await award(w.dirB, h, { title: 'Detached youth work', programme: 'Community safety', description: 'Street-based outreach on Friday and Saturday nights in Wolverton', plannedStartDate: '2025-09-01', plannedEndDate: '2026-08-31', amountAwarded: '18000.00' });
    expect((await flagsOf(g)).total).toBe(0);

    await t.as(w.tokens.finance).post(`/api/organisations/${g}/merge`, { otherId: h }).expect(403);
    await exec().post(`/api/organisations/${g}/merge`, { otherId: g }).expect(400);
    const merged = await exec().post(`/api/organisations/${g}/merge`, { otherId: h, note: 'WYF is the forum’s trading name' }).expect(201);
    expect(merged.body).toMatchObject({ decision: 'merge', organisationId: g, otherId: h, note: 'WYF is the forum’s trading name', cluster: { id: [g, h].sort()[0], memberIds: [g, h].sort() } });
    expect(merged.body.decidedBy).toMatch(/^executive\./);

    const { items, total } = await flagsOf(h);
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({ organisation: { memberIds: [g, h].sort(), name: 'Wolverton Youth Forum' }, totalAmount: '30000.00', overlapFrom: '2025-09-01', overlapTo: '2026-03-31', severity: 'medium' });
    expect(items[0].evidence.identity).toHaveLength(1);
    expect(items[0].evidence.identity[0]).toMatchObject({ organisationIds: [g, h].sort(), source: 'person', confidence: 1 });
    expect(items[0].evidence.identity[0].evidence[0]).toMatch(/^merged by executive\.\S+ on \d{4}-\d{2}-\d{2}: WYF is the forum’s trading name$/);
    ids.youthFlag = items[0].id;

    const audit = (await exec().get(`/api/audit?entityId=${g}&entity=organisation`).expect(200)).body;
    expect(audit.items[0]).toMatchObject({ action: 'merge', entity: 'organisation', entityId: g, after: { decision: 'merge', otherId: h } });
    const matches = (await exec().get(`/api/organisations/${h}/matches`).expect(200)).body;
    expect(matches.items).toEqual([expect.objectContaining({ organisation: expect.objectContaining({ id: g }), matcher: null, decision: expect.objectContaining({ decision: 'merge', note: 'WYF is the forum’s trading name' }), sameOrganisation: true })]);
  });

  it('a split removes the flag, and the split and the merge both survive a full recompute', async () => {
    const { playA: a, playB: b } = ids;
    const before = await flagsOf(a);
    expect(before.total).toBe(1);
    const split = await t.as(w.tokens.admin).post(`/api/organisations/${b}/split`, { otherId: a, note: 'Different bodies: MK Play Assoc. is the toy library' }).expect(201);
    expect(split.body).toMatchObject({ decision: 'split', cluster: { id: b, memberIds: [b] } });
    expect((await flagsOf(a)).total).toBe(0);
    const stored = (await db.query(`SELECT active FROM duplicate_funding_flags WHERE id = $1`, [before.items[0].id])).rows;
    expect(stored).toEqual([{ active: false }]);

    const result = await fullRecompute();
    expect(result).toMatchObject({ scope: 'all', flags: expect.objectContaining({ deactivated: 0 }) });
    expect((await flagsOf(a)).total).toBe(0);
    expect((await flagsOf(b)).total).toBe(0);
    const matches = (await exec().get(`/api/organisations/${a}/matches`).expect(200)).body;
    expect(matches.items[0]).toMatchObject({ organisation: { id: b }, matcher: { decision: 'same' }, decision: { decision: 'split', note: 'Different bodies: MK Play Assoc. is the toy library' }, sameOrganisation: false });
    expect((await flagsOf(ids.youthG)).items.map((f) => f.id)).toEqual([ids.youthFlag]);
    // "M.K. Play Association Ltd" matches both; the split lets the matcher join it to only one of them.
    const c3 = await organisation('playC', { name: 'M.K. Play Association Ltd', postcode: 'MK9 3XS' });
    const c3Cluster = (await exec().get(`/api/organisations/${c3}/matches`).expect(200)).body.cluster;
    const joined = c3Cluster.memberIds.includes(a) ? a : b;
    const other = joined === a ? b : a;
    expect(c3Cluster.memberIds).toEqual([joined, c3].sort());
    // A person's merge wins over the matcher: it moves to the other record...
    const moved = await exec().post(`/api/organisations/${c3}/merge`, { otherId: other }).expect(201);
    expect(moved.body.cluster.memberIds).toEqual([other, c3].sort());
    // ...and a second person's merge that would join the split pair through it is refused, naming the split.
    const refused = await exec().post(`/api/organisations/${c3}/merge`, { otherId: joined }).expect(409);
    expect(refused.body.message[0]).toMatch(/cannot be one organisation while a person's split keeps their records apart: .* split by \S+\. If they are one organisation, merge that pair first\.$/);
    expect((await exec().get(`/api/organisations/${c3}/matches`).expect(200)).body.cluster.memberIds).toEqual([other, c3].sort());
  });

  it('a review (justified with a note) sticks when an award changes and after recomputes, marked changedSinceReview', async () => {
    await exec().patch(`/api/flags/${ids.foodFlag}`, { status: 'justified' }).expect(400)
      .expect((r) => expect(r.body.message).toEqual(['note: is required when marking a flag justified or confirmed: say why the funding is complementary or what was double-funded']));
    await t.as(w.tokens.finance).patch(`/api/flags/${ids.foodFlag}`, { status: 'justified', note: 'x' }).expect(403);
    await t.as(w.tokens.commissionerA).patch(`/api/flags/${ids.foodFlag}`, { status: 'justified', note: 'x' }).expect(403);
    const reviewed = await exec().patch(`/api/flags/${ids.foodFlag}`, { status: 'justified', note: 'Complementary: term-time parcels and holiday meals' }).expect(200);
    expect(reviewed.body).toMatchObject({ id: ids.foodFlag, status: 'justified', note: 'Complementary: term-time parcels and holiday meals', changedSinceReview: false });
    expect(reviewed.body.reviewedBy).toMatch(/^executive\./);

    const current = (await admin().get(`/api/awards/${ids.foodAwardD}`).expect(200)).body;
    await admin().patch(`/api/awards/${ids.foodAwardD}`, { version: current.version, amountAwarded: '16000.00' }).expect(200);
    const afterAward = (await flagsOf(ids.foodC)).items;
    expect(afterAward.map((f) => [f.id, f.status, f.note, f.totalAmount, f.changedSinceReview])).toEqual([
      [ids.foodFlag, 'justified', 'Complementary: term-time parcels and holiday meals', '36000.00', true],
    ]);

    await fullRecompute();
    const afterRecompute = (await flagsOf(ids.foodD)).items;
    expect(afterRecompute.map((f) => [f.id, f.status, f.note, f.totalAmount, f.changedSinceReview])).toEqual([
      [ids.foodFlag, 'justified', 'Complementary: term-time parcels and holiday meals', '36000.00', true],
    ]);
    const audit = (await exec().get(`/api/audit?entityId=${ids.foodFlag}`).expect(200)).body;
    expect(audit.items.map((i: { action: string; entity: string }) => [i.action, i.entity])).toEqual([['review', 'duplicate_funding_flag']]);
    expect(audit.items[0].after).toMatchObject({ status: 'justified', note: 'Complementary: term-time parcels and holiday meals' });
  });

  it('follows an organisation edit: renaming a record into an existing one queues a re-match that raises the flag', async () => {
    const i = await organisation('carersI', { name: 'Newport Pagnell Carers Network', postcode: 'MK16 8AA' });
    const j = await organisation('carersJ', { name: 'Stantonbury Arts Collective', postcode: 'MK14 6BN' });
    await award(w.dirA, i, { title: 'Carers breaks', programme: 'Carers support', description: 'Respite sitting service so that unpaid carers can take a break', plannedStartDate: '2025-04-01', plannedEndDate: '2026-03-31', amountAwarded: '7000.00' });
    await award(w.dirB, j, { title: 'Carers wellbeing cafe', programme: 'Social prescribing', description: 'A monthly drop-in with GP link workers at the library', plannedStartDate: '2025-06-01', plannedEndDate: '2026-05-31', amountAwarded: '9000.00' });
    expect((await flagsOf(i)).total).toBe(0);
    await admin().patch(`/api/organisations/${j}`, { name: 'Newport Pagnell Carers Network', postcode: 'MK16 8AA' }).expect(200);
    await settled(j);
    const { items } = await flagsOf(j);
    expect(items.map((f) => [f.organisation.memberIds, f.totalAmount, f.overlapFrom, f.overlapTo])).toEqual([[[i, j].sort(), '16000.00', '2025-06-01', '2026-03-31']]);
  });

  it('never duplicates a flag: two full recomputes leave the same flags with the same ids', async () => {
    const list = async () => (await exec().get('/api/flags/duplicate-funding?pageSize=500').expect(200)).body as { items: Flag[]; total: number };
    const before = await list();
    await fullRecompute();
    const second = await fullRecompute();
    expect(second).toMatchObject({ scope: 'all', flags: { written: 0, created: 0, rekeyed: 0, deactivated: 0, caughtUp: 0 } });
    const after = await list();
    expect(after.items.map((f) => f.id).sort()).toEqual(before.items.map((f) => f.id).sort());
    expect(before.total).toBe(4);
    const rows = (await db.query(`SELECT cluster_key, count(*)::int AS n FROM duplicate_funding_flags GROUP BY cluster_key HAVING count(*) > 1`)).rows;
    expect(rows).toEqual([]);
    const perOrganisation = (await db.query(`SELECT o, count(*)::int AS n FROM duplicate_funding_flags, unnest(organisation_ids) o WHERE active GROUP BY o HAVING count(*) > 1`)).rows;
    expect(perOrganisation).toEqual([]);
  });

  it('filters by severity, status, directorate and funder, and pages', async () => {
    const get = async (q: string) => (await t.as(w.tokens.finance).get(`/api/flags/duplicate-funding?${q}`).expect(200)).body as { items: Flag[]; total: number; page: number; pageSize: number };
    const all = await get('pageSize=500');
    expect(all.items.map((f) => f.severity)).toEqual(['high', 'medium', 'medium', 'low']);
    expect((await get('severity=high')).items.map((f) => f.id)).toEqual([ids.foodFlag]);
    expect((await get('status=justified')).items.map((f) => f.id)).toEqual([ids.foodFlag]);
    expect((await get('status=open&severity=low')).items.map((f) => f.severity)).toEqual(['low']);
    expect((await get(`directorateId=${w.dirA}`)).total).toBe(4);
    expect((await get(`funderId=${w.funderId}`)).total).toBe(4);
    expect((await get('funderId=00000000-0000-4000-8000-000000000000')).total).toBe(0);
    const page2 = await get('pageSize=2&page=2');
    expect(page2).toMatchObject({ total: 4, page: 2, pageSize: 2 });
    expect(page2.items.map((f) => f.id)).toEqual(all.items.slice(2, 4).map((f) => f.id));
    const bad = await t.as(w.tokens.finance).get('/api/flags/duplicate-funding?severity=urgent&pageSize=501').expect(400);
    expect(bad.body.message).toEqual(expect.arrayContaining(['severity: must be one of high, medium, low', expect.stringMatching(/^pageSize: /)]));
  });

  it('lets admin and executive start a full recompute, nobody else; everyone on the staff reads flags', async () => {
    await t.as(w.tokens.finance).post('/api/flags/recompute').expect(403);
    await t.as(w.tokens.commissionerB).post('/api/flags/recompute').expect(403);
    await t.http().get('/api/flags/duplicate-funding').expect(401);
    await t.as(w.tokens.commissionerB).get('/api/flags/duplicate-funding').expect(200);
    await t.as(w.tokens.finance).get(`/api/flags/${ids.foodFlag}`).expect(200).expect((r) => expect(r.body.id).toBe(ids.foodFlag));
    await t.as(w.tokens.finance).get('/api/flags/00000000-0000-4000-8000-000000000000').expect(404);
    const result = await fullRecompute();
    expect(result).toMatchObject({ scope: 'all', organisations: 13, matches: { same: 5 }, clusters: 4 });
  });
});
