/** What the background stores: the list once, in little room, and what happens when the browser refuses to store it. */
import { i18n } from '#i18n';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBackground } from '@/entrypoints/background/background';
import { ALARM_POLL } from '@/entrypoints/background/ports';
import { openTrainApi } from '@/lib/opentrain-api';
import { defaultSettings } from '@/lib/state';
import { HOUR, SECOND } from '@/lib/time';
import { SANDBOX_TOKENS } from '@/sandbox/data';
import { startSandbox, type Sandbox } from '@/sandbox/server';
import { approval } from '../support/approvals';
import {
  bytesInUse,
  FakeAlarms,
  FakeNotifier,
  FakeStorage,
  fromPanelOn,
  Harness,
  NOW,
  ORIGIN,
} from '../support/fake-background';

const KB = 1024;

describe('room taken', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  afterAll(() => sandbox.close());

  it('1,000 approvals with their context take at most 700 KB, the list stored once', async () => {
    sandbox.state.addApprovals({ count: 996 });
    const storage = new FakeStorage();
    const settings = {
      ...defaultSettings(sandbox.origin),
      intervalSec: 3600,
      notifyNew: false,
      notifyReminders: false,
    };
    await storage.set({ settings, token: SANDBOX_TOKENS.full });
    const background = createBackground(
      {
        storage,
        alarms: new FakeAlarms(),
        notifier: new FakeNotifier(),
        badge: { set: async () => {} },
        tabs: { openApproval: async () => {}, openOptions: async () => {}, openOptionsInNewTab: async () => {} },
        contentScript: { sync: async () => {} },
        api: openTrainApi,
        now: Date.now,
        timeZone: () => 'UTC',
        random: () => 0,
        t: i18n.t,
        locale: 'en',
      },
      { minIntervalSec: 30, requestTimeoutMs: 30_000, preset: null, extensionId: 'x', extensionBaseUrl: 'x' },
    );
    await background.start();
    const rows = () => storage.part('popupList')?.rows ?? [];
    // Context reads are spread over polls.
    for (let poll = 0; poll < 30 && !(rows().length === 1000 && rows().every((row) => row.detail)); poll++) {
      await background.onAlarm(ALARM_POLL);
    }
    expect(rows().filter((row) => row.detail)).toHaveLength(1000);
    expect(storage.items.has('snapshot')).toBe(false);
    expect(bytesInUse(storage.items)).toBeLessThanOrEqual(700 * KB);
  }, 60_000);
});

describe('a list the browser refuses to store', () => {
  let h: Harness;
  beforeEach(async () => {
    h = new Harness();
    h.api.add(approval({ id: 'apr_a' }, NOW, 10 * HOUR), approval({ id: 'apr_b' }, NOW, 20 * HOUR));
    await h.configure();
  });

  it('keeps the last stored list, says so on the badge instead of a count, and announces nothing it could not remember', async () => {
    const background = await h.started();
    for (let i = 0; i < 20; i++) h.api.add(approval({ id: `apr_new_${i}` }, NOW, 30 * HOUR));
    // Room for the status, not for a list ten times longer.
    h.storage.quotaBytes = bytesInUse(h.storage.items) + 300;
    await h.fire(background);

    expect(h.badge).toMatchObject({
      kind: 'problem',
      text: '?',
      title:
        'OpenTrain approvals: The latest list of approvals could not be saved in the browser’s storage, so what is shown may be out of date. Open OpenTrain to see what is waiting. The extension tries again at every check; if this lasts, restart the browser.',
    });
    expect(h.storage.part('popupList')?.rows.map((row) => row.id)).toEqual(['apr_a', 'apr_b']);
    expect(h.storage.part('pollStatus').problem).toMatchObject({ kind: 'storage' });
    expect(h.shownIds()).toEqual(['new:apr_a', 'new:apr_b']);
    expect(h.inMs()).toBe(60 * SECOND); // polling goes on
    // What the background answers from memory is what is stored.
    const panel = { type: 'panel', approvalId: 'apr_new_0', fresh: false };
    expect(await background.onMessage(panel, fromPanelOn(`${ORIGIN}/approvals/apr_new_0`))).toMatchObject({
      ok: false,
      reason: 'not_cached',
    });

    h.storage.quotaBytes = null;
    await h.fire(background);
    expect(h.badge).toMatchObject({ kind: 'count', text: '22' });
    expect(h.storage.part('pollStatus').problem).toBeNull();
    expect(h.shownIds()).toHaveLength(3); // the twenty new ones, in one group
  });
});
