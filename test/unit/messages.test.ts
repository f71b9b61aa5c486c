import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ALLOWED, classifySender, messageSchema } from '@/lib/messages';
import { openApprovalTab } from '@/entrypoints/background/tabs';

const ID = 'abcdefghijklmnop';
const BASE = `chrome-extension://${ID}/`;
const ORIGIN = 'https://app.opentrain.ai';

describe('who may send a message', () => {
  it('answers this extension’s own pages', () => {
    expect(classifySender({ id: ID, url: `${BASE}popup.html` }, ID, BASE, ORIGIN)).toBe('extension-page');
  });
  it('answers its content script only on the configured origin', () => {
    expect(classifySender({ id: ID, url: `${ORIGIN}/approvals/a1`, tab: {} }, ID, BASE, ORIGIN)).toBe('content-script');
    expect(classifySender({ id: ID, url: 'https://evil.example/approvals/a1', tab: {} }, ID, BASE, ORIGIN)).toBeNull();
    expect(
      classifySender({ id: ID, url: 'https://app.opentrain.ai.evil.example/approvals/a1', tab: {} }, ID, BASE, ORIGIN),
    ).toBeNull();
  });
  it('refuses other extensions and senders without a URL', () => {
    expect(
      classifySender({ id: 'another', url: `chrome-extension://another/popup.html` }, ID, BASE, ORIGIN),
    ).toBeNull();
    expect(classifySender({ id: ID }, ID, BASE, ORIGIN)).toBeNull();
  });
  it('lets the content script ask only for the panel, tracking and its collapsed state', () => {
    expect([...ALLOWED['content-script']].sort()).toEqual(['panel', 'setPanelCollapsed', 'track']);
  });
  it('parses messages strictly', () => {
    expect(messageSchema.safeParse({ type: 'panel', approvalId: 'a1', fresh: true }).success).toBe(true);
    expect(messageSchema.safeParse({ type: 'panel', approvalId: 'a1' }).success).toBe(false);
    expect(messageSchema.safeParse({ type: 'confirm', approvalId: 'a1' }).success).toBe(false);
  });
});

describe('opening an approval', () => {
  beforeEach(() => fakeBrowser.reset());
  /** The fake browser starts with one blank tab. */
  const urls = async () => (await browser.tabs.query({})).map((t) => t.url).filter(Boolean);

  it('opens the page on the configured origin', async () => {
    await openApprovalTab(ORIGIN, 'apr_1');
    expect(await urls()).toEqual([`${ORIGIN}/approvals/apr_1`]);
  });

  it('focuses a tab already on it instead of opening another', async () => {
    const other = await browser.tabs.create({ url: 'https://example.com/', active: true });
    const existing = await browser.tabs.create({ url: `${ORIGIN}/approvals/apr_1/`, active: false });
    await browser.tabs.update(other.id!, { active: true });
    await openApprovalTab(ORIGIN, 'apr_1');
    expect(await urls()).toEqual(['https://example.com/', `${ORIGIN}/approvals/apr_1/`]);
    expect((await browser.tabs.get(existing.id!)).active).toBe(true);
  });

  it('never follows a look-alike on another origin', async () => {
    await browser.tabs.create({ url: 'https://app.opentrain.ai.evil.example/approvals/apr_1' });
    await openApprovalTab(ORIGIN, 'apr_1');
    expect(await urls()).toEqual([
      'https://app.opentrain.ai.evil.example/approvals/apr_1',
      `${ORIGIN}/approvals/apr_1`,
    ]);
  });
});
