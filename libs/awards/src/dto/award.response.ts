import { penceToPounds, poundsToPence } from '@app/common';
import { Award, AwardOutcome, AwardPayment } from '../award.entity.js';

const money = (p: bigint | null) => (p === null ? null : penceToPounds(p));
/** numeric columns come back as strings ("0.2500"): numbers for fractions and quantities. */
const num = (s: string) => Number(s);

export const toPaymentResponse = (p: AwardPayment) => ({ dueDate: p.dueDate, amount: penceToPounds(p.amountPence), paidDate: p.paidDate });

export const toOutcomeResponse = (o: AwardOutcome) => ({
  description: o.description,
  indicator: o.indicator,
  quantity: num(o.quantity),
  financialProxy: penceToPounds(poundsToPence(o.financialProxy)),
  proxySource: o.proxySource,
  deadweight: num(o.deadweight),
  displacement: num(o.displacement),
  attribution: num(o.attribution),
  dropOff: num(o.dropOff),
  durationYears: o.durationYears,
});

/** The list row: the award without its schedules. */
export function toAwardSummary(a: Award) {
  return {
    id: a.id,
    externalId: a.externalId,
    kind: a.kind,
    title: a.title,
    directorateId: a.directorateId,
    directorateName: a.directorate?.name ?? null,
    funderId: a.directorate?.funderId ?? null,
    funderName: a.directorate?.funder?.name ?? null,
    recipientOrganisationId: a.recipientOrganisationId,
    recipientName: a.recipient?.name ?? null,
    programme: a.programme,
    amountAwarded: penceToPounds(a.amountAwardedPence),
    currency: a.currency,
    awardDate: a.awardDate,
    plannedStartDate: a.plannedStartDate,
    plannedEndDate: a.plannedEndDate,
    status: a.status,
    complianceStatus: a.complianceStatus ?? null,
    version: a.version,
    updatedAt: a.updatedAt.toISOString(),
  };
}
export type AwardSummary = ReturnType<typeof toAwardSummary>;

/** The whole award, in the shape it is written (CONTRACT.md "Award fields"). */
export function toAwardResponse(a: Award) {
  const byPosition = <T extends { position: number }>(xs: T[] | undefined) => [...(xs ?? [])].sort((x, y) => x.position - y.position);
  const ending =
    a.endingNoticeDate || a.endingEffectiveDate || a.endingReason
      ? { noticeDate: a.endingNoticeDate, effectiveDate: a.endingEffectiveDate, reason: a.endingReason }
      : null;
  return {
    ...toAwardSummary(a),
    description: a.description,
    payments: byPosition(a.payments).map(toPaymentResponse),
    costs: { directCost: money(a.directCostPence), overheadCost: money(a.overheadCostPence), overheadFunded: money(a.overheadFundedPence) },
    monitoring: { reportingFrequency: a.reportingFrequency },
    ending,
    justifications: {
      arrearsPayment: a.justificationArrearsPayment,
      singleYear: a.justificationSingleYear,
      monitoring: a.justificationMonitoring,
    },
    outcomes: byPosition(a.outcomes).map(toOutcomeResponse),
    publishedAt: a.publishedAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
  };
}
export type AwardResponse = ReturnType<typeof toAwardResponse>;
