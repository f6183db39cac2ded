import type { ImportedGrant } from './parsing/index.js';

/** A row that passed validation, on its way to the database. */
export type PendingGrant = { row: number; columnTitles?: Record<string, string>; grant: ImportedGrant };
