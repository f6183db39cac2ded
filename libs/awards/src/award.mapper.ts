import { ErrorDetail, formatPounds, poundsToPence } from '@app/common';
import { Award, AwardOutcome, AwardPayment } from './award.entity.js';
import { CreateAwardDto, OutcomeDto, PaymentDto, UpdateAwardDto } from './dto/award.dto.js';

type AwardInput = Partial<CreateAwardDto> | UpdateAwardDto;
const pence = (v: string | number | null | undefined) => (v === null || v === undefined ? null : poundsToPence(v));

/** Copies what the request sends onto the award; absent fields keep their value, null clears. */
export function applyAwardInput(a: Award, dto: AwardInput): void {
  const set = <K extends keyof Award>(key: K, value: Award[K] | undefined) => {
    if (value !== undefined) a[key] = value;
  };
  set('kind', dto.kind);
  set('title', dto.title);
  set('description', dto.description);
  set('directorateId', dto.directorateId);
  set('recipientOrganisationId', dto.recipientOrganisationId);
  set('programme', dto.programme);
  if (dto.amountAwarded !== undefined) a.amountAwardedPence = poundsToPence(dto.amountAwarded);
  set('currency', dto.currency);
  set('awardDate', dto.awardDate);
  set('plannedStartDate', dto.plannedStartDate);
  set('plannedEndDate', dto.plannedEndDate);
  set('status', dto.status);
  if (dto.costs) {
    if (dto.costs.directCost !== undefined) a.directCostPence = pence(dto.costs.directCost);
    if (dto.costs.overheadCost !== undefined) a.overheadCostPence = pence(dto.costs.overheadCost);
    if (dto.costs.overheadFunded !== undefined) a.overheadFundedPence = pence(dto.costs.overheadFunded);
  }
  if (dto.monitoring) set('reportingFrequency', dto.monitoring.reportingFrequency);
  if (dto.ending === null) {
    a.endingNoticeDate = a.endingEffectiveDate = a.endingReason = null;
  } else if (dto.ending) {
    set('endingNoticeDate', dto.ending.noticeDate);
    set('endingEffectiveDate', dto.ending.effectiveDate);
    set('endingReason', dto.ending.reason);
  }
  if (dto.justifications) {
    set('justificationArrearsPayment', dto.justifications.arrearsPayment);
    set('justificationSingleYear', dto.justifications.singleYear);
    set('justificationMonitoring', dto.justifications.monitoring);
  }
}

export const toPaymentRows = (payments: PaymentDto[]): Partial<AwardPayment>[] =>
  payments.map((p, i) => ({ position: i, dueDate: p.dueDate, amountPence: poundsToPence(p.amount), paidDate: p.paidDate ?? null }));

export const toOutcomeRows = (outcomes: OutcomeDto[]): Partial<AwardOutcome>[] =>
  outcomes.map((o, i) => ({
    position: i,
    description: o.description,
    indicator: o.indicator,
    quantity: String(o.quantity),
    financialProxy: String(o.financialProxy),
    proxySource: o.proxySource,
    deadweight: String(o.deadweight),
    displacement: String(o.displacement),
    attribution: String(o.attribution),
    dropOff: String(o.dropOff),
    durationYears: o.durationYears,
  }));

/** Rules across fields, checked on the award as it will be saved. */
export function awardInvariantErrors(a: Award, payments: { amountPence: bigint }[]): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  if (a.plannedStartDate && a.plannedEndDate && a.plannedEndDate < a.plannedStartDate)
    errors.push({ field: 'plannedEndDate', reason: `must be on or after the planned start date (${a.plannedStartDate})` });
  const scheduled = payments.reduce((s, p) => s + p.amountPence, 0n);
  if (scheduled > a.amountAwardedPence)
    errors.push({
      field: 'payments',
      reason: `add up to ${formatPounds(scheduled)}, more than the amount awarded (${formatPounds(a.amountAwardedPence)}): correct the instalments or the amount`,
    });
  if (a.endingNoticeDate && a.endingEffectiveDate && a.endingEffectiveDate < a.endingNoticeDate)
    errors.push({ field: 'ending.effectiveDate', reason: `must be on or after the notice date (${a.endingNoticeDate})` });
  return errors;
}
