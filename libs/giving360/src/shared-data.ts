import path from 'node:path';

/**
 * The shared data directory (360Giving schemas, samples, codelists): `SHARED_DATA_DIR`, else
 * `../shared/data` relative to the repository root (the process's working directory). Only tests
 * and tools read it: the product ships its own copy of the schema (src/schema.generated.ts).
 */
export function sharedDataDir(): string {
  return path.resolve(process.cwd(), process.env.SHARED_DATA_DIR ?? '../shared/data');
}

/** A file under the shared `360giving` directory, e.g. `givingDataPath('samples', 'bom.csv')`. */
export function givingDataPath(...parts: string[]): string {
  return path.join(sharedDataDir(), '360giving', ...parts);
}
