import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';

type ZipEntry = Readable & { path: string; autodrain(): void };
type Rel = { Id: string; Target: string };
/** The parts of exceljs 4.4.0's WorkbookReader that `parse()` uses (private, hence typed here). */
type ReaderInternals = {
  input: string | Readable;
  model?: { sheets?: { rId: string; state?: string }[] };
  workbookRels?: Rel[];
  _getStream(input: string | Readable): Readable;
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(stream: Readable, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
};

// unzipper is exceljs's own zip reader: resolve it from exceljs so that the copy exceljs uses is loaded.
const requireFromExcelJs = createRequire(createRequire(import.meta.url).resolve('exceljs'));
const unzipper = requireFromExcelJs('unzipper') as { Parse(options: { forceStream: boolean }): NodeJS.ReadWriteStream };

const SHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/** In 'cache' mode the shared strings fill the reader's table and nothing is yielded. */
async function drain(events: AsyncGenerator<unknown>): Promise<void> {
  for await (const _ of events) continue;
}

/**
 * exceljs's streaming WorkbookReader with its zip loop replaced. In exceljs 4.4.0 that loop reads the
 * zip through `iterateStream`, which stops at the zip parser's early 'end' event and silently drops
 * the entries still buffered: worksheets go missing and cells come back as `{ sharedString: n }`
 * when `sharedStrings.xml` is stored after the sheets (LibreOffice does this; exceljs issue #683,
 * unmerged PR #2915). Here the zip is read with Node's own async iterator, each worksheet is spooled
 * to a temporary file (its shared strings may come later), and worksheets are handed out in the
 * workbook's tab order once the whole zip has been read. Rows are still read one at a time.
 */
export class TabOrderWorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  override async *parse(): AsyncGenerator<{ eventType: string; value: unknown }> {
    const self = this as unknown as ReaderInternals;
    const input = self._getStream(self.input);
    const dir = await mkdtemp(path.join(tmpdir(), 'xlsx-import-'));
    try {
      const sheets = await this.readEntries(input.pipe(unzipper.Parse({ forceStream: true })), dir);
      if (!self.model) throw new Error('the zip archive has no xl/workbook.xml');
      for (const sheetNo of this.inTabOrder(sheets)) {
        yield* self._parseWorksheet(createReadStream(path.join(dir, `${sheetNo}.xml`)), sheetNo);
      }
    } finally {
      input.destroy();
      await rm(dir, { recursive: true, force: true });
    }
  }

  private async readEntries(zip: NodeJS.ReadWriteStream, dir: string): Promise<string[]> {
    const self = this as unknown as ReaderInternals;
    const sheets: string[] = [];
    // A truncated zip errors on the zip stream, not on the entry being read: pass it on, or that read waits forever.
    let current: ZipEntry | null = null;
    zip.on('error', (e: Error) => current?.destroy(e));
    // destroyOnReturn: false, since destroying unzipper's stream mid-entry emits an error nobody can catch
    for await (const entry of (zip as unknown as Readable).iterator({ destroyOnReturn: false }) as AsyncIterable<ZipEntry>) {
      current = entry;
      // whoever reads the entry gets its error; this keeps an error on an entry nobody reads from crashing the process
      entry.on('error', () => undefined);
      const sheetNo = SHEET.exec(entry.path)?.[1];
      if (sheetNo) {
        await pipeline(entry, createWriteStream(path.join(dir, `${sheetNo}.xml`)));
        sheets.push(sheetNo);
      } else if (entry.path === 'xl/_rels/workbook.xml.rels') await self._parseRels(entry);
      else if (entry.path === 'xl/workbook.xml') await self._parseWorkbook(entry);
      else if (entry.path === 'xl/styles.xml') await self._parseStyles(entry);
      else if (entry.path === 'xl/sharedStrings.xml') await drain(self._parseSharedStrings(entry));
      else entry.autodrain();
    }
    return sheets;
  }

  /** Visible sheets in tab order (as the workbook lists them); hidden sheets are left out. */
  private inTabOrder(sheetNos: string[]): string[] {
    const self = this as unknown as ReaderInternals;
    const tabs = self.model?.sheets ?? [];
    const tabOf = (sheetNo: string) => {
      const rel = (self.workbookRels ?? []).find((r) => r.Target.endsWith(`worksheets/sheet${sheetNo}.xml`));
      const index = tabs.findIndex((sheet) => sheet.rId === rel?.Id);
      return index === -1 ? Number(sheetNo) + tabs.length : index;
    };
    const hidden = (sheetNo: string) => ['hidden', 'veryHidden'].includes(tabs[tabOf(sheetNo)]?.state ?? 'visible');
    return sheetNos.filter((no) => !hidden(no)).sort((a, b) => tabOf(a) - tabOf(b));
  }
}
