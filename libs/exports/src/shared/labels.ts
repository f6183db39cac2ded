/** Words for the codes the API uses, as a finance officer reads them in a spreadsheet. */
export const KIND_LABEL: Record<string, string> = { grant: 'Grant', contract: 'Contract', in_kind: 'In kind' };
export const STATUS_LABEL: Record<string, string> = { draft: 'Draft', awarded: 'Awarded', published: 'Published', ended: 'Ended' };
export const RECIPIENT_TYPE_LABEL: Record<string, string> = {
  charity: 'Charity',
  company: 'Company',
  cic: 'Community interest company',
  community_group: 'Community group',
  public_body: 'Public body',
  individual: 'Individual',
};
export const FINDING_LABEL: Record<string, string> = { pass: 'Pass', warn: 'Warn', fail: 'Fail', not_applicable: 'Not applicable' };

/** Duplicate-funding flag severities and review statuses (DOMAIN.md 3). */
export const FLAG_LABEL: Record<string, string> = {
  high: 'High', medium: 'Medium', low: 'Low', open: 'Open', justified: 'Justified', confirmed: 'Confirmed', resolved: 'Resolved',
};

export const label = (labels: Record<string, string>, code: string | null): string | null => (code === null ? null : labels[code] ?? code);
