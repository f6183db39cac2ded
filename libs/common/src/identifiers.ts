/**
 * Organisation identifiers, normalised so that the ways directorates write them compare equal
 * (DOMAIN.md section 3): charity numbers as digits only, company numbers upper-case and
 * zero-padded to 8, org-ids upper-case.
 */
export type OrgIdentifiers = { charityNumber: string | null; companyNumber: string | null; orgId: string | null };

const DUMMY_COMPANY_NUMBERS = new Set(['01234567', '12345678', '00000000']);

/** 'GB-CHC-1234567', ' 1234567 ', '1234567-1' -> '1234567'; '' -> null. */
export function normaliseCharityNumber(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  let s = String(raw).trim().toUpperCase();
  if (!s) return null;
  s = s.replace(/^GB-(CHC|SC|NIC)-/, '');
  if (/^SC\d+$/.test(s)) return s; // Scottish charities keep their SC prefix
  const digits = s.split(/[-/]/)[0].replace(/\D/g, '');
  return digits ? digits : null;
}

/** '5123456', '05123456', 'GB-COH-05123456', 'sc123456' -> '05123456' / 'SC123456'; dummies -> null. */
export function normaliseCompanyNumber(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  let s = String(raw).trim().toUpperCase().replace(/\s+/g, '');
  if (!s) return null;
  s = s.replace(/^GB-COH-/, '');
  if (!/^[A-Z]{0,2}\d+$/.test(s)) return null;
  const m = /^([A-Z]{0,2})(\d+)$/.exec(s)!;
  const padded = m[1] + m[2].padStart(8 - m[1].length, '0');
  if (padded.length !== 8 || DUMMY_COMPANY_NUMBERS.has(padded)) return null;
  return padded;
}

export function normaliseOrgId(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const s = String(raw).trim().toUpperCase().replace(/\s+/g, '');
  return s ? s : null;
}

/** Registered identifiers implied by an org-id (GB-CHC-…, GB-COH-…), merged with explicit ones. */
export function normaliseIdentifiers(input: {
  charityNumber?: string | null;
  companyNumber?: string | null;
  orgId?: string | null;
}): OrgIdentifiers {
  const orgId = normaliseOrgId(input.orgId);
  let charityNumber = normaliseCharityNumber(input.charityNumber);
  let companyNumber = normaliseCompanyNumber(input.companyNumber);
  if (orgId?.startsWith('GB-CHC-') && !charityNumber) charityNumber = normaliseCharityNumber(orgId);
  if (orgId?.startsWith('GB-COH-') && !companyNumber) companyNumber = normaliseCompanyNumber(orgId);
  return { charityNumber, companyNumber, orgId };
}

/** The best org-id for publishing: the one recorded, else one built from a register number. */
export function preferredOrgId(ids: OrgIdentifiers): string | null {
  if (ids.orgId && !ids.orgId.startsWith('360G-')) return ids.orgId;
  if (ids.charityNumber && /^\d{6,7}$/.test(ids.charityNumber)) return `GB-CHC-${ids.charityNumber}`;
  if (ids.companyNumber) return `GB-COH-${ids.companyNumber}`;
  return ids.orgId;
}
