import { createHash } from 'node:crypto';
import { addDays, addMonths, daysBetween, isCalendarDate, normaliseIdentifiers, penceToPounds } from '@app/common';
import { redactEmails } from './email-text.js';
import type { Classification360, PublishedGrant, Location360, Organisation360, PlannedDates360, ToIndividualsDetails360 } from './grant.types.js';
import { UNSPECIFIED_PURPOSE } from './individuals-codelists.js';
import { formatPostcode, postcodeDistrict } from './postcodes.js';
import type { AwardKind, PublishableAward, PublishSettings } from './publishable-award.js';

/** The generic name the 360Giving standard gives every individual recipient. */
export const INDIVIDUAL_RECIPIENT_NAME = 'Individual Recipient';

const KIND_LABEL: Record<AwardKind, string> = { grant: 'Grant', contract: 'Contract', in_kind: 'In-kind support' };

/**
 * DOMAIN.md 5: in-kind support and contracts carry a Funding Type entry. 360Giving 1.4.3 has
 * `fundingType` (an array of Classification) but no codelist for it, so the vocabulary is the
 * installation's own ('<prefix>-award-kind'). Plain grants carry none.
 */
const FUNDING_TYPE: Partial<Record<AwardKind, Omit<Classification360, 'vocabulary'>>> = {
  contract: { code: 'contract', title: 'Contract', description: 'Payment under a contract for services' },
  in_kind: {
    code: 'in_kind',
    title: 'In-kind support',
    description: 'Non-cash support (premises, equipment, staff time), published at its valued amount',
  },
};

/** A published award as a 360Giving 1.4.3 grant (DOMAIN.md section 5). */
export function toGrant(award: PublishableAward, settings: PublishSettings): PublishedGrant {
  const prefix = settings.idPrefix.trim().replace(/-+$/, '');
  const individual = award.recipient.type === 'individual';
  const { title, description } = individual ? individualTexts(award) : organisationTexts(award);
  const kindType = FUNDING_TYPE[award.kind];
  return withoutEmpty({
    id: grantId(award, prefix),
    title,
    description,
    currency: award.currency.trim().toUpperCase(),
    amountAwarded: Number(penceToPounds(award.amountAwardedPence)),
    awardDate: award.awardDate,
    plannedDates: plannedDates(award.plannedStartDate, award.plannedEndDate),
    recipientOrganization: individual ? undefined : [recipientOrganisation(award.recipient, prefix)],
    recipientIndividual: individual
      ? { id: anonymousIndividualId(award.recipient.id, prefix), name: INDIVIDUAL_RECIPIENT_NAME }
      : undefined,
    toIndividualsDetails: individual ? toIndividualsDetails(award.toIndividuals) : undefined,
    beneficiaryLocation: beneficiaryLocation(award.recipient.postcode),
    fundingOrganization: [
      {
        id: award.funder.orgId.replace(/\s+/g, ''),
        name: publicText(award.funder.name),
        department: publicText(award.directorate.name),
      },
    ],
    grantProgramme: award.programme?.trim() ? [{ title: publicText(award.programme) }] : undefined,
    fundingType: kindType ? [{ vocabulary: `${prefix}-award-kind`, ...kindType }] : undefined,
    dateModified: award.updatedAt.toISOString(),
    dataSource: settings.dataSource.trim() || undefined,
  }) as PublishedGrant;
}

/** `<prefix>-<externalId or our id>`; an external id that already is a 360Giving id is kept. Never a line break. */
function grantId(award: PublishableAward, prefix: string): string {
  const ref = oneLine(award.externalId ?? '') || oneLine(award.id);
  return /^360G-/i.test(ref) ? ref : `${prefix}-${ref}`;
}

function oneLine(id: string): string {
  return id.replace(/\s*[\r\n]+\s*/g, '').trim();
}

/** Free text leaves the system trimmed and without e-mail addresses (a critical Data Quality Tool check). */
function publicText(text: string): string {
  return redactEmails(text.trim());
}

function organisationTexts(award: PublishableAward): { title: string; description: string } {
  const title = publicText(award.title);
  const recorded = award.description ? publicText(award.description) : '';
  const description = recorded && !sameText(recorded, title) ? recorded : derivedDescription(award, award.recipient.name, title);
  return { title, description };
}

/**
 * Titles and descriptions typed by staff often name the person helped, so for individuals
 * both are generated from the programme and funder and the recorded text is not published.
 */
function individualTexts(award: PublishableAward): { title: string; description: string } {
  const programme = award.programme?.trim();
  const title = `${KIND_LABEL[award.kind]} to an individual${programme ? `: ${publicText(programme)}` : ''}`;
  return { title, description: derivedDescription(award, 'an individual recipient', title) };
}

/** "Grant from <directorate> (<funder>) to <recipient> for <programme>": never equal to the title. */
function derivedDescription(award: PublishableAward, recipientName: string, title: string): string {
  const programme = award.programme?.trim();
  const text = publicText(
    `${KIND_LABEL[award.kind]} from ${award.directorate.name.trim()} (${award.funder.name.trim()}) to ${recipientName.trim()}` +
      (programme ? ` for ${programme}` : ''),
  );
  return sameText(text, title) ? `${text}, awarded ${award.awardDate}` : text;
}

function sameText(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function plannedDates(start: string | null, end: string | null): PlannedDates360[] | undefined {
  if (!start && !end) return undefined;
  const duration = start && end ? durationMonths(start, end) : null;
  return [withoutEmpty({ startDate: start ?? undefined, endDate: end ?? undefined, duration: duration ?? undefined })];
}

/**
 * Calendar months from start to end inclusive, to one decimal place:
 * 2025-04-01..2028-03-31 = 36, 2025-04-01..2025-04-15 = 0.5. Null when the dates are unusable.
 */
export function durationMonths(start: string, end: string): number | null {
  if (!isCalendarDate(start) || !isCalendarDate(end) || end < start) return null;
  const endExclusive = addDays(end, 1);
  const [sy, sm] = start.split('-').map(Number);
  const [ey, em] = endExclusive.split('-').map(Number);
  let whole = (ey - sy) * 12 + (em - sm);
  if (addMonths(start, whole) > endExclusive) whole -= 1;
  const monthStart = addMonths(start, whole);
  const fraction = daysBetween(monthStart, endExclusive) / daysBetween(monthStart, addMonths(start, whole + 1));
  return Math.round((whole + fraction) * 10) / 10;
}

/**
 * Recipient org-id: a register id built from the charity or company number, else the org-id
 * recorded for it, else the installation's own `<prefix>-ORG-<our id>` (DOMAIN.md 5).
 */
function recipientOrganisation(recipient: PublishableAward['recipient'], prefix: string): Organisation360 {
  const ids = normaliseIdentifiers(recipient);
  return withoutEmpty({
    id: registerOrgId(ids.charityNumber, ids.companyNumber) ?? ids.orgId ?? `${prefix}-ORG-${oneLine(recipient.id)}`,
    name: publicText(recipient.name),
    charityNumber: ids.charityNumber ?? undefined,
    companyNumber: ids.companyNumber ?? undefined,
    postalCode: formatPostcode(recipient.postcode) ?? undefined,
  }) as Organisation360;
}

function registerOrgId(charityNumber: string | null, companyNumber: string | null): string | null {
  if (charityNumber && /^\d{6,7}$/.test(charityNumber)) return `GB-CHC-${charityNumber}`; // England and Wales
  if (charityNumber && /^SC\d{6}$/.test(charityNumber)) return `GB-SC-${charityNumber}`; // OSCR, Scotland
  if (companyNumber) return `GB-COH-${companyNumber}`;
  return null;
}

/** Stable and anonymous: the same person gets the same id in every file, and the id reveals nothing. */
function anonymousIndividualId(recipientId: string, prefix: string): string {
  const digest = createHash('sha256').update(`${prefix}:${recipientId}`).digest('hex').slice(0, 16);
  return `${prefix}-IND-${digest}`;
}

function toIndividualsDetails(details: PublishableAward['toIndividuals']): ToIndividualsDetails360 {
  const purposes = details?.grantPurpose?.length ? [...new Set(details.grantPurpose)] : [UNSPECIFIED_PURPOSE];
  return withoutEmpty({
    primaryGrantReason: details?.primaryGrantReason ?? undefined,
    secondaryGrantReason: details?.secondaryGrantReason ?? undefined,
    grantPurpose: purposes,
  });
}

/**
 * Only the postcode district, as a name and never as a geoCode: a full postcode would identify an
 * individual (Data Quality Tool critical check), and a district is no ONS gazetteer code.
 */
function beneficiaryLocation(postcode: string | null): Location360[] | undefined {
  const district = postcodeDistrict(postcode);
  return district ? [{ name: district, countryCode: 'GB' }] : undefined;
}

/** Drops undefined, null and '' so optional 360Giving fields are omitted rather than null. */
function withoutEmpty<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null && v !== '')) as T;
}
