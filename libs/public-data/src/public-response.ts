import { createHash } from 'node:crypto';

/** What the API sends for a public read: the controller copies it onto the HTTP response. */
export type PublicResponse = { status: 200 | 304 | 400; headers: Record<string, string>; body: string };

/** What a public read needs from the HTTP request. */
export type PublicRequest = {
  /** scheme and host the client used, e.g. https://funding.example.gov.uk (no trailing slash) */
  baseUrl: string;
  ifNoneMatch?: string;
};

/** Browsers and shared caches may keep a public answer for a minute, then revalidate with the ETag. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60';

/**
 * ETags also change every five minutes whatever the data version says: a bound on staleness for the
 * rare change the version cannot see (PublicCache explains), at the cost of one full answer per
 * client every five minutes.
 */
const ETAG_PERIOD_MS = 5 * 60_000;

/** A weak ETag over the data version and everything else the answer depends on. */
export function weakEtag(version: string, parts: unknown[], now = Date.now()): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([version, Math.floor(now / ETAG_PERIOD_MS), ...parts]))
    .digest('base64url')
    .slice(0, 27);
  return `W/"${digest}"`;
}

/** If-None-Match compares weakly (RFC 9110 13.1.2): W/"x" matches "x"; `*` matches anything. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || opaque(t) === opaque(etag));
}

export function notModified(headers: Record<string, string>): PublicResponse {
  return { status: 304, headers, body: '' };
}

/** Only a plain host name (and port) is trusted as the base of published URLs; anything else falls back. */
export function safeBaseUrl(protocol: string | undefined, host: string | undefined): string {
  const scheme = protocol === 'https' ? 'https' : 'http';
  return host && /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host) ? `${scheme}://${host}` : 'http://localhost';
}
