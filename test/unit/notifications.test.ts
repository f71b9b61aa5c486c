import { describe, expect, it } from 'vitest';
import { i18n } from '#i18n';
import { approvalIdForNotification, GROUP_ABOVE, planNotifications, type NotifyInput } from '@/lib/notifications';
import type { Notified } from '@/lib/state';
import { DAY, HOUR, MINUTE } from '@/lib/time';
import { approval, context } from '../support/approvals';

const NOW = Date.parse('2026-11-22T10:00:00Z');
const settings = { notifyNew: true, notifyReminders: true, reminderLeadMin: 120 };
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

describe('new approvals', () => {
  it('announce each one in words, with its expiry', () => {
    const a = approval({ id: 'a1', type: 'milestone_fund' }, NOW, 70 * HOUR);
    const plan = run({ approvals: [a], contexts: { a1: context() } });
    expect(plan.show).toEqual([
      {
        id: 'new:a1',
        title: 'New approval waiting',
        message: 'Fund milestone “First labeling batch”, $300.00, Maria G. It expires in 2 d 22 h.',
      },
    ]);
    expect(plan.notified.a1).toMatchObject({ new: NOW });
  });

  it(`are grouped into one when more than ${GROUP_ABOVE} arrive at once`, () => {
    const approvals = ['a', 'b', 'c', 'd'].map((id, i) =>
      approval({ id, type: 'milestone_fund' }, NOW, (10 + i) * HOUR),
    );
    const plan = run({ approvals });
    expect(plan.show).toHaveLength(1);
    expect(plan.show[0]).toMatchObject({ id: 'group:a,b,c,d', title: '4 new approvals waiting' });
    expect(plan.show[0]!.message).toContain('and 2 more. The soonest expires in 10 h.');
    expect(approvalIdForNotification(plan.show[0]!.id)).toBe('a');
  });

  it('are never announced twice, whatever restarts happen (the notified record is the memory)', () => {
    const a = approval({ id: 'a1', type: 'milestone_fund' }, NOW, 70 * HOUR);
    const first = run({ approvals: [a] });
    const persisted: Notified = JSON.parse(JSON.stringify(first.notified));
    const second = run({ approvals: [a], notified: persisted, nowMs: NOW + MINUTE });
    expect(second.show).toEqual([]);
  });

  it('are remembered but not shown when that kind is off', () => {
    const a = approval({ id: 'a1', type: 'milestone_fund' }, NOW, 70 * HOUR);
    const plan = run({ approvals: [a], settings: { ...settings, notifyNew: false } });
    expect(plan.show).toEqual([]);
    expect(plan.notified.a1?.new).toBe(NOW);
  });

  it('skip approvals already past their expiry', () => {
    expect(run({ approvals: [approval({ id: 'old', type: 'milestone_fund' }, NOW, -MINUTE)] }).show).toEqual([]);
  });
});

describe('expiry reminders', () => {
  it('fire once when an approval comes within the lead time', () => {
    const a = approval({ id: 'a1', type: 'milestone_approve' }, NOW, 3 * HOUR);
    const first = run({ approvals: [a] });
    expect(first.show.map((s) => s.id)).toEqual(['new:a1']);
    expect(first.nextAt).toBe(NOW + HOUR);
    const later = run({
      approvals: [a],
      notified: first.notified,
      nowMs: NOW + HOUR + MINUTE,
      contexts: { a1: context() },
    });
    expect(later.show).toEqual([
      {
        id: 'reminder:a1',
        title: 'Approval expires in 1 h 59 min',
        message:
          'Release payment “First labeling batch”, $300.00, Maria G. Confirm or decline it in OpenTrain before it expires.',
      },
    ]);
    const again = run({ approvals: [a], notified: later.notified, nowMs: NOW + 2 * HOUR });
    expect(again.show).toEqual([]);
    expect(again.nextAt).toBeNull();
  });

  it('are not sent separately for an approval announced already inside the window', () => {
    const a = approval({ id: 'a1', type: 'milestone_fund' }, NOW, 30 * MINUTE);
    const plan = run({ approvals: [a] });
    expect(plan.show.map((s) => s.id)).toEqual(['new:a1']);
    expect(plan.show[0]!.message).toContain('expires in 30 min');
    expect(run({ approvals: [a], notified: plan.notified, nowMs: NOW + MINUTE }).show).toEqual([]);
  });

  it('follow the lead time setting, and can be turned off', () => {
    const a = approval({ id: 'a1', type: 'milestone_fund' }, NOW, 5 * HOUR);
    const notified = run({ approvals: [a] }).notified;
    expect(
      run({ approvals: [a], notified, settings: { ...settings, reminderLeadMin: 300 } }).show.map((s) => s.id),
    ).toEqual(['reminder:a1']);
    const off = run({
      approvals: [a],
      notified,
      settings: { ...settings, reminderLeadMin: 300, notifyReminders: false },
    });
    expect(off.show).toEqual([]);
    expect(off.nextAt).toBeNull();
  });

  it('count with the server’s clock', () => {
    const a = approval({ id: 'a1', type: 'milestone_fund' }, NOW, 2.5 * HOUR);
    const notified = run({ approvals: [a] }).notified;
    // The server is an hour ahead: only 1.5 h are left.
    expect(run({ approvals: [a], notified, serverOffsetMs: HOUR }).show.map((s) => s.id)).toEqual(['reminder:a1']);
  });
});

describe('resolved elsewhere', () => {
  it('clears the approval’s notifications once, and its group when all of it is gone', () => {
    const approvals = ['a', 'b', 'c', 'd'].map((id) => approval({ id, type: 'milestone_fund' }, NOW, 10 * HOUR));
    const first = run({ approvals });
    const oneGone = run({ approvals: approvals.slice(1), notified: first.notified });
    expect(oneGone.clear).toEqual(['new:a', 'reminder:a']);
    const allGone = run({ approvals: [], notified: oneGone.notified });
    expect(allGone.clear).toContain('group:a,b,c,d');
    expect(allGone.clear.filter((id) => id.startsWith('group:'))).toHaveLength(1);
    expect(run({ approvals: [], notified: allGone.notified }).clear).toEqual([]);
  });

  it('does not announce an approval again when it briefly leaves and comes back', () => {
    const a = approval({ id: 'a1', type: 'milestone_fund' }, NOW, 10 * HOUR);
    const shown = run({ approvals: [a] });
    const gone = run({ approvals: [], notified: shown.notified });
    expect(run({ approvals: [a], notified: gone.notified }).show).toEqual([]);
  });

  it('forgets an approval a day after it left and expired', () => {
    const a = approval({ id: 'a1', type: 'milestone_fund' }, NOW, HOUR * 10);
    const gone = run({ approvals: [], notified: run({ approvals: [a] }).notified });
    expect(run({ approvals: [], notified: gone.notified, nowMs: NOW + 2 * DAY }).notified).toEqual({});
  });
});

it('maps each notification id back to its approval', () => {
  expect(['new:x1', 'reminder:x2', 'group:x3,x4', 'test:123', 'junk'].map(approvalIdForNotification)).toEqual([
    'x1',
    'x2',
    'x3',
    null,
    null,
  ]);
});
