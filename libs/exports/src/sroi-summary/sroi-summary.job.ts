import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppError } from '@app/common';
import { AppConfig } from '@app/config';
import { InvalidJobInput, jobOutputDir, progressReporter, writeOutputAtomically } from '@app/jobs';
import type { JobContext, JobHandler, JobResult, OutputFile } from '@app/jobs';
import { DEFAULT_SROI_SETTINGS, SroiAccumulator } from '@app/sroi';
import type { SroiAward, SroiLevel, SroiResult, SroiSettings, SroiSummaryRow } from '@app/sroi';
import { resolveScope } from '../shared/award-scope.js';
import { KIND_LABEL, label } from '../shared/labels.js';
import { withSnapshot, type Snapshot } from '../shared/snapshot.js';
import { write, writeTextOutput } from '../shared/text-output.js';
import { StreamingWorkbook, decimalCell, type SheetColumn, type SheetWriter } from '../shared/xlsx.js';
import { COUNT_VALUED_SQL, DIRECTORATES_SQL, SROI_AWARDS_SQL, UNVALUED_GROUPS_SQL, type SroiAwardRow, type UnvaluedGroupRow } from './sroi-summary.queries.js';

export const SROI_JSON_FILE = 'sroi-summary.json';
export const SROI_XLSX_FILE = 'sroi-summary.xlsx';

type GroupLevel = Exclude<SroiLevel, 'award'>;
const GROUP_SHEETS: { level: GroupLevel; sheet: string; json: string; header: string }[] = [
  { level: 'programme', sheet: 'Programmes', json: 'programmes', header: 'Programme' },
  { level: 'directorate', sheet: 'Directorates', json: 'directorates', header: 'Directorate' },
  { level: 'funder', sheet: 'Funders', json: 'funders', header: 'Funder' },
];

const AWARD_COLUMNS: SheetColumn[] = [
  { header: 'Award ID', width: 38 },
  { header: 'Title', width: 40 },
  { header: 'Funder', width: 32 },
  { header: 'Directorate', width: 28 },
  { header: 'Programme', width: 26 },
  { header: 'Kind', width: 10 },
  { header: 'Inputs', width: 16, kind: 'money' },
  { header: 'Present value', width: 16, kind: 'money' },
  { header: 'Net present value', width: 16, kind: 'money' },
  { header: 'SROI ratio', width: 10, kind: 'ratio' },
  { header: 'Ratio', width: 10 },
  { header: 'Payback (months)', width: 10, kind: 'ratio' },
  { header: 'Low ratio', width: 10, kind: 'ratio' },
  { header: 'High ratio', width: 10, kind: 'ratio' },
  { header: 'Break-even proxy factor', width: 12, kind: 'factor' },
];

const groupColumns = (header: string): SheetColumn[] => [
  { header, width: 36 },
  { header: 'Awards', width: 9, kind: 'integer' },
  { header: 'Awards without outcomes', width: 12, kind: 'integer' },
  { header: 'Inputs', width: 16, kind: 'money' },
  { header: 'Present value', width: 16, kind: 'money' },
  { header: 'Net present value', width: 16, kind: 'money' },
  { header: 'SROI ratio', width: 10, kind: 'ratio' },
  { header: 'Low ratio', width: 10, kind: 'ratio' },
  { header: 'High ratio', width: 10, kind: 'ratio' },
  { header: 'Payback (months)', width: 10, kind: 'ratio' },
  { header: 'Break-even proxy factor', width: 12, kind: 'factor' },
];

/** One award in the json file: who funded what, and its SROI (DOMAIN.md 4). */
type AwardEntry = { awardId: string; title: string; funder: string; directorate: string; programme: string | null; kind: string } & Omit<SroiResult, 'awardId'>;

/**
 * sroi-summary → sroi-summary.json and sroi-summary.xlsx: the Cabinet Office SROI of every award
 * that has outcomes, and pooled per programme, directorate and funder (Σ PV / Σ inputs). Those
 * awards stream from a cursor into SroiAccumulator, which keeps running sums only. Awards without
 * outcomes are counted in every group (their inputs weigh on the ratios; `awardsWithoutOutcomes`
 * says how many), summed by the database rather than listed one by one. Inputs are the award's
 * amount: for in-kind support that is the valued support.
 */
@Injectable()
export class SroiSummaryJob implements JobHandler<'sroi-summary'> {
  readonly jobName = 'sroi-summary' as const;
  private readonly settings: SroiSettings = DEFAULT_SROI_SETTINGS;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly config: AppConfig,
  ) {}

  run(ctx: JobContext<'sroi-summary'>): Promise<JobResult> {
    const dir = jobOutputDir(this.config.OUTPUT_DIR, ctx.id);
    return withSnapshot(this.ds, async (snapshot) => {
      const scope = await resolveScope(snapshot, ctx.data.params);
      const [{ n: valued }] = await snapshot.query<{ n: number }>(COUNT_VALUED_SQL, scope.params);
      const directorates = await directorateLabels(snapshot, scope.params);
      const accumulator = new SroiAccumulator(this.settings, { awardRows: false });
      let awards = valued;
      for (const g of await snapshot.query<UnvaluedGroupRow>(UNVALUED_GROUPS_SQL, scope.params)) {
        const group = { programme: g.programme, directorate: directorates.get(g.directorate_id) ?? g.directorate_id, funder: g.funder_name };
        accumulator.addWithoutOutcomes(group, g.awards, BigInt(g.inputs_pence));
        awards += g.awards;
      }
      await ctx.progress(5);
      const progress = progressReporter(ctx, valued, 5, 95);
      let groups: SroiSummaryRow[] = [];
      let xlsx: OutputFile | undefined;
      const json = await writeTextOutput(dir, SROI_JSON_FILE, async (out) => {
        const head = { generatedAt: new Date().toISOString(), scope: scope.description, settings: this.settings };
        await write(out, `${JSON.stringify(head).slice(0, -1)},"awards":[`);
        xlsx = await writeOutputAtomically(dir, SROI_XLSX_FILE, async (tmp) => {
          const book = new StreamingWorkbook(tmp);
          const sheet = book.sheet('Awards', AWARD_COLUMNS);
          let separator = '\n';
          for await (const batch of snapshot.batches<SroiAwardRow>(SROI_AWARDS_SQL, scope.params)) {
            for (const row of batch) {
              const entry = this.value(accumulator, row, directorates);
              await write(out, separator + JSON.stringify(entry));
              separator = ',\n';
              addAwardRow(sheet, entry);
            }
            await progress(sheet.rowsWritten);
            await sheet.drain();
          }
          sheet.end();
          groups = accumulator.result();
          for (const g of GROUP_SHEETS) writeGroupSheet(book.sheet(g.sheet, groupColumns(g.header)), groups.filter((r) => r.level === g.level));
          writeMethodSheet(book.sheet('Method', [{ header: 'Setting', width: 40 }, { header: 'Value', width: 60 }]), this.settings);
          await book.commit();
        });
        const tail = Object.fromEntries(GROUP_SHEETS.map((g) => [g.json, groups.filter((r) => r.level === g.level)]));
        await write(out, `\n],${JSON.stringify(tail).slice(1)}\n`);
      });
      const funders = groups.filter((r) => r.level === 'funder');
      return {
        files: [json, xlsx!],
        scope: scope.description,
        awards,
        awardsWithOutcomes: valued,
        awardsWithoutOutcomes: funders.reduce((n, r) => n + r.awardsWithoutOutcomes, 0),
        settings: this.settings,
        funders,
      };
    });
  }

  /** Adds one award to the summaries; a stored outcome that cannot be valued fails the job without retry. */
  private value(accumulator: SroiAccumulator, row: SroiAwardRow, directorates: Map<string, string>): AwardEntry {
    const directorate = directorates.get(row.directorate_id) ?? row.directorate_id;
    const award: SroiAward = {
      awardId: row.id,
      title: row.title,
      inputsPence: BigInt(row.amount_pence),
      outcomes: row.outcomes.map(([description, quantity, financialProxy, deadweight, displacement, attribution, dropOff, durationYears]) => ({
        description, quantity, financialProxy, deadweight, displacement, attribution, dropOff, durationYears,
      })),
      programme: row.programme,
      directorate,
      funder: row.funder_name,
    };
    let result: SroiResult;
    try {
      result = accumulator.add(award);
    } catch (e) {
      if (e instanceof AppError && e.code === 'VALIDATION') throw new InvalidJobInput(`${e.message}; correct the award's outcomes and run the summary again`);
      throw e;
    }
    const { awardId: _id, ...figures } = result;
    return { awardId: row.id, title: row.title, funder: row.funder_name, directorate, programme: row.programme, kind: row.kind, ...figures };
  }
}

/**
 * Directorate names as the summaries show them: the name alone, or "name (funder)" where two
 * funders in the scope have a directorate of that name (the council's and the NHS's Public Health).
 */
async function directorateLabels(snapshot: Snapshot, params: unknown[]): Promise<Map<string, string>> {
  const rows = await snapshot.query<{ id: string; name: string; funder_name: string }>(DIRECTORATES_SQL, params.slice(0, 2));
  const uses = new Map<string, number>();
  for (const r of rows) uses.set(r.name, (uses.get(r.name) ?? 0) + 1);
  return new Map(rows.map((r) => [r.id, uses.get(r.name)! > 1 ? `${r.name} (${r.funder_name})` : r.name]));
}

function addAwardRow(sheet: SheetWriter, e: AwardEntry): void {
  sheet.addRow([
    e.awardId, e.title, e.funder, e.directorate, e.programme, label(KIND_LABEL, e.kind),
    decimalCell(e.inputs), decimalCell(e.presentValue), decimalCell(e.netPresentValue), decimalCell(e.ratio), e.ratioText,
    decimalCell(e.paybackMonths), decimalCell(e.sensitivity.lowRatio), decimalCell(e.sensitivity.highRatio), decimalCell(e.sensitivity.breakEvenProxyFactor),
  ]);
}

function writeGroupSheet(sheet: SheetWriter, rows: SroiSummaryRow[]): void {
  for (const r of rows)
    sheet.addRow([
      r.label, r.awards, r.awardsWithoutOutcomes, decimalCell(r.inputs), decimalCell(r.presentValue), decimalCell(r.netPresentValue),
      decimalCell(r.ratio), decimalCell(r.lowRatio), decimalCell(r.highRatio), decimalCell(r.paybackMonths), decimalCell(r.breakEvenProxyFactor),
    ]);
  sheet.end();
}

function writeMethodSheet(sheet: SheetWriter, s: SroiSettings): void {
  const rows: [string, string][] = [
    ['Method', 'Cabinet Office, A Guide to Social Return on Investment (2009, reissued 2012)'],
    ['Discount rate (HM Treasury Green Book)', s.discountRate],
    ['Sensitivity: attribution and deadweight moved by', s.sensitivityPoints],
    ['Sensitivity: every financial proxy moved by', s.proxyVariation],
    ['Inputs', 'The amount awarded; for in-kind support, its valued amount'],
    ['Ratio', 'Present value / inputs, pooled for groups (never a mean of ratios)'],
    ['Payback (months)', 'Inputs / (year-1 value / 12)'],
    ['Awards without outcomes', 'Not listed one by one: each programme, directorate and funder counts them, and their inputs are in its ratio'],
  ];
  for (const r of rows) sheet.addRow(r);
  sheet.end();
}
