/** When to poll next: the interval with a little jitter, backoff after failures, Retry-After honoured. */
import { INTERVAL_SEC } from './settings';
import { HOUR, MINUTE, SECOND } from './time';

export const MAX_BACKOFF_MS = 15 * MINUTE;
/** A Retry-After is honoured up to this; beyond it the server is more likely wrong than serious. */
export const MAX_RETRY_AFTER_MS = HOUR;
/**
 * Spread installs so they do not poll in step: up to 5% of the interval, at most 1 s (so a new
 * approval is seen within the interval plus a second).
 */
export const MAX_JITTER_MS = 1 * SECOND;
export const JITTER_SHARE = 0.05;
/** The list route counts as missing once it answered 404 or 405 this many polls in a row (one may be a blip). */
export const LIST_MISSES_TO_TRACK = 2;
/** Tracked mode asks for the list route again after 1 min, then 2, 4, … min, at most every 3 hours. */
export const LIST_REPROBE_FIRST_MS = MINUTE;
export const LIST_REPROBE_MAX_MS = 3 * HOUR;

/** How long after its last try tracked mode asks for the list route again, given the misses so far. */
export function listReprobeDelay(misses: number): number {
  const doublings = Math.min(Math.max(0, misses - LIST_MISSES_TO_TRACK), 20);
  return Math.min(LIST_REPROBE_MAX_MS, LIST_REPROBE_FIRST_MS * 2 ** doublings);
}
/**
 * Context reads that failed for a passing reason are tried again this soon (then twice, four
 * times… as long), rather than at the next interval, which may be an hour: the reviewer would
 * see an approval without its context all that time.
 */
export const CONTEXT_RETRY_FIRST_MS = 5 * SECOND;

/** How soon to try failed context reads again after `retries` tries in a row; null once the interval is sooner. */
export function contextRetryDelay(retries: number, intervalMs: number): number | null {
  const delay = CONTEXT_RETRY_FIRST_MS * 2 ** Math.min(retries, 20);
  return delay < intervalMs ? delay : null;
}

/** A popup refresh within this of the last poll's start is answered from the snapshot. */
export const REFRESH_DEBOUNCE_MS = 5 * SECOND;

export interface DelayInput {
  intervalMs: number;
  /** Consecutive failed polls (0 after a success). */
  failures: number;
  retryAfterMs?: number | null;
  /** A number in [0, 1): Math.random in production, fixed in tests. */
  random: number;
  /**
   * The failure never reached OpenTrain (offline, DNS): backing off protects nobody, and
   * browsers do not reliably tell a service worker when the network returns, so retry at
   * the normal interval.
   */
  offline?: boolean;
}

/**
 * The delay before the next poll. Healthy: the interval plus a small jitter. After n
 * failures: interval·2^(n-1), capped at 15 min, with "equal jitter" (half fixed, half
 * random) so clients that failed together do not retry together. A Retry-After from the
 * server is a floor.
 */
export function nextPollDelay({ intervalMs, failures, retryAfterMs, random, offline }: DelayInput): number {
  let delay: number;
  if (failures <= 0 || offline) {
    delay = intervalMs + random * Math.min(intervalMs * JITTER_SHARE, MAX_JITTER_MS);
  } else {
    const base = Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.min(failures - 1, 20));
    delay = base / 2 + (random * base) / 2;
  }
  if (retryAfterMs != null && retryAfterMs > 0) delay = Math.max(delay, Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
  return Math.round(delay);
}

/**
 * The interval to poll at: the reviewer's, or the server's poll-interval hint when that is
 * longer (never shorter), up to the longest interval the options allow.
 */
export function pollIntervalMs(reviewerMs: number, hintSec: number | null): number {
  return Math.max(reviewerMs, Math.min(hintSec ?? 0, INTERVAL_SEC.max) * SECOND);
}

/** On a worker start: poll at once only if the last attempt is older than the interval. */
export function isStale(lastAttemptAt: number | null, intervalMs: number, nowMs: number): boolean {
  return lastAttemptAt == null || nowMs - lastAttemptAt >= intervalMs;
}

/** A refresh asked for by the popup: at most one in flight, none just after the last. */
export function mayRefresh(inFlight: boolean, lastStartedAt: number | null, nowMs: number): boolean {
  if (inFlight) return false;
  return lastStartedAt == null || nowMs - lastStartedAt >= REFRESH_DEBOUNCE_MS;
}
