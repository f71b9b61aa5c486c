/** Where the token may go: storage closed to content scripts, and the token bound to the URL it was saved for. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { STATE_VERSION, VERSION_KEY } from '@/lib/state';
import { HOUR } from '@/lib/time';
import { approval } from '../support/approvals';
import { fromPanelOn, fromPopup, Harness, NOW, ORIGIN } from '../support/fake-background';
import { FakeOpenTrain, GOOD_TOKEN, OTHER_GOOD_TOKEN } from '../support/fake-opentrain';
import { defaultSettings } from '@/lib/settings';

const EVIL = 'https://evil.example';
const STAGING = 'https://staging.opentrain.example';

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  h.api.add(approval({ id: 'apr_a' }, NOW, 10 * HOUR));
  h.servers.set(EVIL, new FakeOpenTrain().add(approval({ id: 'apr_evil' }, NOW, 10 * HOUR)));
  h.servers.set(STAGING, new FakeOpenTrain().add(approval({ id: 'apr_s1' }, NOW, 10 * HOUR)));
  await h.configure();
});

describe('storage and content scripts', () => {
  it('is closed to content scripts before anything is read (Chrome)', async () => {
    h.storage.operations = [];
    await h.started();
    expect(h.storage.accessLevel).toBe('TRUSTED_CONTEXTS');
    expect(h.storage.operations[0]).toBe('setAccessLevel TRUSTED_CONTEXTS');
  });

  it('still works where the call fails or does not exist (Firefox)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    h.storage.setAccessLevel = async () => {
      throw new Error('This StorageArea does not support setAccessLevel');
    };
    await h.started();
    expect(h.badge?.text).toBe('1');
    expect(warn).toHaveBeenCalledWith('[OpenTrain approvals] storage could not be closed to content scripts (Error)');

    const firefox = new Harness();
    Object.assign(firefox.storage, { setAccessLevel: undefined });
    firefox.api.add(approval({ id: 'apr_a' }, NOW, 10 * HOUR));
    await firefox.configure();
    await firefox.started();
    expect(firefox.badge?.text).toBe('1');
  });
});

describe('the token and its URL', () => {
  it('a URL changed on its own in storage takes the token nowhere, and says so', async () => {
    const background = await h.started();
    const before = h.api.calls.length;
    // What a content script could write: the settings only.
    await h.storage.set({ settings: defaultSettings(EVIL) });
    await background.onSettingsChanged(['settings']);
    h.now += HOUR;
    await (await h.started()).onAlarm('poll'); // a restarted worker, an overdue alarm

    expect(h.servers.get(EVIL)!.calls).toEqual([]);
    expect(h.api.calls).toHaveLength(before);
    expect(h.badge).toMatchObject({
      kind: 'problem',
      text: '!',
      title:
        'OpenTrain approvals: The OpenTrain URL changed, so the saved token is not sent anywhere. Open the extension’s Options and save the token again for the new URL.',
    });
    expect(h.storage.part('pollStatus').problem).toMatchObject({ kind: 'origin_changed' });
    expect(h.storage.part('credential')).toEqual({ origin: ORIGIN, token: GOOD_TOKEN });
    expect(await background.onMessage({ type: 'refresh' }, fromPopup)).toEqual({
      ok: false,
      message:
        'The OpenTrain URL changed, so the saved token is not sent anywhere. Open the extension’s Options and save the token again for the new URL.',
    });
    expect(
      await background.onMessage(
        { type: 'panel', approvalId: 'apr_evil', fresh: true },
        fromPanelOn(`${EVIL}/approvals/apr_evil`),
      ),
    ).toMatchObject({ ok: false, reason: 'not_configured', problem: { title: expect.stringMatching(/URL changed/) } });
    expect(h.servers.get(EVIL)!.calls).toEqual([]);
  });

  it('goes to a new URL once the token is saved again for it', async () => {
    const background = await h.started();
    await h.storage.set({ settings: defaultSettings(STAGING) });
    await background.onSettingsChanged(['settings']);
    await background.onSettingsChanged(await h.configure(OTHER_GOOD_TOKEN, { origin: STAGING }));
    expect(h.servers.get(STAGING)!.calls.map((c) => c.token)).toContain(OTHER_GOOD_TOKEN);
    expect(h.badge?.text).toBe('1');
    expect(h.storage.part('pollStatus').problem).toBeNull();
  });

  it('a page that saves only the token key binds it to the URL saved with it', async () => {
    const background = await h.started();
    await h.storage.set({ settings: defaultSettings(STAGING), token: OTHER_GOOD_TOKEN });
    await background.onSettingsChanged(['settings', 'token']);
    expect(h.storage.part('credential')).toEqual({ origin: STAGING, token: OTHER_GOOD_TOKEN });
    expect(
      h.servers
        .get(STAGING)!
        .callsTo('list')
        .map((c) => c.token),
    ).toEqual([OTHER_GOOD_TOKEN]);

    await h.storage.set({ token: null }); // "Forget the token"
    await background.onSettingsChanged(['token']);
    expect(h.storage.part('credential')).toBeNull();
    expect(h.badge).toMatchObject({ kind: 'setup' });
  });

  it('state saved before the credential existed keeps working: the token is bound to its URL', async () => {
    h.storage.items.clear();
    await h.storage.set({ [VERSION_KEY]: 1, settings: defaultSettings(STAGING), token: GOOD_TOKEN });
    await h.started();
    expect(h.storage.part('credential')).toEqual({ origin: STAGING, token: GOOD_TOKEN });
    expect(h.storage.items.get(VERSION_KEY)).toBe(STATE_VERSION);
    expect(
      h.servers
        .get(STAGING)!
        .callsTo('list')
        .map((c) => c.token),
    ).toEqual([GOOD_TOKEN]);
    expect(h.badge?.text).toBe('1');
  });
});
