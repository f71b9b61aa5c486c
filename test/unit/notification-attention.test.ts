/** Planning notifications with snoozes, a pause or quiet hours, break-through and filters (lib/notifications.ts). */
import { describe, expect, it } from 'vitest';
import { i18n } from '#i18n';
import { defaultAttention, snooze } from '@/lib/attention';
import { defaultHeld, type Held, type Muted } from '@/lib/held';
import { approvalIdForNotification, planNotifications, type NotifyInput, type NotifyPlan } from '@/lib/notifications';
import { defaultSettings } from '@/lib/settings';
import { HOUR, MINUTE } from '@/lib/time';
import { approval, context } from '../support/approvals';
import { useLocale } from '../support/i18n';

const NOW = Date.parse('2026-11-22T10:00:00Z');
const settings = defaultSettings(); // reminders 2 h before expiry, break-through on, no filters
const run = (overrides: Partial<NotifyInput>) =>
  planNotifications({
    approvals: [],
    contexts: {},
    notified: {},
    settings,
    nowMs: NOW,
    serverOffsetMs: 0,
    locale: 'en-US',
    t: i18n.t,
    ...overrides,
  });
/** The plan after this one: its memory carried over, as the background stores it. */
const next = (plan: NotifyPlan, overrides: Partial<NotifyInput>) =>
  run({ notified: plan.notified, held: plan.held, ...overrides });
const ids = (plan: NotifyPlan) => plan.show.map((spec) => spec.id);

const fund = (id: string, expiresInMs: number) => approval({ id, type: 'milestone_fund' }, NOW, expiresInMs);
const paused = (until: number): Muted => ({ reason: 'paused', until });
const quietUntil = (until: number): Muted => ({ reason: 'quiet', until });

describe('a snoozed approval', () => {
  const a = fund('a', 10 * HOUR);

  it('is not announced while snoozed, and remembered as announced', () => {
    const attention = snooze(defaultAttention(), 'a', NOW + HOUR, NOW);
    const plan = run({ approvals: [a], attention });
    expect(plan.show).toEqual([]);
    expect(plan.notified.a?.new).toBe(NOW);
    expect(plan.nextAt).toBe(NOW + HOUR); // the snooze ends: it counts again
    expect(next(plan, { approvals: [a], nowMs: NOW + HOUR }).show).toEqual([]);
  });

  it('has what is on screen for it taken down once per snooze', () => {
    const shown = run({ approvals: [a] });
    expect(ids(shown)).toEqual(['new:a']);
    const first = snooze(defaultAttention(), 'a', NOW + 2 * HOUR, NOW + MINUTE);
    const snoozed = next(shown, { approvals: [a], attention: first, nowMs: NOW + MINUTE });
    expect(snoozed.clear).toEqual(['new:a', 'reminder:a']);
    expect(next(snoozed, { approvals: [a], attention: first, nowMs: NOW + 2 * MINUTE }).clear).toEqual([]);
    // Snoozed again later: taken down again.
    const again = snooze(defaultAttention(), 'a', NOW + 5 * HOUR, NOW + 3 * HOUR);
    expect(next(snoozed, { approvals: [a], attention: again, nowMs: NOW + 3 * HOUR }).clear).toEqual([
      'new:a',
      'reminder:a',
    ]);
  });

  it('is still reminded: a snooze ends at the reminder, however long it was asked for', () => {
    const shown = run({ approvals: [a] });
    const attention = snooze(defaultAttention(), 'a', NOW + 48 * HOUR, NOW);
    const snoozed = next(shown, { approvals: [a], attention });
    expect(snoozed.nextAt).toBe(NOW + 8 * HOUR);
    expect(ids(next(snoozed, { approvals: [a], attention, nowMs: NOW + 8 * HOUR }))).toEqual(['reminder:a']);
  });
});

describe('while paused or quiet', () => {
  const a = fund('a', 30 * HOUR);
  const b = fund('b', 40 * HOUR);

  it('nothing is shown; it is held, and one summary comes when it ends', () => {
    const held = run({ approvals: [a, b], muted: paused(NOW + HOUR) });
    expect(held.show).toEqual([]);
    expect(Object.keys(held.held.approvals)).toEqual(['a', 'b']);
    expect(held.held.reason).toBe('paused');
    expect(held.nextAt).toBe(NOW + HOUR); // the pause's end
    // Still paused: nothing more.
    expect(next(held, { approvals: [a, b], muted: paused(NOW + HOUR), nowMs: NOW + 30 * MINUTE }).show).toEqual([]);

    const after = next(held, { approvals: [a, b], nowMs: NOW + HOUR });
    expect(after.show).toEqual([
      {
        id: 'summary:a,b',
        title: 'While notifications were paused',
        message: '2 new approvals. The soonest expires in 1 d 5 h.',
      },
    ]);
    expect(after.held).toEqual(defaultHeld());
    // Nothing is announced again, and no second summary.
    expect(next(after, { approvals: [a, b], nowMs: NOW + 2 * HOUR }).show).toEqual([]);
  });

  it('the summary counts what came due for its reminder as expiring soon, and names quiet hours', () => {
    const soon = fund('soon', 90 * MINUTE);
    const held = run({ approvals: [a, b, soon], muted: quietUntil(NOW + 20 * MINUTE) });
    const after = next(held, { approvals: [a, b, soon], nowMs: NOW + 20 * MINUTE });
    expect(after.show).toEqual([
      {
        id: 'summary:soon,a,b',
        title: 'During quiet hours',
        message: '2 new approvals, 1 expiring soon. The soonest expires in 1 h 10 min.',
      },
    ]);
    // A click opens the soonest.
    expect(approvalIdForNotification(after.show[0]!.id)).toBe('soon');
  });

  it('holds a reminder that falls due, and sums it up as expiring soon', () => {
    const c = fund('c', 3 * HOUR);
    const announced = run({ approvals: [c] });
    const held = next(announced, { approvals: [c], nowMs: NOW + HOUR + MINUTE, muted: paused(NOW + 10 * HOUR) });
    expect(held.show).toEqual([]);
    expect(held.notified.c?.reminder).toBe(NOW + HOUR + MINUTE);
    expect(held.held.approvals.c).toEqual({ reminder: NOW + HOUR + MINUTE });
    const after = next(held, { approvals: [c], nowMs: NOW + HOUR + 20 * MINUTE });
    expect(after.show.map((s) => s.message)).toEqual(['1 expiring soon. The soonest expires in 1 h 40 min.']);
  });

  it('what was resolved meanwhile is not summed up; with nothing left, no summary at all', () => {
    const held = run({ approvals: [a, b], muted: paused(NOW + HOUR) });
    const oneLeft = next(held, { approvals: [b], muted: paused(NOW + HOUR), nowMs: NOW + 10 * MINUTE });
    expect(Object.keys(oneLeft.held.approvals)).toEqual(['b']);
    expect(next(oneLeft, { approvals: [b], nowMs: NOW + HOUR }).show.map((s) => [s.id, s.message])).toEqual([
      ['summary:b', '1 new approval. The soonest expires in 1 d 15 h.'],
    ]);
    const noneLeft = next(held, { approvals: [], nowMs: NOW + HOUR });
    expect(noneLeft.show).toEqual([]);
    expect(noneLeft.held).toEqual(defaultHeld());
  });

  it('an approval snoozed meanwhile is left out of the summary', () => {
    const held = run({ approvals: [a, b], muted: paused(NOW + HOUR) });
    const attention = snooze(defaultAttention(), 'a', NOW + 3 * HOUR, NOW + 5 * MINUTE);
    const after = next(held, { approvals: [a, b], attention, nowMs: NOW + HOUR });
    expect(ids(after)).toEqual(['summary:b']);
  });

  it('the summary is taken down when all of its approvals are gone', () => {
    const held = run({ approvals: [a, b], muted: paused(NOW + HOUR) });
    const after = next(held, { approvals: [a, b], nowMs: NOW + HOUR });
    const oneGone = next(after, { approvals: [b], nowMs: NOW + 2 * HOUR });
    expect(oneGone.clear).not.toContain('summary:a,b');
    expect(next(oneGone, { approvals: [], nowMs: NOW + 3 * HOUR }).clear).toContain('summary:a,b');
  });

  it('stays quiet for notifications the reviewer turned off', () => {
    const plan = run({ approvals: [a], muted: paused(NOW + HOUR), settings: { ...settings, notifyNew: false } });
    expect(plan.held).toEqual(defaultHeld());
    expect(next(plan, { approvals: [a], nowMs: NOW + HOUR }).show).toEqual([]);
  });
});

describe('break-through', () => {
  it('an approval arriving within the hour of its expiry is announced through a pause', () => {
    const urgent = fund('urgent', 50 * MINUTE);
    const plan = run({ approvals: [urgent], muted: paused(NOW + HOUR) });
    expect(ids(plan)).toEqual(['new:urgent']);
    expect(plan.held.approvals).toEqual({});
  });

  it('a held one is reminded through quiet hours once it expires within the hour, and not summed up again', () => {
    const c = fund('c', 3 * HOUR);
    const muted = quietUntil(NOW + 8 * HOUR);
    const held = run({ approvals: [c], muted });
    expect(held.show).toEqual([]);
    expect(held.nextAt).toBe(NOW + HOUR); // its reminder, held then
    const reminderHeld = next(held, { approvals: [c], muted, nowMs: NOW + HOUR });
    expect(reminderHeld.show).toEqual([]);
    expect(reminderHeld.nextAt).toBe(NOW + 2 * HOUR); // an hour before expiry, it breaks through
    const through = next(reminderHeld, { approvals: [c], muted, nowMs: NOW + 2 * HOUR });
    expect(through.show).toEqual([expect.objectContaining({ id: 'reminder:c', title: 'Approval expires in 1 h' })]);
    expect(through.held.approvals).toEqual({});
    expect(next(through, { approvals: [c], nowMs: NOW + 8 * HOUR - MINUTE }).show).toEqual([]);
  });

  it('off: held until the end, however close the expiry', () => {
    const off = { ...settings, breakThrough: false };
    const urgent = fund('urgent', 50 * MINUTE);
    const plan = run({ approvals: [urgent], muted: paused(NOW + 30 * MINUTE), settings: off });
    expect(plan.show).toEqual([]);
    const after = next(plan, { approvals: [urgent], settings: off, nowMs: NOW + 30 * MINUTE });
    expect(after.show.map((s) => s.message)).toEqual(['1 expiring soon. The soonest expires in 20 min.']);
  });
});

describe('filters', () => {
  const hire = approval({ id: 'hire', type: 'proposal_hire' }, NOW, 10 * HOUR);
  const small = fund('small', 10 * HOUR);
  const noHires = { ...settings, notifyTypes: ['milestone_fund', 'milestone_approve', 'contract_end'] };

  it('leave out the types not chosen, announcing the others', () => {
    const plan = run({ approvals: [hire, small], settings: noHires });
    expect(ids(plan)).toEqual(['new:small']);
    expect(plan.notified.hire?.new).toBe(NOW); // remembered: not announced later either
    expect(next(plan, { approvals: [hire, small], settings }).show).toEqual([]);
  });

  it('leave out amounts below the minimum (the amount from the context), keeping an unknown amount', () => {
    const plan = run({
      approvals: [small, hire],
      contexts: { small: context() }, // $300
      settings: { ...settings, minAmountUsd: 500 },
    });
    expect(ids(plan)).toEqual(['new:hire']); // a hire's amount is not known: it may be large
  });

  it('skip the reminder, but the last call comes within the hour of expiry (break-through on)', () => {
    const first = run({ approvals: [hire], settings: noHires });
    expect(first.nextAt).toBe(NOW + 9 * HOUR); // not at the 2 h reminder: at 1 h
    expect(next(first, { approvals: [hire], settings: noHires, nowMs: NOW + 8 * HOUR }).show).toEqual([]);
    const lastCall = next(first, { approvals: [hire], settings: noHires, nowMs: NOW + 9 * HOUR });
    expect(lastCall.show).toEqual([expect.objectContaining({ id: 'reminder:hire', title: 'Approval expires in 1 h' })]);
    expect(next(lastCall, { approvals: [hire], settings: noHires, nowMs: NOW + 9 * HOUR + MINUTE }).show).toEqual([]);
  });

  it('with break-through off, a filtered approval is never notified', () => {
    const strict = { ...noHires, breakThrough: false };
    const first = run({ approvals: [hire], settings: strict });
    expect(first.show).toEqual([]);
    const late = next(first, { approvals: [hire], settings: strict, nowMs: NOW + 9 * HOUR + 30 * MINUTE });
    expect(late.show).toEqual([]);
    expect(late.notified.hire?.reminder).toBe(NOW + 9 * HOUR + 30 * MINUTE);
  });

  it('a filtered approval arriving within the hour of expiry is announced', () => {
    const urgentHire = approval({ id: 'urgentHire', type: 'proposal_hire' }, NOW, 40 * MINUTE);
    expect(ids(run({ approvals: [urgentHire], settings: noHires }))).toEqual(['new:urgentHire']);
  });

  it('a filtered approval is not held for the summary either', () => {
    const plan = run({ approvals: [hire], settings: noHires, muted: paused(NOW + HOUR) });
    expect(plan.held.approvals).toEqual({});
  });
});

it('keeps no approval in the held record once it is no longer pending', () => {
  const held: Held = { reason: 'quiet', approvals: Object.assign(Object.create(null), { gone: { new: NOW } }) };
  const plan = run({ approvals: [], held, muted: quietUntil(NOW + HOUR) });
  expect(plan.held.approvals).toEqual({});
  expect(plan.held.reason).toBe('quiet');
});

it('the summary in German', async () => {
  await useLocale('de');
  const a = fund('a', 30 * HOUR);
  const soon = fund('soon', 90 * MINUTE);
  const held = run({ approvals: [a, soon], muted: quietUntil(NOW + 10 * MINUTE), t: i18n.t, locale: 'de' });
  const after = next(held, { approvals: [a, soon], nowMs: NOW + 10 * MINUTE, t: i18n.t, locale: 'de' });
  expect(after.show).toEqual([
    {
      id: 'summary:soon,a',
      title: 'Während der Ruhezeit',
      message: '1 neue Freigabe und 1 läuft bald ab. Die nächste läuft in 1 Std. 20 Min. ab.',
    },
  ]);
  await useLocale('en');
});
