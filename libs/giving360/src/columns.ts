import { GRANT_SCHEMA, type JsonSchema } from './schema.generated.js';

/**
 * The flattened 360Giving columns of a grant, derived from the schema's `title` properties the way
 * the standard's flatten-tool names them: nested titles joined by ':' (`Recipient Org:Charity Number`),
 * arrays of objects flattened to their first item (`recipientOrganization[0].charityNumber`), arrays of
 * strings written as one cell separated by ';'. Properties without a title (the transaction arrays)
 * have no flattened column.
 */
export type ColumnType = 'string' | 'number' | 'integer' | 'date' | 'boolean';
export type GrantColumn = { title: string; path: string; type: ColumnType };

/** What the schema says about a column beyond its public shape. */
export type ColumnSpec = GrantColumn & {
  segments: PathSegment[];
  /** an array of strings, one cell joined by ';' */
  list: boolean;
  /** 'date-time' only (Last Modified), 'date' (YYYY-MM-DD or date-time), 'partial-date' (events: also YYYY-MM, YYYY) */
  dateKind: 'date' | 'date-time' | 'partial-date' | null;
  /** a closed codelist file name (openCodelist: false) */
  codelist: string | null;
};
export type PathSegment = { key: string; index?: number };

type Node = JsonSchema;
const DEFS = GRANT_SCHEMA.$defs as Record<string, Node>;

/** A property may carry a `$ref` plus its own title (recipientIndividual: Person titled 'Recipient Ind'). */
function resolve(node: Node): Node {
  if (typeof node.$ref !== 'string') return node;
  const { $ref, ...own } = node;
  const target = DEFS[($ref as string).replace('#/$defs/', '')];
  if (!target) throw new Error(`360Giving schema: cannot resolve ${$ref as string}`);
  return { ...resolve(target), ...own };
}

function typesOf(node: Node): string[] {
  return Array.isArray(node.type) ? (node.type as string[]) : typeof node.type === 'string' ? [node.type] : [];
}

function dateKindOf(node: Node): ColumnSpec['dateKind'] {
  if (node.format === 'date-time') return 'date-time';
  const branches = Array.isArray(node.oneOf) ? (node.oneOf as Node[]) : [];
  if (!branches.some((b) => b.format === 'date-time')) return null;
  return branches.length > 2 ? 'partial-date' : 'date';
}

function leafType(node: Node): ColumnType {
  const types = typesOf(node);
  if (dateKindOf(node)) return 'date';
  if (types.includes('number')) return 'number';
  if (types.includes('integer')) return 'integer';
  if (types.includes('boolean')) return 'boolean';
  return 'string';
}

export function parsePath(path: string): PathSegment[] {
  return path.split('.').map((part) => {
    const m = /^(.+)\[(\d+)\]$/.exec(part);
    return m ? { key: m[1], index: Number(m[2]) } : { key: part };
  });
}

function leaf(title: string, path: string, node: Node, list: boolean): ColumnSpec {
  const codelist = typeof node.codelist === 'string' && node.openCodelist === false ? node.codelist : null;
  return { title, path, type: leafType(node), segments: parsePath(path), list, dateKind: dateKindOf(node), codelist };
}

/** Walks the schema in its own property order; containers' titles are kept for error messages. */
function collect(node: Node, pathPrefix: string, titlePrefix: string, out: ColumnSpec[], containers: Map<string, string>) {
  for (const [key, raw] of Object.entries((node.properties ?? {}) as Record<string, Node>)) {
    const prop = resolve(raw);
    if (typeof prop.title !== 'string') continue;
    const title = `${titlePrefix}${prop.title}`;
    const path = `${pathPrefix}${key}`;
    if (typesOf(prop).includes('array')) {
      const items = resolve((prop.items ?? {}) as Node);
      containers.set(path, title);
      if (items.properties) {
        containers.set(`${path}[0]`, title);
        collect(items, `${path}[0].`, `${title}:`, out, containers);
      } else out.push(leaf(title, path, items, true));
    } else if (prop.properties) {
      containers.set(path, title);
      collect(prop, `${path}.`, `${title}:`, out, containers);
    } else out.push(leaf(title, path, prop, false));
  }
}

function deriveColumns() {
  const specs: ColumnSpec[] = [];
  const containers = new Map<string, string>();
  collect(GRANT_SCHEMA, '', '', specs, containers);
  const byTitle = new Map<string, ColumnSpec>();
  for (const spec of specs) {
    const key = normaliseTitle(spec.title);
    if (byTitle.has(key)) throw new Error(`360Giving schema: two columns are titled ${spec.title}`);
    byTitle.set(key, spec);
  }
  return { specs, containers, byTitle, byPath: new Map(specs.map((s) => [s.path, s])) };
}

/** Titles compare case- and whitespace-insensitively: `From an open call?`, `Recipient Ind: Name`. */
export function normaliseTitle(title: string): string {
  return title.toLowerCase().replace(/\s+/g, '');
}

const DERIVED = deriveColumns();

export const COLUMN_SPECS: readonly ColumnSpec[] = DERIVED.specs;

export const GRANT_COLUMNS: GrantColumn[] = DERIVED.specs.map(({ title, path, type }) => ({ title, path, type }));

export function columnForTitle(title: string): ColumnSpec | undefined {
  return DERIVED.byTitle.get(normaliseTitle(title));
}

export function columnForPath(path: string): ColumnSpec | undefined {
  return DERIVED.byPath.get(path);
}

/** The column title of a path, or the title of a group such as `Recipient Org` or `Planned Dates`. */
export function titleForPath(path: string): string | null {
  return DERIVED.byPath.get(path)?.title ?? DERIVED.containers.get(path) ?? null;
}
