import type { AuditActor } from '@app/audit';

export const IMPORT_MODES = ['all-or-nothing', 'valid-rows'] as const;
/** `all-or-nothing`: one bad row fails the import and nothing is written. `valid-rows`: good rows land, bad rows are reported. */
export type ImportMode = (typeof IMPORT_MODES)[number];

export const isImportMode = (value: unknown): value is ImportMode => (IMPORT_MODES as readonly unknown[]).includes(value);

/**
 * Who runs an import, as the job payload carries it. An admin (or `null`: the system, e.g. a
 * benchmark or a script) may create funders and directorates; a commissioner imports only into
 * directorates it already holds.
 */
export type ImportActor = { id: string | null; email: string; role: 'admin' | 'commissioner'; directorateIds: string[] } | null;

export const auditActorOf = (actor: ImportActor): AuditActor => (actor ? { id: actor.id, email: actor.email } : null);

/** What the importer is asked to do. */
export type ImportOptions = {
  mode: ImportMode;
  actor: ImportActor;
  /** names the import in the audit trail and in the awards' audit entries (the job id) */
  importId: string;
  /** called with 0-100 as rows are read and written */
  progress?: (percent: number) => Promise<void>;
};
