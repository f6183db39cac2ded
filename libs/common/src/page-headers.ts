/** The headers a staff page and its files are sent with (console, queue dashboard): its policy, no sniffing, never framed. */
export function securePageHeaders(contentType: string | null, cacheControl: string, contentSecurityPolicy: string): Record<string, string> {
  return {
    ...(contentType ? { 'Content-Type': contentType } : {}),
    'Cache-Control': cacheControl,
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  };
}
