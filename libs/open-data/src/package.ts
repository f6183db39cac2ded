import type { PublishedGrant, Package360, PackageMetadata } from './grant.types.js';

/**
 * A 360Giving package: `{ grants }` plus any metadata the package schema permits. The schema
 * requires at least one grant (`minItems: 1`), so an empty selection is not a valid package.
 */
export function toPackage(grants: PublishedGrant[], metadata: PackageMetadata = {}): Package360 {
  return { ...metadata, grants };
}

/**
 * The same package as JSON text, one grant at a time, for files too large to build in memory.
 * Concatenated, the chunks equal `JSON.stringify(toPackage(grants, metadata))` up to whitespace.
 */
export async function* packageJsonChunks(
  grants: Iterable<PublishedGrant> | AsyncIterable<PublishedGrant>,
  metadata: PackageMetadata = {},
): AsyncGenerator<string> {
  // `grants` is the last key, so the empty package's text ends in `[]}`: open the array there.
  yield JSON.stringify(toPackage([], metadata)).slice(0, -2);
  let separator = '\n';
  for await (const grant of grants) {
    yield separator + JSON.stringify(grant);
    separator = ',\n';
  }
  yield '\n]}\n';
}

/** 'GB-LAE-MIK' -> 'grants-GB-LAE-MIK': the per-funder file name (DOMAIN.md 5), without its extension. */
export function funderFileStem(funderOrgId: string): string {
  return `grants-${funderOrgId.trim().replace(/[^A-Za-z0-9._-]+/g, '_')}`;
}
