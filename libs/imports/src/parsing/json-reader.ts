import type { Grant360 } from '@app/giving360';
import { decodeText } from './decode-text.js';
import { ImportFileError } from './import-file-error.js';
import type { ParsedRow, ReadReport } from './parsed-row.js';

/** Line and column (both from 1) of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function malformed(filename: string, text: string, e: Error): ImportFileError {
  const position = /at position (\d+)/.exec(e.message);
  const { line, column } = lineAndColumn(text, position ? Number(position[1]) : text.length);
  const detail = e.message.replace(/ in JSON at position \d+.*$/, '').replace(/^Unexpected end of JSON input$/, 'the file ends too soon');
  return new ImportFileError(
    'MALFORMED_JSON',
    `${filename} is not valid JSON at line ${line}, column ${column} (${detail}): look there for a missing or extra comma, bracket or quote`,
  );
}

function grantsOf(data: unknown, filename: string): unknown[] {
  const grants = Array.isArray(data) ? data : (data as { grants?: unknown } | null)?.grants;
  if (!Array.isArray(grants))
    throw new ImportFileError('NO_GRANTS', `${filename} is JSON but not a 360Giving package: the grants must be a list under "grants", as in {"grants": [ ... ]}`);
  if (grants.length === 0) throw new ImportFileError('NO_GRANTS', `${filename} holds an empty list of grants: there is nothing to import`);
  return grants;
}

/**
 * Grants of a 360Giving package `{ "grants": [...] }` (or a bare list of grants); `row` is the index
 * in the list. The file is parsed whole, which the upload size limit keeps bounded.
 */
export async function* readJsonGrants(bytes: Buffer, filename: string, report: ReadReport): AsyncGenerator<ParsedRow> {
  const { text, encoding } = decodeText(bytes, filename);
  report.encoding = encoding;
  if (!text.trim()) throw new ImportFileError('EMPTY_FILE', `${filename} holds only blank space: check that you chose the right file`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw malformed(filename, text, e as Error);
  }
  const grants = grantsOf(data, filename);
  for (let row = 0; row < grants.length; row++) {
    report.rows++;
    yield { row, grant: grants[row] as Grant360 };
  }
}
