import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '@/lib/api/retry-after';
import {
  isStale,
  listReprobeDelay,
  MAX_BACKOFF_MS,
  MAX_RETRY_AFTER_MS,
  mayRefresh,
  nextPollDelay,
  REFRESH_DEBOUNCE_MS,
} from '@/lib/schedule';
import { clampInterval, clampReminderLead, minIntervalSec } from '@/lib/settings';
import { MINUTE, SECOND } from '@/lib/time';

const interval = 60 * SECOND;

describe('nextPollDelay', () => {
  it('waits the interval plus at most 1 s of jitter when healthy', () => {
    expect(nextPollDelay({ intervalMs: interval, failures: 0, random: 0 })).toBe(interval);
    expect(nextPollDelay({ intervalMs: interval, failures: 0, random: 0.999 })).toBe(
      Math.round(interval + 0.999 * SECOND),
    );
    // 5% of a short interval, not a whole second
    expect(nextPollDelay({ intervalMs: 10 * SECOND, failures: 0, random: 0.999 })).toBeLessThanOrEqual(10.5 * SECOND);
  });

  it('backs off exponentially with equal jitter after failures', () => {
    const bounds = [1, 2, 3, 4].map((failures) => [
      nextPollDelay({ intervalMs: interval, failures, random: 0 }),
      nextPollDelay({ intervalMs: interval, failures, random: 1 }),
    ]);
    expect(bounds).toEqual([
      [30 * SECOND, 60 * SECOND],
      [60 * SECOND, 120 * SECOND],
      [120 * SECOND, 240 * SECOND],
      [240 * SECOND, 480 * SECOND],
    ]);
  });

  it('never waits more than 15 minutes for a backoff', () => {
    for (const failures of [5, 10, 50, 1000]) {
      expect(nextPollDelay({ intervalMs: interval, failures, random: 1 })).toBe(MAX_BACKOFF_MS);
    }
  });

  it('jitter spreads clients that failed together', () => {
    const delays = new Set(
      [0.1, 0.4, 0.7].map((random) => nextPollDelay({ intervalMs: interval, failures: 3, random })),
    );
    expect(delays.size).toBe(3);
  });

  it('retries at the interval while offline: nothing reached the server, and the way back must be quick', () => {
    expect(nextPollDelay({ intervalMs: interval, failures: 6, random: 0, offline: true })).toBe(interval);
  });

  it('does not hammer a failing server: an hour of 503s costs a few dozen requests, not 60', () => {
    let elapsed = 0;
    let requests = 0;
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let failures = 1; elapsed < 3600 * SECOND; failures++) {
      requests++;
      elapsed += nextPollDelay({ intervalMs: interval, failures, random: random() });
    }
    expect(requests).toBeLessThan(14); // 1, 2, 4, 8 min, then 15 min at most
  });

  it('honours Retry-After as a floor, capped at an hour', () => {
    expect(nextPollDelay({ intervalMs: interval, failures: 1, retryAfterMs: 120 * SECOND, random: 0 })).toBe(
      120 * SECOND,
    );
    expect(nextPollDelay({ intervalMs: interval, failures: 1, retryAfterMs: 1 * SECOND, random: 0 })).toBe(30 * SECOND);
    expect(nextPollDelay({ intervalMs: interval, failures: 1, retryAfterMs: 5 * 3600 * SECOND, random: 0 })).toBe(
      MAX_RETRY_AFTER_MS,
    );
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-11-22T10:00:00Z');
  it('reads delay-seconds', () => expect(parseRetryAfter('30', now)).toBe(30_000));
  it('reads an HTTP date', () => expect(parseRetryAfter('Sun, 22 Nov 2026 10:02:00 GMT', now)).toBe(120_000));
  it('a date in the past means now', () => expect(parseRetryAfter('Sun, 22 Nov 2026 09:00:00 GMT', now)).toBe(0));
  it('ignores what it cannot read', () => {
    for (const value of [null, undefined, '', 'soon', '-5', '1.5']) expect(parseRetryAfter(value, now)).toBeNull();
  });
});

describe('start-up and refresh', () => {
  const now = 1_000_000_000;
  it('polls at once on start only when the last attempt is older than the interval', () => {
    expect(isStale(null, interval, now)).toBe(true);
    expect(isStale(now - interval, interval, now)).toBe(true);
    expect(isStale(now - interval + 1, interval, now)).toBe(false);
  });
  it('debounces refreshes asked for by the popup', () => {
    expect(mayRefresh(true, null, now)).toBe(false);
    expect(mayRefresh(false, null, now)).toBe(true);
    expect(mayRefresh(false, now - REFRESH_DEBOUNCE_MS + 1, now)).toBe(false);
    expect(mayRefresh(false, now - REFRESH_DEBOUNCE_MS, now)).toBe(true);
  });
  it('keeps the interval within what the browser allows', () => {
    expect(minIntervalSec('chrome')).toBe(30);
    expect(minIntervalSec('firefox')).toBe(60);
    expect(minIntervalSec('chrome', true)).toBe(1);
    expect(clampInterval(10, 30)).toBe(30);
    expect(clampInterval(90.4, 30)).toBe(90);
    expect(clampInterval(999_999, 30)).toBe(3600);
    expect(clampInterval(Number.NaN, 30)).toBe(60);
    expect(MINUTE).toBe(60 * SECOND);
  });
  it('keeps the reminder lead within its limits, an empty entry the default', () => {
    expect(clampReminderLead(1)).toBe(5);
    expect(clampReminderLead(30.6)).toBe(31);
    expect(clampReminderLead(10_000)).toBe(1440);
    expect(clampReminderLead(Number.NaN)).toBe(120);
    expect(clampReminderLead(0)).toBe(120);
  });
});

describe('listReprobeDelay', () => {
  it('asks for a missing list route again after 1 minute, doubling, at most every 3 hours', () => {
    expect([2, 3, 4, 5, 9, 10, 11, 50].map((misses) => listReprobeDelay(misses) / MINUTE)).toEqual([
      1, 2, 4, 8, 128, 180, 180, 180,
    ]);
  });
});
