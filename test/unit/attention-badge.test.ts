/** The badge with snoozes, a pause and quiet hours (lib/badge.ts), in both languages. */
import { describe, expect, it } from 'vitest';
import { i18n } from '#i18n';
import { defaultAttention, snooze } from '@/lib/attention';
import { BADGE_COLORS, badgeFor, type BadgeInput } from '@/lib/badge';
import { HOUR, MINUTE } from '@/lib/time';
import { useLocale } from '../support/i18n';

const NOW = Date.parse('2026-11-22T10:00:00Z');
const pending = (id: string, expiresInMs: number) => ({
  id,
  status: 'pending',
  expiresAt: new Date(NOW + expiresInMs).toISOString(),
});
const approvals = [pending('a', 30 * MINUTE), pending('b', 10 * HOUR), pending('c', 20 * HOUR), pending('d', 5 * HOUR)];
const input = (extra: Partial<BadgeInput> = {}): BadgeInput => ({
  hasToken: true,
  snapshot: { approvals, fetchedAt: NOW - MINUTE, serverOffsetMs: 0 },
  error: null,
  t: i18n.t,
  locale: 'en-US',
  reminderLeadMin: 120,
  ...extra,
});

describe('snoozed approvals', () => {
  it('leave the count and the colour, and the tooltip says how many', () => {
    const attention = snooze(snooze(defaultAttention(), 'd', NOW + HOUR, NOW), 'b', NOW + HOUR, NOW);
    const badge = badgeFor(
      input({ attention, snapshot: { approvals: approvals.slice(1), fetchedAt: NOW, serverOffsetMs: 0 } }),
      NOW,
    );
    expect(badge.text).toBe('1');
    // d (amber, 5 h) is snoozed: only c (20 h) counts.
    expect(badge.color).toBe(BADGE_COLORS.normal);
    expect(badge.title).toMatch(
      /^OpenTrain approvals: 1 approval waiting for you\. 2 snoozed\. Next expires in 20 h\./,
    );
  });

  it('count again when the snooze ends (at the reminder at the latest)', () => {
    const attention = snooze(defaultAttention(), 'd', NOW + 10 * HOUR, NOW);
    expect(badgeFor(input({ attention }), NOW).text).toBe('3');
    expect(badgeFor(input({ attention }), NOW).title).toContain('1 snoozed.');
    // d's reminder is 3 h from now (5 h before expiry less 2 h): the snooze is over then.
    // By then a (30 min) has expired: b, c and d count.
    const later = badgeFor(input({ attention }), NOW + 3 * HOUR);
    expect(later.text).toBe('3');
    expect(later.title).not.toContain('snoozed');
  });

  it('all snoozed: nothing on the badge, the tooltip still says they are there', () => {
    const attention = ['b', 'c', 'd'].reduce((a, id) => snooze(a, id, NOW + HOUR, NOW), defaultAttention());
    const badge = badgeFor(
      input({ attention, snapshot: { approvals: approvals.slice(1), fetchedAt: NOW, serverOffsetMs: 0 } }),
      NOW,
    );
    expect(badge.text).toBe('');
    expect(badge.title).toContain('No approvals waiting for you. 3 snoozed.');
  });
});

describe('while notifications are held', () => {
  it('the badge still counts, and the tooltip says until when', () => {
    const paused = badgeFor(input({ muted: { reason: 'paused', until: Date.parse('2026-11-22T11:00:00Z') } }), NOW);
    expect(paused.text).toBe('4');
    expect(paused.title).toMatch(/Notifications paused until \d{1,2}:00\s?(AM|PM)?\./);
    const quiet = badgeFor(input({ muted: { reason: 'quiet', until: NOW + 2 * 24 * HOUR } }), NOW);
    expect(quiet.title).toMatch(/Quiet hours until [A-Z][a-z]{2} \d{1,2}:00\s?(AM|PM)?\./);
    expect(badgeFor(input({ muted: { reason: 'quiet', until: Infinity } }), NOW).title).toContain(
      'Quiet hours all week: notifications are held.',
    );
  });
});

it('in German', async () => {
  await useLocale('de');
  const attention = snooze(defaultAttention(), 'c', NOW + HOUR, NOW);
  const badge = badgeFor(
    input({ t: i18n.t, locale: 'de', attention, muted: { reason: 'quiet', until: NOW + HOUR } }),
    NOW,
  );
  expect(badge.title).toMatch(
    /^OpenTrain-Freigaben: 3 Freigaben warten auf Sie\. 1 zurückgestellt\. Die nächste läuft in 30 Min\. ab\. Ruhezeit bis \d\d:\d\d\. Aktualisiert um/,
  );
});
