import { AppError } from '@app/common';

/** Why a whole file could not be read; nothing from such a file may be written. */
export type ImportFileProblem =
  | 'EMPTY_FILE'
  | 'UNSUPPORTED_FORMAT'
  | 'CORRUPT_XLSX'
  | 'MALFORMED_JSON'
  | 'MALFORMED_CSV'
  | 'NO_GRANTS'
  | 'ENCODING'
  | 'TOO_MANY_ROWS';

/**
 * A whole-file failure. It is a VALIDATION AppError (HTTP 400 through the API's error filter) whose
 * message says what is wrong and what to do; `problem` tells the kinds apart.
 */
export class ImportFileError extends AppError {
  constructor(
    readonly problem: ImportFileProblem,
    message: string,
  ) {
    super('VALIDATION', message, [{ field: 'file', reason: message }]);
  }
}
