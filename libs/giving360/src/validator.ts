import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describeGrantErrors, pointerToPath, type SchemaError } from './schema-errors.js';
import { CLOSED_CODELISTS, GRANT_SCHEMA, PACKAGE_SCHEMA, type JsonSchema } from './schema.generated.js';

/**
 * ajv set-up for the 360Giving 1.4.3 schemas, which are JSON Schema 2020-12 (not draft-04), hence
 * ajv's `Ajv2020` class. What the schemas need (../shared/data/360giving/SOURCES.md):
 * - `$schema` says `http://json-schema.org/draft/2020-12/schema`; ajv knows the https URI: normalised.
 * - the package's `grants.items.$ref` names the 1.4.2 grant schema URI: rewritten to the 1.4.3 `$id`.
 * - `grants.uniqueItems` only catches byte-identical grants and is quadratic: dropped, replaced by a
 *   check that ids are unique (as the Data Quality Tool does).
 * - non-standard keywords: `codelist` is enforced for closed codelists (`openCodelist: false`);
 *   `openCodelist` and `rollUp` are annotations. `strict: false` because the schema mixes `oneOf`
 *   branches without `type`, which strict mode refuses.
 * - formats must be asserted (ajv-formats), else a correct date matches both `oneOf` branches.
 */
const META_SCHEMA = 'https://json-schema.org/draft/2020-12/schema';

function buildAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true, verbose: true });
  addFormats.default(ajv);
  ajv.addKeyword({ keyword: 'openCodelist' });
  ajv.addKeyword({ keyword: 'rollUp' });
  ajv.addKeyword({
    keyword: 'codelist',
    schemaType: 'string',
    compile(file: string, parentSchema: JsonSchema) {
      if (parentSchema.openCodelist !== false) return () => true;
      const codes = new Set((CLOSED_CODELISTS[file] ?? []).map((entry) => entry.code));
      return (data: unknown) => typeof data !== 'string' || codes.has(data);
    },
  });
  ajv.addSchema({ ...GRANT_SCHEMA, $schema: META_SCHEMA });
  const packageProperties = PACKAGE_SCHEMA.properties as Record<string, JsonSchema>;
  const { uniqueItems: _quadratic, ...grants } = packageProperties.grants;
  ajv.addSchema({
    ...PACKAGE_SCHEMA,
    $schema: META_SCHEMA,
    properties: { ...packageProperties, grants: { ...grants, items: { $ref: GRANT_SCHEMA.$id } } },
  });
  return ajv;
}

let ajvInstance: Ajv2020 | undefined;
/** Compiling takes a few hundred milliseconds: one ajv per process. */
function ajv(): Ajv2020 {
  return (ajvInstance ??= buildAjv());
}

export type GrantValidator = (grant: unknown) => SchemaError[];

/** Validates one grant against the 360Giving grant schema; [] when it is valid. */
export function createGrantValidator(): GrantValidator {
  const validate = ajv().getSchema(GRANT_SCHEMA.$id as string)!;
  return (grant) => (validate(grant) ? [] : describeGrantErrors(validate.errors ?? [], grant));
}

/**
 * Remembers where each id was first seen, so that a repeated id can name the earlier one. It holds
 * every id, so its memory grows with the file (about 100 bytes an id).
 */
export class DuplicateIdTracker {
  private readonly firstSeen = new Map<string, number>();

  /** The position where `id` was first seen, or undefined (and it is remembered at `position`). */
  seenBefore(id: string, position: number): number | undefined {
    const first = this.firstSeen.get(id);
    if (first === undefined) this.firstSeen.set(id, position);
    return first;
  }
}

function duplicateIdErrors(pkg: unknown): SchemaError[] {
  const grants = (pkg as { grants?: unknown } | null)?.grants;
  if (!Array.isArray(grants)) return [];
  const tracker = new DuplicateIdTracker();
  return grants.flatMap((grant: { id?: unknown } | null, i): SchemaError[] => {
    const id = grant?.id;
    const first = typeof id === 'string' ? tracker.seenBefore(id, i) : undefined;
    if (first === undefined) return [];
    return [{ path: `grants[${i}].id`, title: 'Identifier', reason: `is the same as grants[${first}].id: each grant needs its own id`, value: id }];
  });
}

/** Errors under `/grants/N` are described per grant and prefixed with `grants[N].`. */
function describePackageErrors(errors: ErrorObject[], pkg: unknown): SchemaError[] {
  const byGrant = new Map<number, ErrorObject[]>();
  const packageLevel: ErrorObject[] = [];
  for (const e of errors) {
    const m = /^\/grants\/(\d+)(\/.*)?$/.exec(e.instancePath);
    if (!m) packageLevel.push(e);
    else byGrant.set(Number(m[1]), [...(byGrant.get(Number(m[1])) ?? []), { ...e, instancePath: m[2] ?? '' }]);
  }
  const grants = (pkg as { grants: unknown[] }).grants;
  const perGrant = [...byGrant].flatMap(([i, grantErrors]) =>
    describeGrantErrors(grantErrors, grants[i]).map((error) => ({
      ...error,
      path: error.path ? `grants[${i}].${error.path}` : `grants[${i}]`,
    })),
  );
  const own = packageLevel.map((e) => ({
    path: pointerToPath(e.instancePath) || (e.keyword === 'required' ? String(e.params.missingProperty) : ''),
    title: null,
    reason: e.keyword === 'required' ? 'is required' : e.keyword === 'minItems' ? 'must list at least one grant' : (e.message ?? e.keyword),
    value: e.keyword === 'required' ? null : e.data,
  }));
  return [...own, ...perGrant];
}

export type PackageValidator = (pkg: unknown) => SchemaError[];

/** Validates a whole package `{ grants: [...] }`, paths such as `grants[3].amountAwarded`. */
export function createPackageValidator(): PackageValidator {
  const validate = ajv().getSchema(PACKAGE_SCHEMA.$id as string)!;
  return (pkg) => [...(validate(pkg) ? [] : describePackageErrors(validate.errors ?? [], pkg)), ...duplicateIdErrors(pkg)];
}
