/**
 * Expiry maths. The server flips an approval to expired only when it is next read, so
 * the client decides from `expiresAt`, corrected by the server's clock offset
 * (serverTime - localTime, from the `Date` header).
 */
import { HOUR } from './time';

export const AMBER_WITHIN_MS = 6 * HOUR;
export const RED_WITHIN_MS = 1 * HOUR;

export type Urgency = 'normal' | 'amber' | 'red' | 'expired' | 'unknown';

/** Milliseconds until `expiresAt` as the server counts them; NaN when the date is unreadable. */
export function msUntilExpiry(expiresAt: string, nowMs: number, serverOffsetMs = 0): number {
  return Date.parse(expiresAt) - (nowMs + serverOffsetMs);
}

export function urgencyOf(msLeft: number): Urgency {
  if (Number.isNaN(msLeft)) return 'unknown';
  if (msLeft <= 0) return 'expired';
  if (msLeft <= RED_WITHIN_MS) return 'red';
  if (msLeft <= AMBER_WITHIN_MS) return 'amber';
  return 'normal';
}

/** Still waiting for the reviewer: pending and not past its expiry (unknown expiry counts). */
export function isLive(approval: { status: string; expiresAt: string }, nowMs: number, serverOffsetMs = 0): boolean {
  return approval.status === 'pending' && !(msUntilExpiry(approval.expiresAt, nowMs, serverOffsetMs) <= 0);
}

/** Soonest expiry first; unreadable dates last, then by id for a stable order. */
export function byExpiry<T extends { id: string; expiresAt: string }>(a: T, b: T): number {
  const ta = Date.parse(a.expiresAt);
  const tb = Date.parse(b.expiresAt);
  const na = Number.isNaN(ta);
  const nb = Number.isNaN(tb);
  if (na !== nb) return na ? 1 : -1;
  if (!na && ta !== tb) return ta - tb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The next moment at which an approval's urgency changes (for re-painting the badge), or null. */
export function nextUrgencyChangeAt(expiresAt: string, nowMs: number, serverOffsetMs = 0): number | null {
  const left = msUntilExpiry(expiresAt, nowMs, serverOffsetMs);
  if (Number.isNaN(left) || left <= 0) return null;
  const boundaries = [AMBER_WITHIN_MS, RED_WITHIN_MS, 0].filter((b) => left > b);
  const next = boundaries[0];
  return next === undefined ? null : nowMs + (left - next);
}
