/**
 * "Text that looks like an email address", as the 360Giving Data Quality Tool defines it
 * (lib360dataquality LooksLikeEmail: `[\w.-]+@[\w.-]+\.[\w.-]+`, Python's Unicode \w).
 */
const EMAIL_LIKE = String.raw`[\p{L}\p{N}\p{M}_.-]+@[\p{L}\p{N}\p{M}_.-]+\.[\p{L}\p{N}\p{M}_.-]+`;
const EMAIL_LIKE_RE = new RegExp(EMAIL_LIKE, 'u');
const EMAIL_LIKE_ALL_RE = new RegExp(EMAIL_LIKE, 'gu');

export const EMAIL_REDACTION = '[email address removed]';

export function looksLikeEmail(text: string): boolean {
  return EMAIL_LIKE_RE.test(text);
}

/** Personal contact details must not be published (UK GDPR); free text loses them on the way out. */
export function redactEmails(text: string): string {
  return text.replace(EMAIL_LIKE_ALL_RE, EMAIL_REDACTION);
}
