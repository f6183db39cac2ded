/**
 * UK postcodes: outward code (the postcode district, e.g. MK9) + inward code (sector digit and unit, e.g. 3EJ).
 * Shape per the Royal Mail format: A9, A99, AA9, AA99, A9A, AA9A outward codes.
 */
const FULL_POSTCODE_RE = /^([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})$/;
const DISTRICT_RE = /^[A-Z]{1,2}\d[A-Z\d]?$/;

function compact(raw: string): string {
  return raw.toUpperCase().replace(/\s+/g, '');
}

/** ' mk93ej ' -> 'MK9 3EJ'; text that is not a postcode comes back trimmed and upper-cased; '' -> null. */
export function formatPostcode(raw: string | null | undefined): string | null {
  if (!raw || !raw.trim()) return null;
  const m = FULL_POSTCODE_RE.exec(compact(raw));
  return m ? `${m[1]} ${m[2]}` : raw.trim().toUpperCase();
}

/** The postcode district (outward code): 'MK9 3EJ' -> 'MK9', 'MK9' -> 'MK9'; null when not a postcode. */
export function postcodeDistrict(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const s = compact(raw);
  const m = FULL_POSTCODE_RE.exec(s);
  if (m) return m[1];
  return DISTRICT_RE.test(s) ? s : null;
}
