/** What became of approvals, learnt by the background over fake ports, and "expired without a decision". */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Background } from '@/entrypoints/background/background';
import { CONTEXT_READS_PER_POLL } from '@/lib/enrich';
import { OUTCOME_READS_PER_POLL } from '@/lib/outcome-learning';
import { LIST_MISSES_TO_TRACK } from '@/lib/schedule';
import { VERSION_KEY } from '@/lib/state';
import { HOUR, MINUTE } from '@/lib/time';
import { approval } from '../support/approvals';
import { fromPanelOn, Harness, NOW, ORIGIN } from '../support/fake-background';
import { OTHER_GOOD_TOKEN } from '../support/fake-opentrain';

let h: Harness;
let background: Background;
beforeEach(async () => {
  h = new Harness();
  h.api.add(approval({ id: 'apr_a' }, NOW, 10 * HOUR), approval({ id: 'apr_b' }, NOW, 20 * HOUR));
  await h.configure();
});

const outcomes = () => h.storage.part('outcomes') ?? [];
const statuses = () => outcomes().map((o) => [o.row.id, o.status]);
const expiredNotices = () => h.shownIds().filter((id) => id.startsWith('expired:'));
const approvalReads = () => h.api.callsTo('approval').map((call) => call.id);

describe('an approval decided in OpenTrain', () => {
  beforeEach(async () => {
    background = await h.started();
  });

  it('is read once after it leaves the list and recorded with the row it had; confirmed or declined, no notice', async () => {
    h.api.resolve('apr_a', 'confirmed');
    h.api.resolve('apr_b', 'declined');
    await h.fire(background);
    expect(approvalReads()).toEqual(['apr_a', 'apr_b']);
    expect(outcomes()).toEqual([
      expect.objectContaining({ status: 'confirmed', resolvedAt: h.now, announced: true }),
      expect.objectContaining({ status: 'declined', resolvedAt: h.now, announced: true }),
    ]);
    expect(outcomes()[0]?.row).toMatchObject({
      id: 'apr_a',
      headline: 'Fund milestone “First labeling batch”',
      amountUsd: 300,
      detail: 'Spanish Sentiment Labeling Contract · Maria G.',
    });
    expect(h.storage.part('resolving')).toEqual({});
    expect(expiredNotices()).toEqual([]);

    await h.fire(background); // learnt: never read again
    expect(approvalReads()).toEqual(['apr_a', 'apr_b']);
    expect(outcomes()).toHaveLength(2);
  });

  it('a read that fails is made again at the next poll; a 404 gives up without guessing', async () => {
    h.api.resolve('apr_a', 'confirmed');
    h.api.approvals.delete('apr_b'); // this token may not see it any more
    h.api.fail({ kind: 'server', status: 502 }, { route: 'approval' });
    await h.fire(background);
    expect(outcomes()).toEqual([]);
    expect(Object.keys(h.storage.part('resolving'))).toEqual(['apr_a']);

    await h.fire(background);
    expect(statuses()).toEqual([['apr_a', 'confirmed']]);
    expect(h.storage.part('resolving')).toEqual({});
    expect(approvalReads()).toEqual(['apr_a', 'apr_b', 'apr_a']);
  });

  it('is recorded at once when the approval page reads it resolved', async () => {
    h.api.resolve('apr_a', 'declined');
    const on = fromPanelOn(`${ORIGIN}/approvals/apr_a`);
    await background.onMessage({ type: 'panel', approvalId: 'apr_a', fresh: true }, on);
    expect(statuses()).toEqual([['apr_a', 'declined']]);
    await h.fire(background);
    expect(approvalReads()).toEqual(['apr_a']); // the panel's read only
  });

  it('spends at most OUTCOME_READS_PER_POLL reads a poll, out of the poll’s read budget', async () => {
    const many = Array.from({ length: OUTCOME_READS_PER_POLL + 2 }, (_, i) =>
      approval({ id: `apr_r${i}` }, NOW, 10 * HOUR),
    );
    h.api.add(...many);
    await h.fire(background);
    for (const { id } of many) h.api.resolve(id, 'confirmed');
    const fresh = Array.from({ length: CONTEXT_READS_PER_POLL }, (_, i) =>
      approval({ id: `apr_n${i}`, contractId: `c_${i}` }, NOW, 10 * HOUR),
    );
    h.api.add(...fresh);
    h.api.calls = [];
    await h.fire(background);
    expect(h.api.callsTo('approval')).toHaveLength(OUTCOME_READS_PER_POLL);
    expect(h.api.callsTo('contract')).toHaveLength(CONTEXT_READS_PER_POLL - OUTCOME_READS_PER_POLL);
    h.api.calls = [];
    await h.fire(background);
    expect(h.api.callsTo('approval')).toHaveLength(2);
    expect(outcomes()).toHaveLength(many.length);
  });

  it('a new token starts a new list: nothing is learnt from the old one, nothing of it is read with the new one', async () => {
    h.api.resolve('apr_a', 'confirmed');
    h.api.resolve('apr_b', 'confirmed');
    h.api.fail({ kind: 'server', status: 502 }, { route: 'approval', count: 2 });
    await h.fire(background);
    expect(Object.keys(h.storage.part('resolving'))).toEqual(['apr_a', 'apr_b']);
    h.api.calls = [];
    await background.onSettingsChanged(await h.configure(OTHER_GOOD_TOKEN));
    expect(h.storage.part('resolving')).toEqual({});
    expect(outcomes()).toEqual([]);
    expect(approvalReads()).toEqual([]);
  });
});

describe('expired without a decision', () => {
  it('an approval expired in OpenTrain is recorded and told once, which and that the agent must ask again; never again after a restart', async () => {
    background = await h.started();
    h.api.resolve('apr_a', 'expired');
    await h.fire(background);
    expect(statuses()).toEqual([['apr_a', 'expired']]);
    expect(h.notifier.shown.get('expired:apr_a')).toEqual({
      id: 'expired:apr_a',
      title: 'Expired without a decision',
      message:
        'Fund milestone “First labeling batch”, $300.00. Nobody confirmed or declined it in time, so the agent must ask again with a new approval.',
    });
    expect(outcomes()[0]?.noticeShownAt).toBe(h.now);

    const restarted = await h.started();
    await h.fire(restarted);
    await h.fire(restarted);
    expect(expiredNotices()).toEqual(['expired:apr_a']);
    expect(outcomes()).toHaveLength(1);

    await restarted.onNotificationClicked('expired:apr_a');
    expect(h.openedTabs).toEqual([`${ORIGIN}/approvals/apr_a`]);
  });

  it('an approval still listed when its expiry passes expired: recorded at the expiry, no read needed', async () => {
    h.api.add(approval({ id: 'apr_soon' }, NOW, 2 * MINUTE));
    background = await h.started();
    while (h.now < NOW + 3 * MINUTE) await h.fire(background);
    expect(statuses()).toEqual([['apr_soon', 'expired']]);
    expect(outcomes()[0]?.resolvedAt).toBe(NOW + 2 * MINUTE);
    expect(approvalReads()).toEqual([]);
    expect(expiredNotices()).toEqual(['expired:apr_soon']);
  });

  it('says nothing about an approval the reviewer was never told about', async () => {
    background = await h.started();
    await h.storage.set({ notified: {} }); // as if it had never been announced
    background = await h.started();
    h.api.resolve('apr_a', 'expired');
    await h.fire(background);
    expect(outcomes()).toEqual([expect.objectContaining({ status: 'expired', announced: false })]);
    expect(expiredNotices()).toEqual([]);
  });

  it('waits while notifications are paused, and is told when they resume', async () => {
    await h.storage.set({ attention: { snoozed: {}, pausedUntil: NOW + 30 * MINUTE } });
    background = await h.started();
    h.api.resolve('apr_a', 'expired');
    await h.fire(background);
    expect(statuses()).toEqual([['apr_a', 'expired']]);
    expect(expiredNotices()).toEqual([]);
    while (h.now < NOW + 31 * MINUTE) await h.fire(background);
    expect(expiredNotices()).toEqual(['expired:apr_a']);
  });

  it('waits out quiet hours, and is told when they end', async () => {
    // Quiet from 9:00 to 10:30 (UTC, the reviewer's zone here); it is 10:00.
    const quietHours = { enabled: true, days: [0, 1, 2, 3, 4, 5, 6], startMin: 9 * 60, endMin: 10 * 60 + 30 };
    await h.configure(undefined, { quietHours });
    background = await h.started();
    h.api.resolve('apr_a', 'expired');
    await h.fire(background);
    expect(statuses()).toEqual([['apr_a', 'expired']]);
    expect(expiredNotices()).toEqual([]);
    while (h.now < NOW + 31 * MINUTE) await h.fire(background);
    expect(expiredNotices()).toEqual(['expired:apr_a']);
  });

  it('respects notifications turned off', async () => {
    await h.configure(undefined, { notifyNew: false, notifyReminders: false });
    background = await h.started();
    h.api.resolve('apr_a', 'expired');
    await h.fire(background);
    expect(statuses()).toEqual([['apr_a', 'expired']]);
    expect(h.shownIds()).toEqual([]);
  });
});

describe('tracked mode', () => {
  it('learns outcomes from the event feed, without reads', async () => {
    background = await h.started(); // listed, then the list route goes: tracked mode follows what it listed
    h.api.listRoute = false;
    for (let i = 0; i < LIST_MISSES_TO_TRACK; i++) await h.fire(background);
    expect(h.storage.part('pollStatus').mode).toBe('tracked');
    const reads = approvalReads();
    h.api.resolve('apr_a', 'declined');
    h.api.resolve('apr_b', 'expired');
    await h.fire(background);
    expect(statuses()).toEqual([
      ['apr_a', 'declined'],
      ['apr_b', 'expired'],
    ]);
    expect(approvalReads()).toEqual(reads);
    expect(expiredNotices()).toEqual(['expired:apr_b']);
  });
});

describe('a reviewer updating from the version before', () => {
  it('loads what version 3 stored without announcing anything again, then learns outcomes', async () => {
    background = await h.started();
    const shown = h.shownIds();
    // Version 3 stored no outcomes, attention or resolving, and its settings lacked the new fields.
    await h.storage.remove(['outcomes', 'resolving', 'attention']);
    await h.storage.set({ [VERSION_KEY]: 3 });
    background = await h.started();
    await h.fire(background);
    expect(h.shownIds()).toEqual(shown);
    expect(h.storage.items.get(VERSION_KEY)).toBe(4);
    h.api.resolve('apr_a', 'expired');
    await h.fire(background);
    expect(statuses()).toEqual([['apr_a', 'expired']]);
    expect(h.shownIds()).toEqual([...shown, 'expired:apr_a']);
  });
});
