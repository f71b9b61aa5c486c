import { describe, expect, it } from 'vitest';
import { i18n } from '#i18n';
import type { ApiError } from '@/lib/api/errors';
import { BADGE_COLORS, badgeFor, countText, type BadgeInput } from '@/lib/badge';
import { nextUrgencyChangeAt, urgencyOf } from '@/lib/expiry';
import { HOUR, MINUTE } from '@/lib/time';

const t = i18n.t;
const NOW = Date.parse('2026-11-22T10:00:00Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();
const pending = (id: string, expiresInMs: number) => ({ id, status: 'pending', expiresAt: at(expiresInMs) });
const input = (
  approvals: BadgeInput['snapshot'] extends infer S ? (S extends { approvals: infer A } ? A : never) : never,
  extra: Partial<BadgeInput> = {},
): BadgeInput => ({
  hasToken: true,
  snapshot: { approvals, fetchedAt: NOW - 2 * MINUTE, serverOffsetMs: 0 },
  error: null,
  t,
  ...extra,
});
const failed = (error: ApiError) => ({ error, at: NOW });

describe('badge text', () => {
  it('is empty at 0, the count, and 99+ above 99', () => {
    expect([0, 1, 42, 99, 100, 1000].map(countText)).toEqual(['', '1', '42', '99', '99+', '99+']);
  });

  it('counts live approvals only: past expiry no longer counts, even while the server says pending', () => {
    const badge = badgeFor(
      input([pending('a', 10 * HOUR), pending('b', -1), { id: 'c', status: 'confirmed', expiresAt: at(HOUR * 9) }]),
      NOW,
    );
    expect(badge).toMatchObject({ kind: 'count', text: '1' });
  });

  it('says what is pending, how soon the next expires, and when it updated', () => {
    const badge = badgeFor(
      { ...input([pending('a', 3 * HOUR + 12 * MINUTE), pending('b', 30 * HOUR)]), locale: 'en-US' },
      NOW,
    );
    expect(badge.title).toContain('2 approvals waiting for you.');
    expect(badge.title).toContain('Next expires in 3 h 12 min.');
    expect(badge.title).toMatch(/Updated \d{1,2}:\d{2}/);
  });

  it('is empty with "no approvals" when nothing waits', () => {
    expect(badgeFor(input([]), NOW)).toMatchObject({
      text: '',
      title: expect.stringContaining('No approvals waiting'),
    });
  });
});

describe('badge colour by the most urgent approval', () => {
  const cases: Array<[string, number, string]> = [
    ['over 6 h: normal', 6 * HOUR + 1, BADGE_COLORS.normal],
    ['at 6 h: amber', 6 * HOUR, BADGE_COLORS.amber],
    ['over 1 h: amber', HOUR + 1, BADGE_COLORS.amber],
    ['at 1 h: red', HOUR, BADGE_COLORS.red],
    ['1 min: red', MINUTE, BADGE_COLORS.red],
  ];
  for (const [name, left, color] of cases) {
    it(name, () => expect(badgeFor(input([pending('far', 50 * HOUR), pending('near', left)]), NOW).color).toBe(color));
  }

  it('corrects for the server clock', () => {
    // The server is 1 h ahead: 6.5 h left by our clock is 5.5 h by the server's, so amber.
    const snapshot = { approvals: [pending('a', 6.5 * HOUR)], fetchedAt: NOW, serverOffsetMs: HOUR };
    expect(badgeFor({ ...input([]), snapshot }, NOW).color).toBe(BADGE_COLORS.amber);
    const behind = { approvals: [pending('a', 5.5 * HOUR)], fetchedAt: NOW, serverOffsetMs: -HOUR };
    expect(badgeFor({ ...input([]), snapshot: behind }, NOW).color).toBe(BADGE_COLORS.normal);
  });
});

describe('badge glyphs', () => {
  it('! when no token is set, saying how to connect', () => {
    expect(badgeFor({ hasToken: false, snapshot: null, error: null, t }, NOW)).toMatchObject({
      kind: 'setup',
      text: '!',
      title: expect.stringContaining('add your OpenTrain API token'),
    });
  });
  it('… before the first answer', () => {
    expect(badgeFor({ hasToken: true, snapshot: null, error: null, t }, NOW)).toMatchObject({
      kind: 'loading',
      text: '…',
    });
  });
  it('! for a token or scope problem, naming it', () => {
    expect(badgeFor(input([], { error: failed({ kind: 'unauthorized' }) }), NOW)).toMatchObject({
      text: '!',
      title: expect.stringContaining('rejected the API token'),
    });
    const scope = badgeFor(input([], { error: failed({ kind: 'forbidden', requiredScopes: ['payments:read'] }) }), NOW);
    expect(scope).toMatchObject({ text: '!', title: expect.stringContaining('missing the payments:read scope') });
  });
  it('? for a server error or an unreadable answer, keeping the last good count in the tooltip', () => {
    for (const error of [
      { kind: 'server', status: 502 },
      { kind: 'invalid_response', status: 200, detail: 'x' },
      { kind: 'timeout', afterMs: 30_000 },
    ] as ApiError[]) {
      const badge = badgeFor(input([pending('a', 10 * HOUR)], { error: failed(error) }), NOW);
      expect(badge.text).toBe('?');
      expect(badge.title).toContain('Last good list: 1 approval waiting');
    }
  });
  it('off when the network is down', () => {
    expect(badgeFor(input([], { error: failed({ kind: 'network' }) }), NOW)).toMatchObject({
      text: 'off',
      title: expect.stringContaining('offline'),
    });
  });
  it('keeps the count through a rate limit, saying when it retries', () => {
    const badge = badgeFor(
      input([pending('a', 10 * HOUR)], {
        error: failed({ kind: 'rate_limited', retryAfterMs: 120_000 }),
        nextPollAt: NOW + 2 * MINUTE,
      }),
      NOW,
    );
    expect(badge).toMatchObject({ text: '1', title: expect.stringContaining('Retrying in 2 min') });
  });
});

describe('urgency', () => {
  it('has the thresholds of the badge and the countdown', () => {
    expect([7 * HOUR, 6 * HOUR, HOUR, 1, 0, -5, Number.NaN].map(urgencyOf)).toEqual([
      'normal',
      'amber',
      'red',
      'red',
      'expired',
      'expired',
      'unknown',
    ]);
  });
  it('knows when it next changes, for repainting between polls', () => {
    expect(nextUrgencyChangeAt(at(8 * HOUR), NOW)).toBe(NOW + 2 * HOUR);
    expect(nextUrgencyChangeAt(at(3 * HOUR), NOW)).toBe(NOW + 2 * HOUR);
    expect(nextUrgencyChangeAt(at(30 * MINUTE), NOW)).toBe(NOW + 30 * MINUTE);
    expect(nextUrgencyChangeAt(at(-1), NOW)).toBeNull();
  });
});
