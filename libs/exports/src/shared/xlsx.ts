import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';

/** Pounds as Excel shows them: a number cell, never text (CONTRACT.md outputs). */
export const POUNDS_FORMAT = '£#,##0.00';
export const DATE_FORMAT = 'dd/mm/yyyy';
/** Excel's limit per sheet, header included; a longer series continues on "<name> (2)". */
export const EXCEL_MAX_ROWS = 1_048_576;

/** Uncompressed bytes a sheet may have waiting for the zip before the writer pauses. */
const DRAIN_LIMIT = 4 * 1024 * 1024;

export type ColumnKind = 'text' | 'money' | 'date' | 'integer' | 'ratio' | 'factor';
export type SheetColumn = { header: string; width?: number; kind?: ColumnKind };
export type CellValue = string | number | Date | null;

const FORMATS: Partial<Record<ColumnKind, string>> = {
  money: POUNDS_FORMAT,
  date: DATE_FORMAT,
  integer: '0',
  ratio: '0.00',
  factor: '0.0000',
};

/**
 * Pence (bigint or the driver's string) as a number of pounds for a money cell. Excel stores a
 * double either way: pence / 100 in IEEE arithmetic is the double nearest the exact amount, the
 * same one parsing the decimal string "12500.50" gives.
 */
export function poundsCell(pence: bigint | string | number | null | undefined): number | null {
  if (pence === null || pence === undefined) return null;
  return Number(pence) / 100;
}

/** A decimal string ('3.56', '177837.81') as a number cell; null stays empty. */
export function decimalCell(value: string | null | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** Days already turned into cells: a million awards fall on a few thousand days. */
const DAYS = new Map<string, Date>();
const DAYS_KEPT = 100_000;

/**
 * 'YYYY-MM-DD' as a date cell: midnight UTC, which exceljs writes as the whole-day serial. The same
 * day gives the same Date object (read it, never change it), so a big sheet does not allocate one per cell.
 */
export function dateCell(iso: string | Date | null | undefined): Date | null {
  if (iso === null || iso === undefined) return null;
  if (iso instanceof Date) return new Date(Date.UTC(iso.getUTCFullYear(), iso.getUTCMonth(), iso.getUTCDate()));
  let day = DAYS.get(iso);
  if (day === undefined) {
    const [y, m, d] = iso.split('-').map(Number);
    day = new Date(Date.UTC(y, m - 1, d));
    if (DAYS.size >= DAYS_KEPT) DAYS.clear();
    DAYS.set(iso, day);
  }
  return day;
}

type Worksheet = ExcelJS.Worksheet;
type PipedStream = Writable & { _writableState?: { length: number } };
const TEXT_STYLE: Partial<ExcelJS.Style> = Object.freeze({});

/**
 * One sheet of a streaming workbook: a bold, frozen header row, number formats per column,
 * filters over the header, rows written (and freed) as they come.
 */
export class SheetWriter {
  private ws: Worksheet;
  private readonly styles: Partial<ExcelJS.Style>[];
  private part = 1;
  private rowsInPart = 0;
  private total = 0;

  constructor(
    private readonly wb: ExcelJS.stream.xlsx.WorkbookWriter,
    private readonly name: string,
    private readonly columns: SheetColumn[],
  ) {
    this.styles = columns.map((c) => {
      const numFmt = FORMATS[c.kind ?? 'text'];
      return numFmt ? { numFmt } : TEXT_STYLE;
    });
    this.ws = this.open(name);
  }

  get rowsWritten(): number {
    return this.total;
  }

  addRow(values: CellValue[]): void {
    if (this.rowsInPart + 1 >= EXCEL_MAX_ROWS) {
      this.close();
      this.part += 1;
      this.ws = this.open(`${this.name} (${this.part})`);
    }
    const row = this.ws.addRow(values);
    // One style object per column, shared by every cell: exceljs caches a style's id by object, so a
    // shared one costs a lookup where a fresh one per cell would cost a serialisation.
    for (let i = 0; i < this.styles.length; i++) row.getCell(i + 1).style = this.styles[i];
    row.commit();
    this.rowsInPart += 1;
    this.total += 1;
  }

  /**
   * Waits while the zip has more than `limit` bytes of this sheet still to compress. The streaming
   * writer never pushes back (its buffer ignores write()'s answer), so without this a fast producer
   * would pile the whole sheet up in memory. Called between batches.
   */
  async drain(limit = DRAIN_LIMIT): Promise<void> {
    const sink = (this.ws as unknown as { _stream?: { pipes?: PipedStream[] } })._stream?.pipes?.[0];
    // archiver's PassThrough comes from readable-stream 2, which has no writableLength getter.
    const pending = () => sink?.writableLength ?? sink?._writableState?.length ?? 0;
    while (pending() > limit) await delay(10);
  }

  /** Commits the sheet: nothing more can be added to it, and the next sheet may start. */
  end(): void {
    this.close();
  }

  private open(name: string): Worksheet {
    const ws = this.wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
    ws.columns = this.columns.map((c) => ({ width: c.width ?? Math.max(10, Math.min(50, c.header.length + 2)) }));
    const header = ws.addRow(this.columns.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    this.rowsInPart = 0;
    return ws;
  }

  private close(): void {
    this.ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: this.rowsInPart + 1, column: this.columns.length } };
    this.ws.commit();
  }
}

/** exceljs's streaming writer: shared strings off (memory stays flat), styles on (formats). */
export class StreamingWorkbook {
  private readonly wb: ExcelJS.stream.xlsx.WorkbookWriter;

  constructor(path: string) {
    this.wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
    this.wb.creator = 'Compact Funding Tracker';
    this.wb.created = new Date();
  }

  /** Sheets are written one after another: end one before starting the next. */
  sheet(name: string, columns: SheetColumn[]): SheetWriter {
    return new SheetWriter(this.wb, name, columns);
  }

  commit(): Promise<void> {
    return this.wb.commit();
  }
}
