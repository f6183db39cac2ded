import type { ErrorObject } from 'ajv/dist/2020.js';
import { columnForPath, titleForPath } from './columns.js';
import { CLOSED_CODELISTS } from './schema.generated.js';

/** One schema failure in words a finance officer can act on. */
export type SchemaError = { path: string; title: string | null; reason: string; value: unknown };

/** `/recipientOrganization/0/id` → `recipientOrganization[0].id` */
export function pointerToPath(pointer: string): string {
  let path = '';
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path += /^\d+$/.test(part) ? `[${part}]` : path ? `.${part}` : part;
  }
  return path;
}

/** Items of a list column (`toIndividualsDetails.grantPurpose[1]`) are reported under the column. */
function columnPathOf(path: string): string {
  const base = path.replace(/\[\d+\]$/, '');
  return base !== path && columnForPath(base)?.list ? base : path;
}

const TYPE_REASON: Record<string, string> = {
  string: 'must be text',
  number: 'must be a number',
  integer: 'must be a whole number',
  boolean: 'must be true or false',
  array: 'must be a list',
  object: 'must be a group of fields (an object)',
};

const FORMAT_REASON: Record<string, string> = {
  uri: 'must be a web address such as https://example.org/grants',
  'date-time': 'must be a date and time such as 2025-03-31T09:30:00Z',
};

/** What to fill in when a whole group is missing: the group has no column of its own. */
const GROUP_HINT: Record<string, string> = {
  recipientOrganization:
    'is required: fill in Recipient Org:Identifier and Recipient Org:Name (or Recipient Ind:Identifier and Recipient Ind:Name for a grant to an individual)',
  fundingOrganization: 'is required: fill in Funding Org:Identifier and Funding Org:Name',
};

const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

function dateReason(kind: 'date' | 'date-time' | 'partial-date', value: unknown): string {
  if (kind === 'date-time') return FORMAT_REASON['date-time'];
  const m = typeof value === 'string' ? DAY_FIRST.exec(value.trim()) : null;
  const hint = m ? ` (write ${value as string} as ${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')})` : '';
  return `must be a date YYYY-MM-DD${hint}`;
}

function orList(values: unknown[]): string {
  const words = values.map(String);
  return words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function enumReason(path: string, allowed: unknown[]): string {
  if (allowed.length <= 5) return `must be ${orList(allowed)}`;
  if (path.endsWith('currency')) return 'must be a 3-letter currency code such as GBP';
  if (path.endsWith('countryCode')) return 'must be a 2-letter country code such as GB';
  return 'is not one of the allowed codes';
}

function codelistReason(file: string): string {
  const [first] = CLOSED_CODELISTS[file] ?? [];
  const example = first ? `, such as ${first.code} (${first.title})` : '';
  return `must be a code from the 360Giving ${file.replace(/\.csv$/, '')} codelist${example}`;
}

function reasonFor(e: ErrorObject, path: string): string {
  const dateKind = columnForPath(path)?.dateKind;
  if (dateKind && e.keyword !== 'required') return dateReason(dateKind, e.data);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return GROUP_HINT[path] ?? 'is required';
    case 'type':
      return TYPE_REASON[String(params.type).split(',')[0]] ?? `must be ${String(params.type)}`;
    case 'enum':
      return enumReason(path, params.allowedValues as unknown[]);
    case 'format':
      return FORMAT_REASON[String(params.format)] ?? `must be in ${String(params.format)} format`;
    case 'minItems':
      return GROUP_HINT[path] ?? `must have at least ${String(params.limit)} item(s)`;
    case 'minimum':
      return `must be ${String(params.limit)} or more`;
    case 'pattern':
      return path === 'version' ? 'must be a version such as 1.4' : `must match the pattern ${String(params.pattern)}`;
    case 'codelist':
      return codelistReason(String(e.schema));
    default:
      return e.message ?? `fails the schema rule ${e.keyword}`;
  }
}

/**
 * The grant schema's root `oneOf` is two `required` lists, one with recipientOrganization and one
 * with recipientIndividual; ajv reports every branch. Report the branch closest to passing.
 */
function rootRequiredErrors(errors: ErrorObject[]): ErrorObject[] {
  const branches = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    const branch = /\/oneOf\/(\d+)\/required$/.exec(e.schemaPath)?.[1];
    if (branch !== undefined) branches.set(branch, [...(branches.get(branch) ?? []), e]);
  }
  return [...branches.values()].sort((a, b) => a.length - b.length)[0] ?? [];
}

function isRootBranchError(e: ErrorObject): boolean {
  return e.instancePath === '' && (e.keyword === 'oneOf' || /\/oneOf\/\d+\/required$/.test(e.schemaPath));
}

function bothRecipients(grant: unknown): SchemaError[] {
  const g = grant as Record<string, unknown> | null;
  if (!g || typeof g !== 'object' || g.recipientOrganization === undefined || g.recipientIndividual === undefined) return [];
  return [
    {
      path: 'recipientIndividual',
      title: titleForPath('recipientIndividual'),
      reason: 'give either Recipient Org or Recipient Ind, not both: a grant has one recipient',
      value: g.recipientIndividual,
    },
  ];
}

function describe(e: ErrorObject): SchemaError {
  const at = pointerToPath(e.instancePath);
  const missing = e.keyword === 'required' ? String((e.params as { missingProperty: string }).missingProperty) : null;
  const path = columnPathOf(missing === null ? at : at ? `${at}.${missing}` : missing);
  return { path, title: titleForPath(path), reason: reasonFor(e, path), value: missing === null ? e.data : null };
}

/** ajv errors of one grant (instance paths relative to the grant) → one plain error per field. */
export function describeGrantErrors(errors: ErrorObject[], grant: unknown): SchemaError[] {
  const rootRequired = rootRequiredErrors(errors.filter((e) => e.instancePath === ''));
  const described = [
    ...rootRequired.map(describe),
    ...errors.filter((e) => !isRootBranchError(e)).map(describe),
    ...bothRecipients(grant),
  ];
  const seen = new Set<string>();
  return described.filter((error) => !seen.has(error.path) && seen.add(error.path));
}
