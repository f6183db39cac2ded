import { normaliseIdentifiers, normaliseOrgId, poundsToPence } from '@app/common';
import { pathReader, type Grant360 } from '@app/giving360';
import { endDateOf, endFromDuration, startDateOf } from './periods.js';

/** One valid row, normalised for the database writer. */
export type ImportedGrant = {
  externalId: string;
  title: string;
  description: string | null;
  currency: string;
  amountAwardedPence: bigint;
  awardDate: string;
  plannedStartDate: string | null;
  plannedEndDate: string | null;
  programme: string | null;
  funder: { orgId: string; name: string; department: string | null };
  recipient: {
    kind: 'organisation' | 'individual';
    name: string;
    orgId: string | null;
    charityNumber: string | null;
    companyNumber: string | null;
    postcode: string | null;
  };
};

const READ = {
  id: pathReader('id'),
  title: pathReader('title'),
  description: pathReader('description'),
  currency: pathReader('currency'),
  plannedStart: pathReader('plannedDates[0].startDate'),
  plannedEnd: pathReader('plannedDates[0].endDate'),
  plannedDuration: pathReader('plannedDates[0].duration'),
  programmeTitle: pathReader('grantProgramme[0].title'),
  programmeCode: pathReader('grantProgramme[0].code'),
  funderId: pathReader('fundingOrganization[0].id'),
  funderName: pathReader('fundingOrganization[0].name'),
  funderDepartment: pathReader('fundingOrganization[0].department'),
  individualId: pathReader('recipientIndividual.id'),
  individualName: pathReader('recipientIndividual.name'),
  recipientId: pathReader('recipientOrganization[0].id'),
  recipientName: pathReader('recipientOrganization[0].name'),
  charityNumber: pathReader('recipientOrganization[0].charityNumber'),
  companyNumber: pathReader('recipientOrganization[0].companyNumber'),
  postcode: pathReader('recipientOrganization[0].postalCode'),
};

function text(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed ? trimmed : null;
}

function postcode(raw: string | null): string | null {
  return raw ? raw.toUpperCase().replace(/\s+/g, ' ') : null;
}

function recipientOf(grant: Grant360): ImportedGrant['recipient'] {
  if (grant.recipientIndividual && !grant.recipientOrganization) {
    return {
      kind: 'individual',
      name: text(READ.individualName(grant)) ?? '',
      orgId: text(READ.individualId(grant)),
      charityNumber: null,
      companyNumber: null,
      postcode: null,
    };
  }
  const ids = normaliseIdentifiers({
    orgId: text(READ.recipientId(grant)),
    charityNumber: text(READ.charityNumber(grant)),
    companyNumber: text(READ.companyNumber(grant)),
  });
  return { kind: 'organisation', name: text(READ.recipientName(grant)) ?? '', ...ids, postcode: postcode(text(READ.postcode(grant))) };
}

/**
 * A grant that validateRow accepted → the fields the database needs. Identifiers are normalised
 * (org-ids upper-case, charity numbers digits only, company numbers padded to 8, "N/A" → null); a
 * planned end missing beside a start and a whole-month duration is start + duration − 1 day.
 * Throws a RangeError on a grant that validateRow would refuse (no amount, no award date).
 */
export function toImportedGrant(grant: object): ImportedGrant {
  const g = grant as Grant360;
  const amount = g.amountAwarded;
  const awardDate = startDateOf(g.awardDate);
  if ((typeof amount !== 'number' && typeof amount !== 'string') || !awardDate) throw new RangeError(`grant ${String(g.id)} has no valid amount or award date`);
  const plannedStartDate = startDateOf(READ.plannedStart(g));
  return {
    externalId: text(READ.id(g)) ?? '',
    title: text(READ.title(g)) ?? '',
    description: text(READ.description(g)),
    currency: text(READ.currency(g)) ?? 'GBP',
    amountAwardedPence: poundsToPence(amount),
    awardDate,
    plannedStartDate,
    plannedEndDate: endDateOf(READ.plannedEnd(g)) ?? endFromDuration(plannedStartDate, READ.plannedDuration(g)),
    programme: text(READ.programmeTitle(g)) ?? text(READ.programmeCode(g)),
    funder: {
      orgId: normaliseOrgId(text(READ.funderId(g))) ?? '',
      name: text(READ.funderName(g)) ?? '',
      department: text(READ.funderDepartment(g)),
    },
    recipient: recipientOf(g),
  };
}
