/**
 * Which origins may receive the token, and the URLs built from one.
 * HTTPS anywhere; plain http only on the loopback hosts the sandbox uses.
 */
export const DEFAULT_ORIGIN = 'https://app.opentrain.ai';
export const API_PREFIX = '/api/public/v1';

/**
 * Plain http is allowed on these. `[::1]` is not: browsers cannot grant it as an optional host
 * permission (match patterns have no IPv6 literal form that both accept), so it is refused
 * with a message instead of being accepted and never permitted.
 */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1']);

/** Why an address cannot be used; the options page words it (origin.* in locales/*.yml). */
export type OriginProblem = 'not_url' | 'credentials' | 'plain_http' | 'not_https' | 'ipv6_loopback';
export type OriginCheck = { ok: true; origin: string } | { ok: false; reason: OriginProblem };

/** Normalises what a reviewer typed into an origin, or says why it cannot be used. */
export function checkOrigin(input: string): OriginCheck {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'not_url' };
  }
  if (url.username || url.password) {
    return { ok: false, reason: 'credentials' };
  }
  if (url.hostname === '[::1]') {
    return { ok: false, reason: 'ipv6_loopback' };
  }
  if (url.protocol === 'https:') return { ok: true, origin: url.origin };
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return { ok: true, origin: url.origin };
  if (url.protocol === 'http:') return { ok: false, reason: 'plain_http' };
  return { ok: false, reason: 'not_https' };
}

/**
 * The URL of an API path, or null when a segment of it is empty, `.` or `..`: an id from an
 * answer (a contract id, say) could otherwise move the request to another route.
 */
export function apiUrl(
  origin: string,
  path: string,
  query?: Record<string, string | number | undefined>,
): string | null {
  const segments = path.split('/').slice(1);
  if (segments.some((segment) => ['', '.', '..'].includes(decodeURIComponent(segment)))) return null;
  const url = new URL(API_PREFIX + path, origin);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

/** Approval ids are opaque; accept what can safely sit in one path segment. */
const APPROVAL_ID = /^[A-Za-z0-9_-]{1,128}$/;

export function isApprovalId(value: string): boolean {
  return APPROVAL_ID.test(value);
}

/** The page a reviewer confirms an approval on, always on the configured origin. */
export function approvalPageUrl(origin: string, approvalId: string): string {
  return `${origin}/approvals/${encodeURIComponent(approvalId)}`;
}

/** The app's page where a reviewer creates API tokens (Settings → API keys), on the configured origin. */
export function apiKeysPageUrl(origin: string): string {
  return `${origin}/employer-settings?tab=api-keys`;
}

/**
 * The approval id in an `/approvals/{id}` link, accepted only on the configured origin.
 * A bare id is accepted too, so a reviewer can paste either.
 */
export function approvalIdFromLink(input: string, origin: string): string | null {
  const text = input.trim();
  if (isApprovalId(text)) return text;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  return approvalIdFromPath(url.pathname);
}

export function approvalIdFromPath(pathname: string): string | null {
  const match = /^\/approvals\/([^/?#]+)\/?$/.exec(pathname);
  if (!match?.[1]) return null;
  const id = decodeURIComponent(match[1]);
  return isApprovalId(id) ? id : null;
}
