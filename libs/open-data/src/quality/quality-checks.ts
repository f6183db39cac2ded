import { addMonths, isCalendarDate } from '@app/common';
import { looksLikeEmail } from '../email-text.js';
import { hasRecognisedPrefix } from './recognised-prefixes.js';

/**
 * The 360Giving Data Quality Tool checks of DOMAIN.md section 5, re-implemented from
 * lib360dataquality/cove/threesixtygiving.py (ThreeSixtyGiving/dataquality, commit 783b746f).
 * `dqtTest` names the class there; `title` is its heading in plain words.
 */
export type QualitySeverity = 'critical' | 'quality' | 'usefulness';

export type QualityCheckSpec = { check: string; severity: QualitySeverity; title: string; dqtTest: string };

export const QUALITY_CHECKS = [
  { check: 'zero-amount', severity: 'critical', title: 'an amount awarded of £0', dqtTest: 'ZeroAmountTest' },
  { check: 'grant-id-line-break', severity: 'critical', title: 'a grant identifier containing a line break', dqtTest: 'GrantIdUnexpectedChars' },
  { check: 'org-id-line-break', severity: 'critical', title: 'a funder, recipient organisation or recipient individual identifier containing a line break', dqtTest: 'OrganizationIdUnexpectedChars' },
  { check: 'more-than-one-funder', severity: 'critical', title: 'more than one funding organisation identifier in one file (count = identifiers)', dqtTest: 'MoreThanOneFundingOrg' },
  { check: 'email-like-text', severity: 'critical', title: 'text that looks like an email address outside email fields', dqtTest: 'LooksLikeEmail' },
  { check: 'impossible-date', severity: 'critical', title: "dates that don't exist (e.g. 31 September)", dqtTest: 'ImpossibleDates' },
  { check: 'future-award-date', severity: 'critical', title: 'an award date in the future', dqtTest: 'PostDatedAwardDates' },
  { check: 'individual-with-diversity-data', severity: 'critical', title: 'a grant to an individual carrying DEI (project) information', dqtTest: 'RecipientIndDEI' },
  { check: 'individual-postcode-geocode', severity: 'critical', title: 'a grant to an individual with a beneficiary geographic code that looks like a postcode', dqtTest: 'GeoCodePostcode' },
  { check: 'funder-id-unrecognised-prefix', severity: 'quality', title: 'a funding organisation identifier not drawn from a recognised register (org-id.guide or 360G)', dqtTest: 'FundingOrgUnrecognisedPrefix' },
  { check: 'recipient-id-unrecognised-prefix', severity: 'quality', title: 'a recipient organisation identifier not drawn from a recognised register (org-id.guide or 360G)', dqtTest: 'RecipientOrgUnrecognisedPrefix' },
  { check: 'charity-number-format', severity: 'quality', title: "a recipient charity number that doesn't look like a UK charity number (6 or 7 digits)", dqtTest: 'RecipientOrgCharityNumber' },
  { check: 'company-number-format', severity: 'quality', title: "a recipient company number that doesn't look like a company number (8 characters)", dqtTest: 'RecipientOrgCompanyNumber' },
  { check: 'org-id-looks-invalid', severity: 'quality', title: 'a GB-CHC- or GB-COH- identifier whose number has the wrong format', dqtTest: 'OrganizationIdLooksInvalid' },
  { check: 'planned-start-after-end', severity: 'quality', title: 'a planned start date after the planned end date', dqtTest: 'PlannedStartDateBeforeEndDate' },
  { check: 'planned-dates-far-future', severity: 'quality', title: 'planned dates over 12 years in the future', dqtTest: 'FarFuturePlannedDates' },
  { check: 'dates-far-past', severity: 'quality', title: 'dates over 25 years ago', dqtTest: 'FarPastDates' },
  { check: 'funder-id-several-names', severity: 'quality', title: 'another funding organisation name for an existing funding organisation identifier', dqtTest: 'MultiFundingNamesForOrgId' },
  { check: 'funder-name-several-ids', severity: 'quality', title: 'another funding organisation identifier for an existing funding organisation name', dqtTest: 'MultiFundingOrgIdsForName' },
  { check: 'recipient-id-360g-prefix', severity: 'usefulness', title: "a recipient organisation identifier starting '360G-' (use a register id where one exists)", dqtTest: 'RecipientOrg360GPrefix' },
  { check: 'funder-id-360g-prefix', severity: 'usefulness', title: "a funding organisation identifier starting '360G-'", dqtTest: 'FundingOrg360GPrefix' },
  { check: 'no-charity-or-company-number', severity: 'usefulness', title: 'a recipient organisation with neither a charity nor a company number', dqtTest: 'NoRecipientOrgCompanyCharityNumber' },
  { check: 'no-recipient-postcode', severity: 'usefulness', title: 'a recipient organisation without a postcode or location geographic code', dqtTest: 'IncompleteRecipientOrg' },
  { check: 'no-grant-programme', severity: 'usefulness', title: 'no grant programme', dqtTest: 'NoGrantProgramme' },
  { check: 'no-beneficiary-location', severity: 'usefulness', title: 'no beneficiary location', dqtTest: 'NoBeneficiaryLocation' },
  { check: 'no-date-modified', severity: 'usefulness', title: 'no last modified date-time', dqtTest: 'NoLastModified' },
  { check: 'no-data-source', severity: 'usefulness', title: 'no data source', dqtTest: 'NoDataSource' },
  { check: 'title-equals-description', severity: 'usefulness', title: 'a title and a description that are the same', dqtTest: 'TitleDescriptionSame' },
  { check: 'title-too-long', severity: 'usefulness', title: 'a title longer than 140 characters', dqtTest: 'TitleLength' },
  { check: 'individual-without-details', severity: 'usefulness', title: 'a grant to an individual without To Individuals Details', dqtTest: 'RecipientIndWithoutToIndividualsDetails' },
  { check: 'no-planned-duration-or-dates', severity: 'usefulness', title: 'neither a planned duration nor planned start and end dates', dqtTest: 'PlannedDurationNotPresent' },
] as const satisfies readonly QualityCheckSpec[];

export type QualityCheckName = (typeof QUALITY_CHECKS)[number]['check'];

export type CheckContext = {
  /** Upper-case org-id list codes. */
  orgIdPrefixes: ReadonlySet<string>;
  asOf: string;
  /** asOf + 12 years: later planned dates are implausible. */
  farFuture: string;
  /** asOf - 25 years: earlier dates are implausible. */
  farPast: string;
};

export function checkContext(orgIdPrefixes: Iterable<string>, asOf: string): CheckContext {
  if (!isCalendarDate(asOf)) throw new RangeError(`asOf is not a calendar date (YYYY-MM-DD): ${asOf}`);
  return {
    orgIdPrefixes: new Set([...orgIdPrefixes].map((p) => p.toUpperCase())),
    asOf,
    farFuture: addMonths(asOf, 12 * 12),
    farPast: addMonths(asOf, -25 * 12),
  };
}

/** A grant as read: the checks also run on other publishers' files, so no field is trusted. */
export type LooseGrant = Record<string, unknown>;
type LooseObject = Record<string, unknown>;

function isObject(value: unknown): value is LooseObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objects(value: unknown): LooseObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** DQT treats '', null, [] and {} alike as "missing". */
function present(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === false) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value)) return Object.keys(value).length > 0;
  return true;
}

/**
 * What the checks read from one grant, worked out once: the organisations and the dates DQT
 * reads (awardDate and the first plannedDates / actualDates entry), each raw and as a calendar date.
 */
export type GrantView = {
  grant: LooseGrant;
  funders: LooseObject[];
  recipients: LooseObject[];
  toIndividual: boolean;
  planned: LooseObject | undefined;
  dates: { raw: string; date: string | null }[];
  awardDate: string | null;
  plannedStart: string | null;
  plannedEnd: string | null;
};

export function viewOf(grant: LooseGrant): GrantView {
  const planned = objects(grant.plannedDates)[0];
  const actual = objects(grant.actualDates)[0];
  const [award, start, end, ...actuals] = [grant.awardDate, planned?.startDate, planned?.endDate, actual?.startDate, actual?.endDate]
    .map(text)
    .map((raw) => ({ raw, date: calendarDate(raw) }));
  return {
    grant,
    funders: objects(grant.fundingOrganization),
    recipients: objects(grant.recipientOrganization),
    toIndividual: 'recipientIndividual' in grant,
    planned,
    dates: [award, start, end, ...actuals].filter((d) => d.raw !== ''),
    awardDate: award.date,
    plannedStart: start.date,
    plannedEnd: end.date,
  };
}

const hasLineBreak = (id: unknown) => /[\r\n]/.test(text(id));
const startsWith360G = (id: unknown) => text(id).toLowerCase().startsWith('360g');

/** UK charity number as DQT checks it: 6 or 7 digits, after up to two leading letters (SC, NI…). */
function looksLikeCharityNumber(value: string): boolean {
  return /^\d{6,7}$/.test(/^\p{L}{2}/u.test(value) ? value.slice(2) : value);
}

/** UK company number as DQT checks it: exactly 8 word characters (09876543, SC123459). */
function looksLikeCompanyNumber(value: string): boolean {
  return /^[\p{L}\p{N}_]{8}$/u.test(value);
}

/** A postcode, roughly (ideal-postcodes "simple" regex, as DQT uses, tolerating stray spaces). */
const POSTCODE_LIKE_RE = /^\s*[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\s*$/i;

const DATE_SHAPE_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/** The date part of 'YYYY-MM-DD' or of a date-time, as 'YYYY-MM-DD'; null when absent or impossible. */
function calendarDate(raw: string): string | null {
  const m = DATE_SHAPE_RE.exec(raw.split('T')[0]);
  if (!m) return null;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : null;
}

/** Shaped like a date but not one (2025-09-31, 2025-02-29); other formats are the schema's business. */
function isImpossibleDate({ raw, date }: { raw: string; date: string | null }): boolean {
  return date === null && DATE_SHAPE_RE.test(raw.split('T')[0]);
}

/** True when any string outside a key path mentioning "email" looks like an email address. */
function hasEmailLikeText(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('@') && looksLikeEmail(value);
  if (Array.isArray(value)) return value.some(hasEmailLikeText);
  if (isObject(value)) {
    for (const key in value) {
      if (!key.toLowerCase().includes('email') && hasEmailLikeText(value[key])) return true;
    }
  }
  return false;
}

function unrecognised(orgs: LooseObject[], ctx: CheckContext): boolean {
  return orgs.some((o) => text(o.id) !== '' && !hasRecognisedPrefix(text(o.id), ctx.orgIdPrefixes));
}

/** GB-CHC- and GB-COH- ids are checked as charity and company numbers (DQT OrganizationIdLooksInvalid). */
function registerIdLooksInvalid(org: LooseObject): boolean {
  const id = text(org.id);
  const scheme = id.slice(0, 7).toUpperCase();
  if (scheme === 'GB-CHC-') return !/^\d{6,7}$/.test(id.slice(7));
  if (scheme === 'GB-COH-') return !looksLikeCompanyNumber(id.slice(7));
  return false;
}

/** The checks that look at one grant at a time: true when the grant fails. */
export const GRANT_CHECKS: Partial<Record<QualityCheckName, (v: GrantView, ctx: CheckContext) => boolean>> = {
  'zero-amount': (v) => v.grant.amountAwarded === 0,
  'grant-id-line-break': (v) => hasLineBreak(v.grant.id),
  'org-id-line-break': ({ grant, funders, recipients }) =>
    [...funders, ...recipients].some((o) => hasLineBreak(o.id)) ||
    (isObject(grant.recipientIndividual) && hasLineBreak(grant.recipientIndividual.id)),
  'email-like-text': (v) => hasEmailLikeText(v.grant),
  'impossible-date': (v) => v.dates.some(isImpossibleDate),
  'future-award-date': (v, ctx) => v.awardDate !== null && v.awardDate > ctx.asOf,
  'individual-with-diversity-data': (v) => v.toIndividual && 'project' in v.grant,
  'individual-postcode-geocode': (v) =>
    v.toIndividual && objects(v.grant.beneficiaryLocation).some((l) => POSTCODE_LIKE_RE.test(text(l.geoCode))),
  'funder-id-unrecognised-prefix': (v, ctx) => unrecognised(v.funders, ctx),
  'recipient-id-unrecognised-prefix': (v, ctx) => unrecognised(v.recipients, ctx),
  'charity-number-format': (v) =>
    v.recipients.some((o) => o.charityNumber !== undefined && !looksLikeCharityNumber(String(o.charityNumber))),
  'company-number-format': (v) =>
    v.recipients.some((o) => o.companyNumber !== undefined && !looksLikeCompanyNumber(String(o.companyNumber))),
  'org-id-looks-invalid': (v) => v.funders.some(registerIdLooksInvalid) || v.recipients.some(registerIdLooksInvalid),
  'planned-start-after-end': (v) => v.plannedStart !== null && v.plannedEnd !== null && v.plannedStart > v.plannedEnd,
  'planned-dates-far-future': (v, ctx) =>
    (v.plannedStart !== null && v.plannedStart > ctx.farFuture) || (v.plannedEnd !== null && v.plannedEnd > ctx.farFuture),
  'dates-far-past': (v, ctx) => v.dates.some(({ date }) => date !== null && date < ctx.farPast),
  'recipient-id-360g-prefix': (v) => v.recipients.some((o) => startsWith360G(o.id)),
  'funder-id-360g-prefix': (v) => v.funders.some((o) => startsWith360G(o.id)),
  'no-charity-or-company-number': (v) => v.recipients.some((o) => !present(o.charityNumber) && !present(o.companyNumber)),
  'no-recipient-postcode': (v) =>
    v.recipients.some((o) => !present(o.postalCode) && !objects(o.location).some((l) => present(l.geoCode))),
  'no-grant-programme': (v) => !present(v.grant.grantProgramme),
  'no-beneficiary-location': (v) => !present(v.grant.beneficiaryLocation),
  'no-date-modified': (v) => !present(v.grant.dateModified),
  'no-data-source': (v) => !present(v.grant.dataSource),
  'title-equals-description': (v) => present(v.grant.title) && v.grant.title === v.grant.description,
  'title-too-long': (v) => text(v.grant.title).length > 140,
  'individual-without-details': (v) => v.toIndividual && !('toIndividualsDetails' in v.grant),
  'no-planned-duration-or-dates': ({ planned }) => {
    if (!planned) return true;
    const hasDuration = planned.duration !== undefined && planned.duration !== null;
    return !hasDuration && !(present(planned.startDate) && present(planned.endDate));
  },
};

/**
 * Funder consistency across the file: the first value seen for a key is its value, and a grant
 * naming a different one fails. Memory grows with the number of funders, not of grants.
 */
export function firstSeenMismatch(key: 'id' | 'name', other: 'id' | 'name') {
  const firstSeen = new Map<string, string>();
  return ({ funders }: GrantView): boolean => {
    let mismatch = false;
    for (const funder of funders) {
      const [k, v] = [text(funder[key]), text(funder[other])];
      const seen = firstSeen.get(k);
      if (seen === undefined) firstSeen.set(k, v);
      else if (seen !== v) mismatch = true;
    }
    return mismatch;
  };
}

/** The funding organisation ids in a grant, for "more than one funder in one file". */
export function funderIds({ funders }: GrantView): string[] {
  return funders.map((o) => text(o.id)).filter((id) => id !== '');
}
