import type { ComplianceAward } from '@app/compliance';
import type { ImportedGrant } from './parsing/index.js';
import type { OrgRow } from './recipient-matcher.js';

/**
 * A new award from a file as the compliance rules read it (ComplianceRecorder.checkNewAwards): a
 * grant, awarded, with no payments, costs, reporting frequency, ending or justifications: what
 * loadAwards would read back once it is written.
 */
export function importedAward(grant: ImportedGrant, directorateId: string, recipient: OrgRow): ComplianceAward {
  return {
    kind: 'grant',
    status: 'awarded',
    title: grant.title,
    description: grant.description,
    programme: grant.programme,
    directorateId,
    amountAwardedPence: grant.amountAwardedPence,
    awardDate: grant.awardDate,
    plannedStartDate: grant.plannedStartDate,
    plannedEndDate: grant.plannedEndDate,
    recipient: { name: recipient.name, type: recipient.type, charityNumber: recipient.charity_number, companyNumber: recipient.company_number },
    payments: [],
    costs: { directCostPence: null, overheadCostPence: null, overheadFundedPence: null },
    reportingFrequency: null,
    ending: null,
    justifications: { arrearsPayment: null, singleYear: null, monitoring: null },
  };
}
