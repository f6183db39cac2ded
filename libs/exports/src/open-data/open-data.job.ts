import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Writable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { todayUtc } from '@app/common';
import { AppConfig } from '@app/config';
import { InvalidJobInput, jobOutputDir, progressReporter } from '@app/jobs';
import type { JobContext, JobHandler, JobResult, OutputFile } from '@app/jobs';
import { funderFileStem, packageJsonChunks, QUALITY_CHECKS, QualityAccumulator, toGrant, toPublishableAward } from '@app/open-data';
import type { PackageMetadata, PublishableAwardRow, PublishedGrant, PublishSettings, QualityFinding } from '@app/open-data';
import { resolveScope } from '../shared/award-scope.js';
import { withSnapshot, type Snapshot } from '../shared/snapshot.js';
import { write, writeTextOutput } from '../shared/text-output.js';
import { grantCsvHeader, grantCsvLine } from './grant-csv.js';
import { PUBLISHED_AWARDS_SQL, PUBLISHING_FUNDERS_SQL, type PublishingFunderRow } from './open-data.queries.js';

export const ALL_GRANTS_STEM = 'grants';
/** The 360Giving schema version of the packages (major.minor, as the package schema asks). */
const SCHEMA_VERSION = '1.4';

export type FunderPublication = { orgId: string; name: string; grants: number; files: string[]; quality: QualityFinding[] };

/**
 * open-data → the 360Giving files of DOMAIN.md 5: grants.json (a package of every funder's
 * published grants) and grants.csv under the standard's column titles, plus one pair per funder,
 * grants-<funder org-id>.json / .csv, for publishing (one funder per file). Each grant flows from
 * a cursor through toGrant into all four open files at once, so a million grants keep memory flat.
 * The Data Quality Tool checks run on each funder's file; their findings are the job's `quality`.
 */
@Injectable()
export class OpenDataJob implements JobHandler<'open-data'> {
  readonly jobName = 'open-data' as const;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly config: AppConfig,
  ) {}

  run(ctx: JobContext<'open-data'>): Promise<JobResult> {
    const dir = jobOutputDir(this.config.OUTPUT_DIR, ctx.id);
    const settings: PublishSettings = { idPrefix: this.config.GRANT_ID_PREFIX, dataSource: `http://localhost:${this.config.PORT}/`, asOf: todayUtc() };
    return withSnapshot(this.ds, async (snapshot) => {
      const scope = await resolveScope(snapshot, ctx.data.params);
      const funders = await snapshot.query<PublishingFunderRow>(PUBLISHING_FUNDERS_SQL, scope.params);
      const total = funders.reduce((n, f) => n + f.grants, 0);
      if (total === 0)
        throw new InvalidJobInput('there are no published awards in this selection, and a 360Giving file needs at least one grant: publish awards first or widen the selection');
      await ctx.progress(1);
      const progress = progressReporter(ctx, total, 1, 99);
      let written = 0;
      let allCsv: OutputFile | undefined;
      const funderFiles: OutputFile[] = [];
      const publications: FunderPublication[] = [];

      const allJson = await writeTextOutput(dir, `${ALL_GRANTS_STEM}.json`, async (jsonOut) => {
        allCsv = await writeTextOutput(dir, `${ALL_GRANTS_STEM}.csv`, async (csvOut) => {
          const all = await PackageWriter.open(jsonOut, {
            version: SCHEMA_VERSION,
            title: 'Grants, contracts and support in kind to the voluntary and community sector',
            issued: settings.asOf,
          });
          await write(csvOut, grantCsvHeader());
          for (const funder of funders) {
            const quality = new QualityAccumulator({ asOf: settings.asOf });
            const grants = tap(this.grantsOf(snapshot, scope.params, funder, settings), async (grant) => {
              quality.add(grant);
              await all.add(grant);
              await write(csvOut, grantCsvLine(grant));
              await progress(++written);
            });
            const files = await publishFunder(dir, funder, grants, settings.asOf);
            funderFiles.push(...files);
            publications.push({ orgId: funder.org_id, name: funder.name, grants: funder.grants, files: files.map((f) => f.name), quality: quality.result() });
          }
          await all.close();
        });
      });
      return {
        files: [allJson, allCsv!, ...funderFiles],
        scope: scope.description,
        grants: written,
        settings,
        funders: publications,
        quality: mergeFindings(publications.map((p) => p.quality)),
      };
    });
  }

  private async *grantsOf(snapshot: Snapshot, scopeParams: unknown[], funder: PublishingFunderRow, settings: PublishSettings): AsyncGenerator<PublishedGrant> {
    for await (const row of snapshot.rows<PublishableAwardRow>(PUBLISHED_AWARDS_SQL, [...scopeParams, funder.id])) yield toGrant(toPublishableAward(row), settings);
  }
}

/** grants-<org-id>.json (streamed by packageJsonChunks) and grants-<org-id>.csv: one funder's publishing pair. */
async function publishFunder(dir: string, funder: PublishingFunderRow, grants: AsyncIterable<PublishedGrant>, asOf: string): Promise<OutputFile[]> {
  const stem = funderFileStem(funder.org_id);
  const metadata: PackageMetadata = {
    version: SCHEMA_VERSION,
    title: `Grants from ${funder.name}`,
    issued: asOf,
    publisher: { name: funder.name, identifier: funder.org_id },
  };
  let csv: OutputFile | undefined;
  const json = await writeTextOutput(dir, `${stem}.json`, async (jsonOut) => {
    csv = await writeTextOutput(dir, `${stem}.csv`, async (csvOut) => {
      await write(csvOut, grantCsvHeader());
      const withCsv = tap(grants, (grant) => write(csvOut, grantCsvLine(grant)));
      for await (const chunk of packageJsonChunks(withCsv, metadata)) await write(jsonOut, chunk);
    });
  });
  return [json, csv!];
}

/** Passes each item through after `effect` has run on it. */
async function* tap<T>(source: AsyncIterable<T>, effect: (item: T) => Promise<void>): AsyncGenerator<T> {
  for await (const item of source) {
    await effect(item);
    yield item;
  }
}

/** The all-funders package, written grant by grant in the layout packageJsonChunks gives a package. */
class PackageWriter {
  private separator = '\n';
  private constructor(
    private readonly out: Writable,
    private readonly tail: string,
  ) {}

  static async open(out: Writable, metadata: PackageMetadata): Promise<PackageWriter> {
    const chunks: string[] = [];
    for await (const chunk of packageJsonChunks([], metadata)) chunks.push(chunk);
    await write(out, chunks[0]);
    return new PackageWriter(out, chunks[chunks.length - 1]);
  }

  async add(grant: PublishedGrant): Promise<void> {
    await write(this.out, this.separator + JSON.stringify(grant));
    this.separator = ',\n';
  }

  close(): Promise<void> {
    return write(this.out, this.tail);
  }
}


/** The findings of several files as one list: counts added, the first examples kept, in check order. */
export function mergeFindings(lists: QualityFinding[][]): QualityFinding[] {
  const merged = new Map<string, QualityFinding>();
  for (const list of lists)
    for (const f of list) {
      const m = merged.get(f.check);
      if (!m) merged.set(f.check, { ...f, examples: [...f.examples] });
      else {
        m.count += f.count;
        m.examples = [...m.examples, ...f.examples].slice(0, 5);
      }
    }
  const order = (f: QualityFinding) => QUALITY_CHECKS.findIndex((c) => c.check === f.check);
  return [...merged.values()].sort((a, b) => order(a) - order(b));
}
