/** UK postcode shape once spaces are removed: outward code (area + district) then inward code. */
const POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/;

/** 'mk93xs' / ' MK9  3XS ' -> 'MK9 3XS' (upper-case, one space before the last three characters); not a postcode -> null. */
export function normalisePostcode(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const m = POSTCODE.exec(raw.toUpperCase().replace(/[^A-Z0-9]/g, ''));
  return m ? `${m[1]} ${m[2]}` : null;
}

/** The outward code of a normalised postcode: 'MK9 3XS' -> 'MK9'. */
export function postcodeDistrict(postcode: string): string {
  return postcode.split(' ')[0];
}
