/** The background's message router over fake ports: who may ask what, and each answer. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Background } from '@/entrypoints/background/background';
import { HOUR, SECOND } from '@/lib/time';
import { approval } from '../support/approvals';
import { EXTENSION_BASE, EXTENSION_ID, fromPanelOn, fromPopup, Harness, NOW, ORIGIN } from '../support/fake-background';

let h: Harness;
let background: Background;
beforeEach(async () => {
  h = new Harness();
  h.api.add(approval({ id: 'apr_a' }, NOW, 10 * HOUR));
  await h.configure();
  background = await h.started();
});

const refused = { ok: false, reason: 'refused', message: 'Refused: this sender may not ask that.' };
const panel = { type: 'panel', approvalId: 'apr_a', fresh: false };

describe('who may ask', () => {
  it('this extension’s pages may ask for everything', async () => {
    expect(await background.onMessage(panel, fromPopup)).toMatchObject({ ok: true });
    expect(await background.onMessage({ type: 'refresh' }, fromPopup)).toMatchObject({ ok: true });
  });

  it('its content script only on the configured origin, and only what the panel needs', async () => {
    const onOrigin = fromPanelOn(`${ORIGIN}/approvals/apr_a`);
    expect(await background.onMessage(panel, onOrigin)).toMatchObject({ ok: true });
    expect(await background.onMessage({ type: 'refresh' }, onOrigin)).toMatchObject(refused);
    expect(await background.onMessage({ type: 'open', approvalId: 'apr_a' }, onOrigin)).toMatchObject(refused);
    expect(await background.onMessage(panel, fromPanelOn('https://evil.example/approvals/apr_a'))).toMatchObject({
      ...refused,
      problem: {
        title: 'This page is not on the OpenTrain URL set in the extension’s Options, so it is not annotated.',
      },
    });
    // An extension page's URL with no tab is not the content script.
    expect(await background.onMessage(panel, { id: EXTENSION_ID, url: `${ORIGIN}/approvals/apr_a` })).toMatchObject(
      refused,
    );
  });

  it('nobody else, and nothing that does not parse', async () => {
    const other = { id: 'another-extension', url: 'chrome-extension://another-extension/x.html' };
    expect(await background.onMessage(panel, other)).toMatchObject(refused);
    expect(await background.onMessage(panel, { id: EXTENSION_ID })).toMatchObject(refused);
    expect(await background.onMessage({ type: 'confirm', approvalId: 'apr_a' }, fromPopup)).toMatchObject(refused);
    expect(await background.onMessage({ type: 'panel', approvalId: 'apr_a' }, fromPopup)).toMatchObject(refused);
    expect(await background.onMessage('refresh', fromPopup)).toMatchObject(refused);
    expect(h.openedTabs).toEqual([]);
  });
});

describe('the answers', () => {
  it('refresh: polls, but not again within 5 s of the last poll', async () => {
    expect(await background.onMessage({ type: 'refresh' }, fromPopup)).toEqual({ ok: true, polled: false });
    h.now += 5 * SECOND;
    expect(await background.onMessage({ type: 'refresh' }, fromPopup)).toEqual({ ok: true, polled: true });
    expect(h.api.callsTo('list')).toHaveLength(2);
  });

  it('refresh without a token says what to do', async () => {
    await background.onSettingsChanged(await h.configure(null));
    expect(await background.onMessage({ type: 'refresh' }, fromPopup)).toEqual({
      ok: false,
      message: 'Add your OpenTrain API token in Options first.',
    });
  });

  it('open: the approval’s page on the configured origin, for a valid id only', async () => {
    expect(await background.onMessage({ type: 'open', approvalId: 'apr_a' }, fromPopup)).toEqual({ ok: true });
    expect(await background.onMessage({ type: 'open', approvalId: '../settings' }, fromPopup)).toEqual({
      ok: false,
      message: 'Not an approval id.',
    });
    expect(h.openedTabs).toEqual([`${ORIGIN}/approvals/apr_a`]);
  });

  it('track: a link on the configured origin or a bare id, nothing else', async () => {
    expect(await background.onMessage({ type: 'track', input: 'apr_z' }, fromPopup)).toEqual({
      ok: true,
      approvalId: 'apr_z',
    });
    expect(
      await background.onMessage({ type: 'track', input: 'https://evil.example/approvals/apr_y' }, fromPopup),
    ).toEqual({
      ok: false,
      message: `That is not an approval link on ${ORIGIN}. Paste a link like ${ORIGIN}/approvals/… from the agent’s message.`,
    });
    expect(h.storage.part('tracking').ids).toEqual(['apr_z']);
    // In list mode a followed approval waits for the next poll.
    expect(h.api.callsTo('list')).toHaveLength(1);
  });

  it('testNotification shows one', async () => {
    const fromOptions = { id: EXTENSION_ID, url: `${EXTENSION_BASE}options.html` };
    expect(await background.onMessage({ type: 'testNotification' }, fromOptions)).toEqual({ ok: true });
    expect(h.notifier.shown.get(`test:${NOW}`)).toEqual({
      id: `test:${NOW}`,
      title: 'Notifications work',
      message: 'This is how a new OpenTrain approval will reach you.',
    });
  });
});
