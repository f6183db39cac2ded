import { checkAward, worstStatus, type CompactProfile, type ComplianceAward } from '@app/compliance';
import type { ImportedGrant } from './parsing/index.js';
import type { OrgRow } from './recipient-matcher.js';

/**
 * The compliance status a new award from a file has, as the compliance hook will find it: the
 * import writes it with the award, so that the hook finds the row already right and does not
 * rewrite a million awards to set it. A new imported award is a grant, awarded, with no payments,
 * costs, reporting frequency, ending or justifications. (Should the profile change meanwhile, the
 * hook corrects the status: this is a prediction, the hook's check is the record.)
 */
export function importedAwardStatus(grant: ImportedGrant, directorateId: string, recipient: OrgRow, profile: CompactProfile): string {
  const award: ComplianceAward = {
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
  return worstStatus(checkAward(award, profile));
}
