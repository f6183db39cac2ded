import { normaliseIdentifiers, type OrgIdentifiers } from '@app/common';
import { prepareName, type PreparedName } from './name-similarity.js';
import { normalisePostcode, postcodeDistrict } from './postcode.js';
import type { OrgRecord } from './types.js';

/** An organisation with its identifiers, postcode and names normalised once. */
export type PreparedOrg = {
  record: OrgRecord;
  ids: OrgIdentifiers;
  postcode: string | null;
  district: string | null;
  /** The name, then the aliases. */
  names: PreparedName[];
};

// Records are compared many times each (every candidate pair); normalise each one once.
const cache = new WeakMap<OrgRecord, PreparedOrg>();

export function prepareOrganisation(record: OrgRecord): PreparedOrg {
  let prepared = cache.get(record);
  if (!prepared) {
    const postcode = normalisePostcode(record.postcode);
    prepared = {
      record,
      ids: normaliseIdentifiers(record),
      postcode,
      district: postcode ? postcodeDistrict(postcode) : null,
      names: [record.name, ...record.aliases].filter((n) => n.trim().length > 0).map(prepareName),
    };
    cache.set(record, prepared);
  }
  return prepared;
}
