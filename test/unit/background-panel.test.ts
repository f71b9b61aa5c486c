/** The approval-page panel's query, over fake ports: cached at once, then fresh. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Background } from '@/entrypoints/background/background';
import { HOUR } from '@/lib/time';
import { approval } from '../support/approvals';
import { fromPanelOn, Harness, NOW, ORIGIN } from '../support/fake-background';

let h: Harness;
let background: Background;
beforeEach(async () => {
  h = new Harness();
  h.api.add(
    approval({ id: 'apr_a' }, NOW, 10 * HOUR),
    approval({ id: 'apr_b' }, NOW, 20 * HOUR),
    approval({ id: 'apr_other', contractId: 'c_other' }, NOW, 20 * HOUR),
  );
  await h.configure();
  background = await h.started();
});

const ask = (approvalId: string, fresh: boolean) =>
  background.onMessage({ type: 'panel', approvalId, fresh }, fromPanelOn(`${ORIGIN}/approvals/${approvalId}`));

describe('the panel query', () => {
  it('answers from the last list at once, without a request', async () => {
    const requests = h.api.calls.length;
    expect(await ask('apr_a', false)).toMatchObject({
      ok: true,
      fresh: false,
      approval: { id: 'apr_a' },
      context: { contractTitle: 'Spanish Sentiment Labeling Contract' },
      othersOnContract: 1,
      collapsed: false,
    });
    expect(h.api.calls).toHaveLength(requests);
  });

  it('says it is loading an approval the list does not hold', async () => {
    expect(await ask('apr_unknown', false)).toEqual({
      ok: false,
      reason: 'not_cached',
      collapsed: false,
      problem: { title: 'Loading this approval…', action: '' },
    });
  });

  it('reads fresh: the approval and its context again, and follows it', async () => {
    h.api.serverOffsetMs = 2_000;
    const requests = h.api.calls.length;
    expect(await ask('apr_a', true)).toMatchObject({
      ok: true,
      fresh: true,
      approval: { id: 'apr_a' },
      serverOffsetMs: 2_000,
      context: { fetchedAt: NOW, freelancerName: 'Maria G.' },
    });
    expect(h.api.calls.slice(requests).map((c) => c.route)).toEqual(['approval', 'contract']);
    expect(h.storage.part('tracking').ids).toEqual(['apr_a']);
  });

  it('falls back to the cached answer, with the problem, when the fresh read fails', async () => {
    h.api.fail({ kind: 'server', status: 503 }, { route: 'approval' });
    expect(await ask('apr_b', true)).toMatchObject({
      ok: true,
      fresh: false,
      approval: { id: 'apr_b' },
      problem: { title: 'OpenTrain answered with an error (HTTP 503).' },
    });
  });

  it('says when the approval is gone, even if the list still held it', async () => {
    h.api.approvals.delete('apr_b');
    expect(await ask('apr_b', true)).toMatchObject({
      ok: false,
      reason: 'not_found',
      problem: { title: 'OpenTrain could not find that approval, or this token cannot see it.' },
    });
  });

  it('refuses an id that is not one, before any request', async () => {
    const requests = h.api.calls.length;
    expect(await ask('apr a', true)).toEqual({
      ok: false,
      reason: 'invalid_id',
      collapsed: false,
      problem: {
        title: 'This page’s address does not hold a valid approval id.',
        action: 'Open the approval from the link the agent shared.',
      },
    });
    expect(h.api.calls).toHaveLength(requests);
  });

  it('says the extension is not connected without a token', async () => {
    await background.onSettingsChanged(await h.configure(null));
    expect(await ask('apr_a', true)).toEqual({
      ok: false,
      reason: 'not_configured',
      collapsed: false,
      problem: {
        title: 'The OpenTrain Approvals Companion is not connected.',
        action: 'Open the extension’s Options and add your OpenTrain API token.',
      },
    });
  });

  it('remembers whether the panel is collapsed', async () => {
    const on = fromPanelOn(`${ORIGIN}/approvals/apr_a`);
    expect(await background.onMessage({ type: 'setPanelCollapsed', collapsed: true }, on)).toEqual({ ok: true });
    expect(await ask('apr_a', false)).toMatchObject({ ok: true, collapsed: true });
    expect(await h.worker().onMessage({ type: 'panel', approvalId: 'apr_x', fresh: false }, on)).toMatchObject({
      collapsed: true,
    });
  });
});
