/** The keyboard commands and the first run, over fake ports; which approval is the most urgent (lib/most-urgent.ts). */
import { beforeEach, describe, expect, it } from 'vitest';
import { COMMAND } from '@/lib/commands';
import { mostUrgent } from '@/lib/most-urgent';
import type { PopupRow } from '@/lib/popup-list';
import { defaultAttention } from '@/lib/attention';
import { HOUR, MINUTE } from '@/lib/time';
import { approval } from '../support/approvals';
import { Harness, NOW, ORIGIN } from '../support/fake-background';
import { GOOD_TOKEN } from '../support/fake-opentrain';

describe('the most urgent approval', () => {
  const row = (id: string, expiresAt: string): PopupRow => ({
    id,
    type: 'milestone_fund',
    status: 'pending',
    headline: id,
    amountUsd: null,
    detail: null,
    createdAt: '2026-11-22T00:00:00Z',
    expiresAt,
  });
  const at = (ms: number) => new Date(ms).toISOString();
  const list = (rows: PopupRow[], serverOffsetMs = 0) => ({ fetchedAt: NOW, serverOffsetMs, complete: true, rows });
  const ctx = { nowMs: NOW, reminderLeadMin: 120 };
  const snoozed = (...ids: string[]) => ({
    ...defaultAttention(),
    snoozed: Object.fromEntries(ids.map((id) => [id, { until: NOW + 10 * HOUR, at: NOW }])),
  });

  it('is the one that expires soonest, expired and unreadable expiries aside', () => {
    const rows = [
      row('later', at(NOW + 5 * HOUR)),
      row('gone', at(NOW - MINUTE)),
      row('unknown', 'soon'),
      row('soonest', at(NOW + 4 * HOUR)),
    ];
    expect(mostUrgent(list(rows), defaultAttention(), ctx)?.id).toBe('soonest');
    expect(mostUrgent(list([row('unknown', 'soon')]), defaultAttention(), ctx)?.id).toBe('unknown');
    expect(mostUrgent(list([row('gone', at(NOW - MINUTE))]), defaultAttention(), ctx)).toBeNull();
    // On the server's clock: 5 minutes ahead, the 4-minute one has expired.
    expect(mostUrgent(list([row('a', at(NOW + 4 * MINUTE))], 5 * MINUTE), defaultAttention(), ctx)).toBeNull();
  });

  it('skips snoozed ones; when every one is snoozed, the soonest anyway', () => {
    const rows = [row('a', at(NOW + 4 * HOUR)), row('b', at(NOW + 5 * HOUR))];
    expect(mostUrgent(list(rows), snoozed('a'), ctx)?.id).toBe('b');
    expect(mostUrgent(list(rows), snoozed('a', 'b'), ctx)?.id).toBe('a');
    // A snooze never runs past the reminder: 2 h before its expiry, a snoozed one is back.
    expect(mostUrgent(list([row('a', at(NOW + HOUR)), row('b', at(NOW + 5 * HOUR))]), snoozed('a'), ctx)?.id).toBe('a');
  });
});

describe('the "open the most urgent approval" command', () => {
  let h: Harness;
  beforeEach(async () => {
    h = new Harness();
    h.api.add(
      approval({ id: 'apr_later' }, NOW, 20 * HOUR),
      approval({ id: 'apr_soonest' }, NOW, 10 * HOUR),
      approval({ id: 'apr_next' }, NOW, 15 * HOUR),
    );
    await h.configure();
  });

  it('opens the soonest-expiring approval on the configured OpenTrain URL', async () => {
    const background = await h.started();
    await background.onCommand(COMMAND.openMostUrgent);
    expect(h.openedTabs).toEqual([`${ORIGIN}/approvals/apr_soonest`]);
    await background.onCommand('some-other-command');
    expect(h.openedTabs).toHaveLength(1);
  });

  it('passes over a snoozed approval', async () => {
    await h.storage.set({
      attention: { snoozed: { apr_soonest: { until: NOW + 4 * HOUR, at: NOW } }, pausedUntil: null },
    });
    await (await h.started()).onCommand(COMMAND.openMostUrgent);
    expect(h.openedTabs).toEqual([`${ORIGIN}/approvals/apr_next`]);
  });

  it('with nothing pending, says so in a notification and opens nothing', async () => {
    h.api.approvals.clear();
    await (await h.started()).onCommand(COMMAND.openMostUrgent);
    expect(h.openedTabs).toEqual([]);
    expect(h.notifier.history).toEqual([
      {
        id: 'command:nothing-waiting',
        title: 'No approvals waiting',
        message: 'Nothing waits for your decision in OpenTrain right now.',
      },
    ]);
  });

  it('before the first list, says it has not read the approvals yet', async () => {
    await h.worker().onCommand(COMMAND.openMostUrgent); // not started: nothing polled
    expect(h.openedTabs).toEqual([]);
    expect(h.notifier.history.map((n) => n.title)).toEqual(['Approvals not read yet']);
  });

  it('not connected, opens Options, which says how to connect', async () => {
    await h.configure(null);
    await (await h.started()).onCommand(COMMAND.openMostUrgent);
    expect(h.openedOptions).toBe(1);
    expect(h.openedTabs).toEqual([]);
  });

  it('opens from the last list while OpenTrain refuses the token (the page needs no token)', async () => {
    const background = await h.started();
    h.api.tokens.delete(GOOD_TOKEN);
    await h.fire(background);
    expect(h.badge?.text).toBe('!');
    await background.onCommand(COMMAND.openMostUrgent);
    expect(h.openedTabs).toEqual([`${ORIGIN}/approvals/apr_soonest`]);
  });
});

describe('the first run', () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });

  it('opens Options (with its welcome) on install, not on an update or a browser update', async () => {
    const background = h.worker();
    await background.onInstalled('update');
    await background.onInstalled('browser_update');
    expect(h.openedOptionsInNewTab).toBe(0);
    await background.onInstalled('install');
    expect(h.openedOptionsInNewTab).toBe(1);
  });

  it('not when a token is there already: saved, or preset by a test or demo build', async () => {
    await h.configure();
    await h.worker().onInstalled('install');
    expect(h.openedOptionsInNewTab).toBe(0);

    const preset = new Harness();
    preset.config = { ...preset.config, preset: { origin: ORIGIN, token: GOOD_TOKEN } };
    await preset.worker().onInstalled('install');
    expect(preset.openedOptionsInNewTab).toBe(0);
  });
});
