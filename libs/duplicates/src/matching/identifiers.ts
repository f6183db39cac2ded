import type { OrgIdentifiers } from '@app/common';

export type IdentifierComparison = { equal: string[]; conflicting: string[] };

/** One identifier: `scheme` says which values are comparable, `label` how evidence names it. */
type Identifier = { scheme: string; label: string; value: string };

/**
 * Compares two sets of normalised identifiers scheme by scheme (DOMAIN.md section 3): an equal
 * identifier is the same organisation; a different one in the same scheme is a different
 * organisation. Schemes one side lacks say nothing.
 */
export function compareIdentifiers(a: OrgIdentifiers, b: OrgIdentifiers): IdentifierComparison {
  const result: IdentifierComparison = { equal: [], conflicting: [] };
  const inB = new Map(identifiersOf(b).map((id) => [id.scheme, id.value]));
  for (const { scheme, label, value } of identifiersOf(a)) {
    const other = inB.get(scheme);
    if (other === undefined) continue;
    if (other === value) result.equal.push(`${label} ${value} on both`);
    else result.conflicting.push(`${label}s differ: ${value} vs ${other}`);
  }
  return result;
}

/** Identifier keys for blocking: records sharing one are always compared. */
export function identifierKeys(ids: OrgIdentifiers): string[] {
  return identifiersOf(ids).map((id) => `id:${id.scheme}:${id.value}`);
}

function identifiersOf(ids: OrgIdentifiers): Identifier[] {
  const out: Identifier[] = [];
  if (ids.charityNumber) {
    const scottish = ids.charityNumber.startsWith('SC');
    out.push({ scheme: scottish ? 'GB-SC' : 'GB-CHC', label: scottish ? 'Scottish charity number' : 'charity number', value: ids.charityNumber });
  }
  if (ids.companyNumber) out.push({ scheme: 'GB-COH', label: 'company number', value: ids.companyNumber });
  const scheme = ids.orgId ? orgIdScheme(ids.orgId) : null;
  if (ids.orgId && scheme) out.push({ scheme, label: 'org-id', value: ids.orgId });
  return out;
}

/**
 * The register an org-id belongs to ('GB-LAE-MIK' -> 'GB-LAE'), or null when it adds nothing:
 * GB-CHC and GB-COH ids are already read into the charity and company numbers. A '360G-' id is one
 * publisher's private label, so two different ones may name one organisation: each is its own
 * scheme, which makes equal ones match and different ones say nothing.
 */
function orgIdScheme(orgId: string): string | null {
  if (orgId.startsWith('360G-')) return orgId;
  const m = /^([A-Z]{2}-[A-Z0-9]+)-/.exec(orgId);
  if (!m || m[1] === 'GB-CHC' || m[1] === 'GB-COH') return null;
  return m[1];
}
