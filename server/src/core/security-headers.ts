/**
 * Security headers, computed once at start (helmet rebuilt them on every request, a measurable
 * share of a small route's cost). The CSP allows only same-origin scripts and connections;
 * inline styles are needed by Ant Design's CSS-in-JS.
 *
 * `https` (Config['https']): the platform is reached over HTTPS. Only then are
 * `upgrade-insecure-requests` and HSTS sent: over plain HTTP (phones on a LAN address) the first
 * makes the browser fetch every script from https://, which nobody answers: a blank page.
 */
export function securityHeaders(opts: { https: boolean }): Record<string, string> {
  const csp = [
    "default-src 'self'",
    "base-uri 'self'",
    "font-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'self'",
    "img-src 'self' data: blob:",
    "object-src 'none'",
    "script-src 'self'",
    "script-src-attr 'none'",
    "style-src 'self' 'unsafe-inline'",
    "connect-src 'self'",
    ...(opts.https ? ['upgrade-insecure-requests'] : []),
  ].join(';');
  return {
    'content-security-policy': csp,
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-dns-prefetch-control': 'off',
    'x-download-options': 'noopen',
    'x-frame-options': 'SAMEORIGIN',
    'x-permitted-cross-domain-policies': 'none',
    'x-xss-protection': '0',
    // Browsers ignore COOP on a plain-HTTP origin other than localhost, and say so in the console.
    ...(opts.https ? { 'cross-origin-opener-policy': 'same-origin' } : {}),
    ...(opts.https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}
