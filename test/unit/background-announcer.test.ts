/** Between polls, over fake ports: the reminders tick, the badge's colour, notification clicks. */
import { beforeEach, describe, expect, it } from 'vitest';
import { ALARM_TICK } from '@/entrypoints/background/ports';
import { BADGE_COLORS } from '@/lib/badge';
import { HOUR } from '@/lib/time';
import { approval } from '../support/approvals';
import { Harness, NOW, ORIGIN } from '../support/fake-background';

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  h.api.add(approval({ id: 'apr_soon' }, NOW, 3 * HOUR));
  await h.configure(); // reminders 120 minutes before expiry
});

describe('the reminders tick', () => {
  it('reminds once when the lead is reached, then repaints the badge as the approval turns red', async () => {
    const background = await h.started();
    expect(h.shownIds()).toEqual(['new:apr_soon']);
    expect(h.badge?.color).toBe(BADGE_COLORS.amber);
    expect(h.inMs(ALARM_TICK)).toBe(1 * HOUR); // the reminder, 2 hours before expiry

    await h.fire(background, ALARM_TICK);
    expect(h.shownIds()).toEqual(['new:apr_soon', 'reminder:apr_soon']);
    expect(h.notifier.shown.get('reminder:apr_soon')?.title).toMatch(/^Approval expires in 2 h/);
    expect(h.inMs(ALARM_TICK)).toBe(1 * HOUR); // red, 1 hour before expiry

    await h.fire(h.worker(), ALARM_TICK); // a restarted worker
    expect(h.badge?.color).toBe(BADGE_COLORS.red);
    expect(h.shownIds()).toEqual(['new:apr_soon', 'reminder:apr_soon']);
    expect(h.inMs(ALARM_TICK)).toBe(1 * HOUR); // expired
  });

  it('marks the reminder as due but does not show it when reminders are off', async () => {
    await h.configure(undefined, { notifyReminders: false });
    const background = await h.started();
    expect(h.inMs(ALARM_TICK)).toBe(2 * HOUR); // only the turn to red
    await h.fire(background, ALARM_TICK);
    expect(h.shownIds()).toEqual(['new:apr_soon']);
    expect(h.storage.part('notified').apr_soon?.reminder).toBe(NOW + 2 * HOUR);
  });

  it('arms no tick when nothing is waiting', async () => {
    h.api.approvals.clear();
    await h.started();
    expect(h.alarms.armed.has(ALARM_TICK)).toBe(false);
  });
});

describe('a notification click', () => {
  it('opens the approval on the configured origin, even in a restarted worker, and takes it down', async () => {
    await h.started();
    await h.worker().onNotificationClicked('new:apr_soon');
    expect(h.openedTabs).toEqual([`${ORIGIN}/approvals/apr_soon`]);
    expect(h.notifier.shown.has('new:apr_soon')).toBe(false);
  });

  it('opens the first of a group; a test notification opens nothing', async () => {
    const background = await h.started();
    await background.onNotificationClicked('group:apr_1,apr_2');
    await background.onNotificationClicked('test:123');
    expect(h.openedTabs).toEqual([`${ORIGIN}/approvals/apr_1`]);
    expect(h.notifier.cleared).toEqual(['group:apr_1,apr_2', 'test:123']);
  });
});
