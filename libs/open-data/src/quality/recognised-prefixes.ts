import { ORG_ID_LIST_CODES } from '../org-id-prefixes.js';

/**
 * The prefixes the 360Giving Data Quality Tool recognises: every org-id.guide list code plus '360G'
 * (lib360dataquality: `orgids_prefixes = get_orgids_prefixes(); orgids_prefixes.append("360G")`).
 */
export function defaultOrgIdPrefixes(): Set<string> {
  return new Set([...ORG_ID_LIST_CODES, '360G']);
}

/**
 * True when the id starts with a recognised list code followed by '-' and something more
 * ('GB-CHC-1234567', '360G-mkcouncil-ORG-1'). Case-insensitive, as the Data Quality Tool is;
 * `prefixes` must hold upper-case codes. Checks only the id's leading segments, not every code.
 */
export function hasRecognisedPrefix(id: string, prefixes: ReadonlySet<string>): boolean {
  const segments = id.toUpperCase().split('-');
  let candidate = '';
  for (let i = 0; i < segments.length - 1; i++) {
    candidate = i === 0 ? segments[0] : `${candidate}-${segments[i]}`;
    if (prefixes.has(candidate) && segments.slice(i + 1).join('-') !== '') return true;
  }
  return false;
}
