import { createRowUnflattener, type RowUnflattener } from '@app/giving360';
import { ImportFileError } from './import-file-error.js';

/** A header is usable when at least one of its titles is a 360Giving column title. */
export function grantHeader(titles: readonly unknown[]): RowUnflattener | null {
  const unflattener = createRowUnflattener(titles);
  return unflattener.columns.some(Boolean) ? unflattener : null;
}

/** `subject` names what was read: the file, or the first worksheet. */
export function noGrantColumns(subject: string, titles: readonly unknown[]): ImportFileError {
  const shown = titles.filter((t) => t !== null && t !== undefined && String(t).trim()).slice(0, 5).map(String).join(', ');
  return new ImportFileError(
    'NO_GRANTS',
    `${subject} starts ${shown}, not 360Giving column titles: the first row must hold titles such as Identifier, Title, Amount Awarded, Award Date, Recipient Org:Name, Funding Org:Name`,
  );
}

export function noGrantRows(where: string): ImportFileError {
  return new ImportFileError('NO_GRANTS', `${where} has column titles but no grants below them: add one grant per row`);
}
