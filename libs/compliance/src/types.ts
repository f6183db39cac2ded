/** What the rules read from an award; the lead maps the entity (and its recipient) onto this. */
export type ComplianceAward = {
  kind: 'grant' | 'contract' | 'in_kind';
  status: 'draft' | 'awarded' | 'published' | 'ended';
  title: string | null;
  description: string | null;
  programme: string | null;
  directorateId: string | null;
  amountAwardedPence: bigint;
  awardDate: string | null;
  plannedStartDate: string | null;
  plannedEndDate: string | null;
  recipient: { name: string; type: string | null; charityNumber: string | null; companyNumber: string | null } | null;
  payments: CompliancePayment[];
  costs: { directCostPence: bigint | null; overheadCostPence: bigint | null; overheadFundedPence: bigint | null };
  reportingFrequency: ReportingFrequency | null;
  ending: { noticeDate: string | null; effectiveDate: string | null; reason: string | null } | null;
  justifications: { arrearsPayment: string | null; singleYear: string | null; monitoring: string | null };
};

export type CompliancePayment = { dueDate: string; amountPence: bigint; paidDate: string | null };
export type ReportingFrequency = 'monthly' | 'quarterly' | 'six_monthly' | 'annual' | 'end_only';

export type ComplianceConsultation = { title: string; startDate: string; endDate: string; rationale: string | null };

export type CheckOptions = {
  /** PAY-1 also counts unpaid payments overdue on this date (YYYY-MM-DD); omitted, only paid payments can be late. */
  asOf?: string;
};
