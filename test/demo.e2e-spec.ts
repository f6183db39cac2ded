import { getDataSourceToken } from '@nestjs/typeorm';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createPackageValidator } from '@app/giving360';
import { createTestApp, TestApp } from './support/app.js';
import { buildDemoData } from '../scripts/demo-data.js';
import { loadDemoData, runDemo } from '../scripts/demo.js';

describe('npm run demo (e2e)', () => {
  let t: TestApp;
  let outDir: string;
  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'demo-e2e-'));
    t = await createTestApp({ OUTPUT_DIR: outDir });
  });
  afterAll(async () => {
    await t.close();
    await rm(outDir, { recursive: true, force: true });
  });

  it('builds the same data set from the same seed', () => {
    const a = buildDemoData();
    const b = buildDemoData();
    expect(b.awards.map((x) => [x.id, x.amountPence, x.title])).toEqual(a.awards.map((x) => [x.id, x.amountPence, x.title]));
    expect(a.funders.map((f) => f.orgId)).toEqual(['GB-LAE-MIK', 'GB-NHS-QHG', 'GB-GOR-PC390']);
    expect(a.directorates.filter((d) => d.funderId === a.funders[0].id)).toHaveLength(5);
    expect(a.organisations.length).toBeGreaterThanOrEqual(280);
    expect(a.organisations.filter((o) => o.variantOf !== null).length).toBeGreaterThanOrEqual(30);
    expect(a.awards.length).toBeGreaterThanOrEqual(1800);
    expect(new Set(a.awards.map((x) => x.awardDate.slice(0, 4)))).toEqual(new Set(['2023', '2024', '2025', '2026']));
  });

  it('loads the data, runs every job, and writes the outputs; the open data raises no quality findings', async () => {
    const lines: string[] = [];
    const { load, jobs, outDir: copied } = await runDemo((l) => lines.push(l));
    const data = buildDemoData();
    expect(load).toMatchObject({ loaded: true, funders: 3, directorates: 9, organisations: data.organisations.length, awards: data.awards.length });
    expect(jobs.map((j) => [j.type, j.state])).toEqual([['funding-database', 'completed'], ['open-data', 'completed'], ['sroi-summary', 'completed']]);
    const [workbook, open, sroi] = jobs.map((j) => j.result as Record<string, unknown>);
    expect(workbook.awards).toBe(data.awards.filter((a) => a.status !== 'draft').length);
    expect(workbook.crossDirectorate).toBeGreaterThan(10);
    expect(open.quality).toEqual([]);
    expect(open.grants).toBe(data.awards.filter((a) => a.publishedAt !== null).length);
    expect((sroi.funders as { label: string }[]).map((f) => f.label)).toEqual([
      'Milton Keynes City Council',
      'NHS Bedfordshire, Luton and Milton Keynes Integrated Care Board',
      'Thames Valley Police and Crime Commissioner',
    ]);
    expect((await readdir(copied)).sort()).toEqual([
      'funding-database.xlsx', 'grants-GB-GOR-PC390.csv', 'grants-GB-GOR-PC390.json', 'grants-GB-LAE-MIK.csv', 'grants-GB-LAE-MIK.json',
      'grants-GB-NHS-QHG.csv', 'grants-GB-NHS-QHG.json', 'grants.csv', 'grants.json', 'sroi-summary.json', 'sroi-summary.xlsx',
    ]);
    const validate = createPackageValidator();
    for (const name of ['grants.json', 'grants-GB-LAE-MIK.json', 'grants-GB-NHS-QHG.json', 'grants-GB-GOR-PC390.json'])
      expect(validate(JSON.parse(await readFile(join(copied, name), 'utf8')))).toEqual([]);
    const people = data.organisations.filter((o) => o.type === 'individual');
    for (const name of (await readdir(copied)).filter((n) => n.startsWith('grants'))) {
      const text = await readFile(join(copied, name), 'utf8');
      for (const p of people) {
        expect(text).not.toContain(p.name.split(' ').at(-1));
        expect(text).not.toContain(p.postcode);
      }
    }
    expect(lines.some((l) => l.includes('Data Quality Tool findings: none'))).toBe(true);
  }, 180_000);

  it('skips the load the second time and duplicates nothing', async () => {
    const ds = t.app.get<DataSource>(getDataSourceToken());
    const again = await loadDemoData(ds);
    expect(again.loaded).toBe(false);
    const [{ funders, awards, audit }] = await ds.query(
      `SELECT (SELECT count(*)::int FROM funders) AS funders, (SELECT count(*)::int FROM awards) AS awards,
              (SELECT count(*)::int FROM audit_log WHERE action = 'demo-load') AS audit`,
    );
    expect({ funders, awards, audit }).toEqual({ funders: 3, awards: buildDemoData().awards.length, audit: 1 });
  });
});
