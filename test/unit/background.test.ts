/** The background's wiring with WXT's fake browser, against the sandbox. */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackground, ALARM_POLL } from '@/entrypoints/background/controller';
import type { Tracking } from '@/lib/poll-record';
import { defaultSettings } from '@/lib/state';
import { SANDBOX_TOKENS } from '@/sandbox/data';
import { startSandbox, type Sandbox } from '@/sandbox/server';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

const extensionPage = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') });
const contentScriptOn = (url: string) => ({ id: fakeBrowser.runtime.id, url, tab: {} });

beforeEach(async () => {
  sandbox.state.reset();
  fakeBrowser.reset();
  fakeBrowser.scripting.getRegisteredContentScripts = vi.fn().mockResolvedValue([]) as never;
  fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'x', version: '1', content_scripts: [] });
  fakeBrowser.permissions.contains = vi.fn().mockResolvedValue(false);
  await fakeBrowser.storage.local.set({ settings: defaultSettings(sandbox.origin), token: SANDBOX_TOKENS.full });
});

const tracking = async () => (await fakeBrowser.storage.local.get('tracking')).tracking as Tracking;

describe('the background', () => {
  it('polls on start, paints the badge, announces once in words, and arms the next poll', async () => {
    const background = createBackground();
    await background.start();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('4');
    expect(await fakeBrowser.action.getTitle({})).toMatch(
      /^OpenTrain approvals: 4 approvals waiting for you\. Next expires in 4\d min\./,
    );
    const shown = fakeBrowser.notifications.getAllCreateOptions();
    expect(Object.keys(shown)).toEqual(['group:apr_fund_first_batch,apr_release_polygon,apr_hire_amara,apr_end_lena']);
    expect(JSON.stringify(shown)).toContain('Fund milestone “First labeling batch”');
    expect(JSON.stringify(shown)).not.toContain(SANDBOX_TOKENS.full);
    expect(await fakeBrowser.alarms.get(ALARM_POLL)).toBeDefined();
    // The popup's list, in the shape it paints, soonest first, kept in step with the context reads.
    const { popupList } = (await fakeBrowser.storage.local.get('popupList')) as {
      popupList: { rows: Array<{ id: string; headline: string; amountUsd: number | null }> };
    };
    expect(popupList.rows.map((r) => [r.id, r.headline, r.amountUsd])).toEqual([
      ['apr_fund_first_batch', 'Fund milestone “First labeling batch”', 300],
      ['apr_release_polygon', 'Release payment “Polygon QA round 1”', 1200],
      ['apr_hire_amara', 'Hire Amara O.', null],
      ['apr_end_lena', 'End contract “Podcast Transcription Contract”', 600],
    ]);

    // Woken again by its alarm: nothing new to say.
    await background.onAlarm(ALARM_POLL);
    expect(Object.keys(fakeBrowser.notifications.getAllCreateOptions())).toHaveLength(1);
  });

  it('a restarted worker keeps what was announced, and a notification click still opens the approval', async () => {
    await createBackground().start();
    await fakeBrowser.notifications.clear(Object.keys(fakeBrowser.notifications.getAllCreateOptions())[0]!);
    const restarted = createBackground();
    await restarted.onAlarm(ALARM_POLL);
    expect(fakeBrowser.notifications.getAllCreateOptions()).toEqual({});
    await restarted.onNotificationClicked('new:apr_end_lena');
    const urls = (await fakeBrowser.tabs.query({})).map((t) => t.url);
    expect(urls).toContain(`${sandbox.origin}/approvals/apr_end_lena`);
  });

  it('keeps an approval reported while a poll is running (tracked mode)', async () => {
    sandbox.state.listRoute = false;
    const background = createBackground();
    await background.start(); // now in tracked mode, nothing tracked
    sandbox.state.faults.push({ count: 1, path: '/updates', delayMs: 300 });
    const polling = background.onAlarm(ALARM_POLL);
    await vi.waitFor(() =>
      expect(sandbox.state.log.some((e) => e.path.endsWith('/updates') && e.status === 0)).toBe(true),
    );
    const reply = await background.onMessage(
      { type: 'track', input: `${sandbox.origin}/approvals/apr_hire_amara` },
      extensionPage(),
    );
    expect(reply).toEqual({ ok: true, approvalId: 'apr_hire_amara' });
    await polling;
    expect((await tracking()).ids).toContain('apr_hire_amara');
    await background.onAlarm(ALARM_POLL);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
  });

  it('answers only its own pages and its content script on the configured origin', async () => {
    const background = createBackground();
    await background.start();
    const panel = { type: 'panel', approvalId: 'apr_end_lena', fresh: false };
    expect(
      await background.onMessage(panel, contentScriptOn('https://evil.example/approvals/apr_end_lena')),
    ).toMatchObject({ ok: false, reason: 'refused' });
    expect(
      await background.onMessage(panel, {
        id: 'another-extension',
        url: 'chrome-extension://another-extension/x.html',
      }),
    ).toMatchObject({ ok: false, reason: 'refused' });
    // The content script may not ask for polls, nor anything the panel does not need.
    expect(
      await background.onMessage({ type: 'refresh' }, contentScriptOn(`${sandbox.origin}/approvals/x`)),
    ).toMatchObject({ ok: false, reason: 'refused' });
    expect(await background.onMessage({ type: 'confirm', approvalId: 'apr_end_lena' }, extensionPage())).toMatchObject({
      ok: false,
      reason: 'refused',
    });
    expect(
      await background.onMessage(panel, contentScriptOn(`${sandbox.origin}/approvals/apr_end_lena`)),
    ).toMatchObject({ ok: true, approval: { id: 'apr_end_lena' } });
  });

  it('a popup refresh right after a poll is debounced', async () => {
    const background = createBackground();
    await background.start();
    const requests = sandbox.state.log.length;
    expect(await background.onMessage({ type: 'refresh' }, extensionPage())).toEqual({ ok: true, polled: false });
    expect(sandbox.state.log.length).toBe(requests);
  });
});
