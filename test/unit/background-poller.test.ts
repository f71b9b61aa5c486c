/** The background's poll loop over fake ports: badge, notifications, schedule, failures, restarts. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ALARM_POLL, ALARM_TICK } from '@/entrypoints/background/ports';
import { defaultSettings } from '@/lib/state';
import { HOUR, MINUTE, SECOND } from '@/lib/time';
import { approval } from '../support/approvals';
import { fromPanelOn, fromPopup, Harness, NOW, ORIGIN } from '../support/fake-background';
import { FakeOpenTrain, GOOD_TOKEN, OTHER_GOOD_TOKEN } from '../support/fake-opentrain';

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  h.api.add(approval({ id: 'apr_a' }, NOW, 10 * HOUR), approval({ id: 'apr_b' }, NOW, 20 * HOUR));
  await h.configure();
});

const interval = 60 * SECOND;

describe('the first poll', () => {
  it('paints the badge, announces each new approval in words, and arms the next poll', async () => {
    await h.started();
    expect(h.badge).toMatchObject({ kind: 'count', text: '2' });
    expect(h.badge?.title).toMatch(
      /^OpenTrain approvals: 2 approvals waiting for you\. Next expires in 10 h\. Updated /,
    );
    expect(h.shownIds()).toEqual(['new:apr_a', 'new:apr_b']);
    expect(h.notifier.shown.get('new:apr_a')).toMatchObject({
      title: 'New approval waiting',
      message: expect.stringContaining('Fund milestone “First labeling batch”, $300.00, Maria G.'),
    });
    expect(h.inMs(ALARM_POLL)).toBe(interval);
    // The tick: apr_a turns amber 6 hours before it expires.
    expect(h.inMs(ALARM_TICK)).toBe(4 * HOUR);
    expect(h.contentScriptSyncs).toEqual([ORIGIN]);
  });

  it('stores each part under its key, the list once, its rows in step with the context reads', async () => {
    await h.started();
    expect([...h.storage.items.keys()].sort()).toEqual(
      [
        'contexts',
        'credential',
        'notified',
        'pollStatus',
        'popupList',
        'settings',
        'stateVersion',
        'token',
        'tracking',
      ].sort(),
    );
    expect(h.storage.part('pollStatus')).toMatchObject({ lastAttemptAt: NOW, lastSuccessAt: NOW, failures: 0 });
    expect(h.storage.part('popupList')).toMatchObject({ fetchedAt: NOW, serverOffsetMs: 0, complete: true });
    expect(h.storage.part('popupList')?.rows.map((r) => [r.id, r.headline, r.amountUsd, r.contractId])).toEqual([
      ['apr_a', 'Fund milestone “First labeling batch”', 300, '<CONTRACT_ID>'],
      ['apr_b', 'Fund milestone “First labeling batch”', 300, '<CONTRACT_ID>'],
    ]);
    // Job titles once for all, a contract read per approval.
    expect(h.api.calls.map((c) => c.route)).toEqual(['list', 'jobs', 'contract', 'contract']);
  });

  it('uses the random port for the jitter', async () => {
    h.random = 0.5;
    await h.started();
    expect(h.inMs()).toBe(interval + 500);
  });
});

describe('new and resolved approvals', () => {
  it('announces a new approval once, and not again after the worker restarts', async () => {
    const first = await h.started();
    await h.fire(first);
    h.api.add(approval({ id: 'apr_c' }, NOW, 30 * HOUR));
    await h.fire(first);
    expect(h.shownIds()).toEqual(['new:apr_a', 'new:apr_b', 'new:apr_c']);

    h.now += interval;
    const restarted = await h.started(); // overdue: polls at once
    await h.fire(restarted);
    expect(h.api.callsTo('list')).toHaveLength(5);
    expect(h.shownIds()).toEqual(['new:apr_a', 'new:apr_b', 'new:apr_c']);
  });

  it('takes down the notifications of one resolved elsewhere', async () => {
    const background = await h.started();
    h.api.resolve('apr_a');
    await h.fire(background);
    expect(h.notifier.cleared).toEqual(['new:apr_a', 'reminder:apr_a']);
    expect([...h.notifier.shown.keys()]).toEqual(['new:apr_b']);
    expect(h.badge?.text).toBe('1');
    expect(Object.keys(await h.storage.contexts())).toEqual(['apr_b']);
  });
});

describe('context reads', () => {
  it('are at most 50 a poll, soonest expiry first; the rest come with the next polls', async () => {
    h.api.approvals.clear();
    for (let i = 0; i < 120; i++) h.api.add(approval({ id: `apr_${String(i).padStart(3, '0')}` }, NOW, (i + 1) * HOUR));
    const background = await h.started();
    const contractReads = () => h.api.callsTo('contract').map((call) => call.id);
    expect(h.api.callsTo('contract')).toHaveLength(50);
    const rows = h.storage.part('popupList')!.rows;
    expect(rows.filter((row) => row.detail).map((row) => row.id)).toEqual(rows.slice(0, 50).map((row) => row.id));
    expect(h.badge?.text).toBe('99+');

    await h.fire(background);
    await h.fire(background);
    expect(contractReads()).toHaveLength(120);
    await h.fire(background);
    expect(contractReads()).toHaveLength(120);
    expect(h.storage.part('popupList')!.rows.every((row) => row.detail)).toBe(true);
  });
  it('that failed for a passing reason are tried again within seconds, backing off, not at the next interval', async () => {
    h.api.fail({ kind: 'timeout', afterMs: 30 * SECOND }, { route: 'contract', count: 3 });
    const background = await h.started();
    const gaps = async () => Object.values(await h.storage.contexts()).filter((c) => c.unavailable.length).length;
    expect(await gaps()).toBe(2);
    expect(h.inMs()).toBe(5 * SECOND);
    await h.fire(background);
    // One read failed again: the retry after that waits twice as long.
    expect(await gaps()).toBe(1);
    expect(h.inMs()).toBe(10 * SECOND);
    await h.fire(background);
    expect(await gaps()).toBe(0);
    expect(h.api.callsTo('contract')).toHaveLength(5);
    expect(h.inMs()).toBe(interval);
  });

  it('that are refused (a missing scope) wait for the next interval', async () => {
    h.api.fail({ kind: 'forbidden' }, { route: 'contract', count: 2 });
    await h.started();
    expect(h.inMs()).toBe(interval);
  });
});

describe('failures', () => {
  it('backs off exponentially with jitter after server errors, and recovers', async () => {
    h.random = 0.5;
    h.api.fail({ kind: 'server', status: 503 }, { count: 3 });
    const background = await h.started();
    expect(h.inMs()).toBe(45 * SECOND); // half of 60 s fixed, half random
    await h.fire(background);
    expect(h.inMs()).toBe(90 * SECOND);
    await h.fire(background);
    expect(h.inMs()).toBe(180 * SECOND);
    expect(h.badge).toMatchObject({ kind: 'problem', text: '?' });
    expect(h.storage.part('pollStatus')).toMatchObject({ failures: 3, error: { error: { kind: 'server' } } });
    await h.fire(background);
    expect(h.inMs()).toBe(interval + 500);
    expect(h.storage.part('pollStatus')).toMatchObject({ failures: 0, error: null });
    expect(h.badge?.text).toBe('2');
  });

  it('waits as long as Retry-After asks, keeping the count on the badge', async () => {
    const background = await h.started();
    h.api.fail({ kind: 'rate_limited', retryAfterMs: 10 * MINUTE });
    await h.fire(background);
    expect(h.inMs()).toBe(10 * MINUTE);
    expect(h.storage.part('pollStatus').nextPollAt).toBe(h.now + 10 * MINUTE);
    expect(h.badge).toMatchObject({ kind: 'count', text: '2' });
  });

  it('retries at the normal interval when offline, and at once when back online', async () => {
    h.api.fail({ kind: 'network' });
    const background = await h.started();
    expect(h.inMs()).toBe(interval);
    expect(h.badge?.text).toBe('off');
    await background.onOnline();
    expect(h.badge?.text).toBe('2');
    await background.onOnline(); // nothing failing: no extra poll
    expect(h.api.callsTo('list')).toHaveLength(2);
  });

  it('stops after a 401, across restarts, until the token changes', async () => {
    await h.configure('ot_pat_revoked');
    const background = await h.started();
    expect(h.badge).toMatchObject({ kind: 'problem', text: '!' });
    expect(h.alarms.armed.has(ALARM_POLL)).toBe(false);
    h.now += HOUR;
    await (await h.started()).onOnline();
    expect(h.api.calls).toHaveLength(1);

    await background.onSettingsChanged(await h.configure(GOOD_TOKEN));
    expect(h.api.callsTo('list').map((c) => c.token)).toEqual(['ot_pat_revoked', GOOD_TOKEN]);
    expect(h.badge?.text).toBe('2');
    expect(h.inMs()).toBe(interval);
  });
});

describe('worker start', () => {
  it('does not poll again when the last attempt is recent, but makes sure the next is armed', async () => {
    await h.started();
    h.alarms.armed.clear();
    h.now += 10 * SECOND;
    await h.started();
    expect(h.api.callsTo('list')).toHaveLength(1);
    expect(h.inMs()).toBe(interval);
    expect(h.badge?.text).toBe('2');
  });

  it('without a token: the setup badge, no request', async () => {
    await h.configure(null);
    await h.started();
    expect(h.badge).toMatchObject({ kind: 'setup', text: '!' });
    expect(h.api.calls).toEqual([]);
  });

  it('takes up a preset URL and token in test builds', async () => {
    h.storage.items.clear();
    h.config.preset = { origin: `${ORIGIN}/ignored/path`, token: GOOD_TOKEN };
    await h.started();
    expect(h.storage.part('settings').origin).toBe(ORIGIN);
    expect(h.badge?.text).toBe('2');
  });
});

describe('settings', () => {
  it('a changed interval re-arms the poll without polling', async () => {
    const background = await h.started();
    await background.onSettingsChanged(await h.configure(GOOD_TOKEN, { intervalSec: 300 }));
    expect(h.inMs()).toBe(300 * SECOND);
    expect(h.api.callsTo('list')).toHaveLength(1);
  });

  it('a new URL discards the answer of a poll still in flight for the old one', async () => {
    const staging = 'https://staging.opentrain.example';
    h.servers.set(staging, new FakeOpenTrain().add(approval({ id: 'apr_staging' }, NOW, 10 * HOUR)));
    const background = await h.started();
    h.api.add(approval({ id: 'apr_stale' }, NOW, 10 * HOUR));
    const release = h.api.hold('list');
    const polling = h.fire(background);
    await vi.waitFor(() => expect(h.api.callsTo('list')).toHaveLength(2));

    // Saved as the options page does today: the token key alone, with the settings.
    await h.storage.set({ settings: defaultSettings(staging), token: OTHER_GOOD_TOKEN });
    const changing = background.onSettingsChanged(['settings', 'token']);
    await vi.waitFor(() => expect(h.contentScriptSyncs).toContain(staging));
    release();
    await Promise.all([polling, changing]);

    expect(h.storage.part('popupList')?.rows).toMatchObject([{ id: 'apr_staging' }]);
    expect(h.badges.map((b) => b.text)).not.toContain('3');
    expect(h.shownIds()).not.toContain('new:apr_stale');
    expect(h.shownIds()).toContain('new:apr_staging');
    // What was announced for the old URL is remembered (and taken down), never announced again.
    expect(h.notifier.cleared).toContain('new:apr_a');
    expect(h.badge?.text).toBe('1');
  });

  it('a new token discards the context reads still in flight for the old one', async () => {
    const background = await h.started();
    h.api.add(approval({ id: 'apr_c', contractId: 'c_new' }, NOW, 10 * HOUR));
    const release = h.api.hold('contract');
    const polling = h.fire(background);
    await vi.waitFor(() => expect(h.api.callsTo('contract')).toHaveLength(3));
    const changing = background.onSettingsChanged(await h.configure(OTHER_GOOD_TOKEN));
    await vi.waitFor(() => expect(h.contentScriptSyncs).toHaveLength(2));
    release();
    await Promise.all([polling, changing]);
    // The new token reads every context again (none was kept from the stale reads), and announces apr_c once.
    expect(h.api.callsTo('contract').filter((c) => c.token === OTHER_GOOD_TOKEN)).toHaveLength(3);
    expect(h.shownIds()).toEqual(['new:apr_a', 'new:apr_b', 'new:apr_c']);
  });
});

describe('tracked mode', () => {
  beforeEach(() => {
    h.api.listRoute = false;
  });

  /** A worker whose list route answered 404 twice in a row. */
  const trackedWorker = async () => {
    const background = await h.started();
    await h.fire(background);
    return background;
  };

  it('is entered after the list route answers 404 twice in a row, following what the popup is given', async () => {
    const background = await h.started();
    expect(h.storage.part('pollStatus')).toMatchObject({ mode: 'list', listMisses: 1 });
    await h.fire(background);
    expect(h.storage.part('pollStatus')).toMatchObject({ mode: 'tracked', listMisses: 2, listProbeAt: h.now });
    expect(h.badge?.text).toBe('');
    const reply = await background.onMessage({ type: 'track', input: `${ORIGIN}/approvals/apr_a` }, fromPopup);
    expect(reply).toEqual({ ok: true, approvalId: 'apr_a' });
    // Tracked mode polls at once.
    await vi.waitFor(() => expect(h.shownIds()).toEqual(['new:apr_a']));
    expect(h.badge?.text).toBe('1');

    h.api.resolve('apr_a', 'declined');
    await h.fire(background);
    expect(h.badge?.text).toBe('');
    expect(h.storage.part('tracking').ids).toEqual([]);
  });

  it('keeps an approval reported while a poll is running', async () => {
    const background = await trackedWorker();
    const release = h.api.hold('updates');
    const polling = h.fire(background);
    await vi.waitFor(() => expect(h.api.callsTo('updates')).toHaveLength(2));
    const panel = { type: 'panel', approvalId: 'apr_b', fresh: true };
    const answering = background.onMessage(panel, fromPanelOn(`${ORIGIN}/approvals/apr_b`));
    await vi.waitFor(() => expect(h.storage.part('tracking').ids).toEqual(['apr_b']));
    release();
    await Promise.all([polling, answering]);
    expect(h.storage.part('tracking').ids).toEqual(['apr_b']);
    await h.fire(background);
    expect(h.badge?.text).toBe('1');
  });
});
