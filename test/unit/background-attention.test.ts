/**
 * The background with snoozes, a pause, quiet hours, break-through and filters, over fake ports:
 * what the badge counts and says, which notifications come, and the re-planning when the popup
 * or Options write to storage.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ALARM_POLL, ALARM_TICK } from '@/entrypoints/background/ports';
import { defaultAttention, snooze } from '@/lib/attention';
import { defaultHeld } from '@/lib/held';
import { defaultSettings, VERSION_KEY } from '@/lib/state';
import { HOUR, MINUTE } from '@/lib/time';
import { approval } from '../support/approvals';
import { Harness, NOW } from '../support/fake-background';

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  // The documented approval is a milestone funding ($300 in its context).
  h.api.add(approval({ id: 'apr_a' }, NOW, 10 * HOUR), approval({ id: 'apr_b' }, NOW, 20 * HOUR));
  await h.configure();
});

/** What the popup writes: the `attention` part (the storage listener then calls onAttentionChanged). */
const writeAttention = (attention: ReturnType<typeof defaultAttention>) => h.storage.set({ attention });
const nightsEveryDay = { enabled: true, days: [0, 1, 2, 3, 4, 5, 6], startMin: 22 * 60, endMin: 7 * 60 };

describe('a snooze written by the popup', () => {
  it('takes the approval out of the badge and its notification down at once, and back when it ends', async () => {
    const background = await h.started();
    expect(h.badge).toMatchObject({ text: '2' });
    expect(h.shownIds()).toEqual(['new:apr_a', 'new:apr_b']);

    await writeAttention(snooze(defaultAttention(), 'apr_a', NOW + HOUR, NOW));
    await background.onAttentionChanged();
    expect(h.badge).toMatchObject({ text: '1' });
    expect(h.badge?.title).toMatch(/1 approval waiting for you\. 1 snoozed\. Next expires in 20 h\./);
    expect(h.notifier.shown.has('new:apr_a')).toBe(false);
    expect(h.notifier.shown.has('new:apr_b')).toBe(true);
    // One tick alarm for everything: here, the snooze's end (sooner than apr_a turning amber).
    expect(h.alarms.armed.get(ALARM_TICK)).toBe(NOW + HOUR);

    await h.fire(h.worker(), ALARM_TICK); // even in a restarted worker
    expect(h.badge).toMatchObject({ text: '2' });
    expect(h.badge?.title).not.toContain('snoozed');
    expect(h.shownIds()).toEqual(['new:apr_a', 'new:apr_b']); // nothing announced again
  });
});

describe('a pause written by the popup', () => {
  it('holds new approvals (the badge counts them) and sums them up once when it ends', async () => {
    const background = await h.started();
    await writeAttention({ ...defaultAttention(), pausedUntil: NOW + HOUR });
    await background.onAttentionChanged();
    expect(h.badge?.title).toContain('Notifications paused until');
    expect(h.alarms.armed.get(ALARM_TICK)).toBe(NOW + HOUR);

    h.api.add(approval({ id: 'apr_c' }, NOW, 30 * HOUR), approval({ id: 'apr_d' }, NOW, 2 * HOUR));
    await h.fire(background, ALARM_POLL);
    expect(h.badge).toMatchObject({ text: '4' });
    expect(h.shownIds()).toEqual(['new:apr_a', 'new:apr_b']);
    expect(Object.keys(h.storage.part('held').approvals).sort()).toEqual(['apr_c', 'apr_d']);

    // The worker was stopped meanwhile; the alarm at the pause's end wakes a new one.
    await h.fire(h.worker(), ALARM_TICK);
    expect(h.now).toBe(NOW + HOUR);
    expect(h.notifier.history.at(-1)).toEqual({
      id: 'summary:apr_d,apr_c',
      title: 'While notifications were paused',
      message: '1 new approval, 1 expiring soon. The soonest expires in 1 h.',
    });
    expect(h.storage.part('held')).toEqual(defaultHeld());
    await h.fire(h.worker(), ALARM_POLL);
    expect(h.shownIds()).toHaveLength(3);
  });

  it('ended early by the popup: the summary comes at once', async () => {
    const background = await h.started();
    await writeAttention({ ...defaultAttention(), pausedUntil: NOW + 4 * HOUR });
    await background.onAttentionChanged();
    h.api.add(approval({ id: 'apr_c' }, NOW, 30 * HOUR));
    await h.fire(background, ALARM_POLL);
    await writeAttention(defaultAttention());
    await background.onAttentionChanged();
    expect(h.shownIds().at(-1)).toBe('summary:apr_c');
  });

  it('lets an approval expiring within the hour through', async () => {
    const background = await h.started();
    await writeAttention({ ...defaultAttention(), pausedUntil: NOW + 4 * HOUR });
    await background.onAttentionChanged();
    h.api.add(approval({ id: 'apr_urgent' }, NOW, 45 * MINUTE));
    await h.fire(background, ALARM_POLL);
    expect(h.shownIds().at(-1)).toBe('new:apr_urgent');
  });

  it('is planned after a poll in flight, whose new approvals’ context it needs', async () => {
    await h.configure(undefined, { minAmountUsd: 500 });
    const background = await h.started();
    expect(h.shownIds()).toEqual([]); // $300 each: below the minimum
    h.api.add(approval({ id: 'apr_c' }, NOW, 30 * HOUR));
    const release = h.api.hold('contract');
    const contractReads = h.api.callsTo('contract').length;
    const polling = h.fire(background, ALARM_POLL);
    // The new list is stored; its new approval's context is being read.
    await vi.waitFor(() => expect(h.api.callsTo('contract')).toHaveLength(contractReads + 1));
    await writeAttention(snooze(defaultAttention(), 'apr_a', NOW + HOUR, NOW));
    const replanning = background.onAttentionChanged();
    release();
    await Promise.all([polling, replanning]);
    // Its amount was known before anything was planned: not announced, though unknown amounts pass.
    expect(h.shownIds()).toEqual([]);
    expect(h.badge).toMatchObject({ text: '2' });
  });
});

describe('quiet hours', () => {
  it('follow the zone the reviewer is in, and the summary comes once they are over there', async () => {
    await h.configure(undefined, { quietHours: nightsEveryDay });
    h.timeZone = 'Pacific/Auckland'; // 23:00 there
    const background = await h.started();
    expect(h.shownIds()).toEqual([]);
    expect(h.badge).toMatchObject({ text: '2' });
    expect(h.badge?.title).toMatch(/Quiet hours until /);
    // 07:00 in Auckland is 18:00 UTC; apr_a turns amber before, at 14:00.
    expect(h.alarms.armed.get(ALARM_TICK)).toBe(NOW + 4 * HOUR);

    // The reviewer lands in Berlin (11:00 there): the next poll sums up at once.
    h.timeZone = 'Europe/Berlin';
    await h.fire(background, ALARM_POLL);
    expect(h.notifier.history).toEqual([
      {
        id: 'summary:apr_a,apr_b',
        title: 'During quiet hours',
        message: '2 new approvals. The soonest expires in 9 h 59 min.',
      },
    ]);
  });

  it('turned off in Options: the summary comes without waiting for a poll', async () => {
    await h.configure(undefined, { quietHours: { ...nightsEveryDay, startMin: 0, endMin: 0 } }); // all day
    const background = await h.started();
    expect(h.shownIds()).toEqual([]);
    expect(h.alarms.armed.get(ALARM_TICK)).toBe(NOW + 4 * HOUR); // quiet all week never ends by itself
    const changed = await h.configure(undefined, { quietHours: { ...nightsEveryDay, enabled: false } });
    await background.onSettingsChanged(changed);
    expect(h.shownIds()).toEqual(['summary:apr_a,apr_b']);
  });
});

describe('filters', () => {
  it('a type left out is not notified but counted; a changed filter is planned at once', async () => {
    await h.configure(undefined, { notifyTypes: ['proposal_hire', 'milestone_approve', 'contract_end'] });
    const background = await h.started();
    expect(h.shownIds()).toEqual([]);
    expect(h.badge).toMatchObject({ text: '2' });
    // Its last call comes within the hour of expiry (break-through is on by default).
    expect(h.alarms.armed.get(ALARM_TICK)).toBe(NOW + 4 * HOUR);
    h.now = NOW + 9 * HOUR;
    await background.onAlarm(ALARM_TICK);
    expect(h.shownIds()).toEqual(['reminder:apr_a']);
    // Filters widened later do not announce what was already passed over.
    const changed = await h.configure(undefined, { notifyTypes: defaultSettings().notifyTypes });
    await background.onSettingsChanged(changed);
    expect(h.shownIds()).toEqual(['reminder:apr_a']);
  });
});

it('a state stored by version 3 loads without announcing anything again', async () => {
  await h.storage.set({
    [VERSION_KEY]: 3,
    notified: {
      apr_a: { new: NOW - HOUR, expiresAt: new Date(NOW + 10 * HOUR).toISOString() },
      apr_b: { new: NOW - HOUR, expiresAt: new Date(NOW + 20 * HOUR).toISOString() },
    },
  });
  await h.started();
  expect(h.shownIds()).toEqual([]);
  expect(h.badge).toMatchObject({ text: '2' });
  expect(h.storage.items.get(VERSION_KEY)).toBe(4);
  expect(h.storage.items.has('held')).toBe(false);
});
