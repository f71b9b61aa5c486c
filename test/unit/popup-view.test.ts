/** What the popup says about problems of the extension's own, and when it will try again. */
import { describe, expect, it } from 'vitest';
import { i18n } from '#i18n';
import { defaultPollStatus } from '@/lib/poll-record';
import { type PopupState, popupView } from '@/lib/popup-view';
import { MINUTE } from '@/lib/time';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const t = i18n.t;
const list = { fetchedAt: NOW - MINUTE, serverOffsetMs: 0, complete: true, rows: [] };
const state = (pollStatus: Partial<PopupState['pollStatus']>): PopupState => ({
  token: 'ot_pat_x',
  popupList: list,
  pollStatus: { ...defaultPollStatus(), ...pollStatus },
});

describe('the popup’s banner', () => {
  it('says the URL changed and leads to Options, when the token is not sent anywhere', () => {
    const view = popupView(state({ problem: { kind: 'origin_changed', at: NOW } }), NOW, t);
    expect(view.banner).toMatchObject({
      id: 'origin-changed',
      toOptions: true,
      title: 'The OpenTrain URL changed, so the saved token is not sent anywhere.',
    });
  });

  it('says the list could not be stored', () => {
    const view = popupView(state({ problem: { kind: 'storage', at: NOW } }), NOW, t);
    expect(view.banner).toMatchObject({ id: 'not-stored', toOptions: false });
    expect(view.banner?.title).toContain('could not be saved in the browser’s storage');
  });

  it('a refused token outranks a list that could not be stored', () => {
    const error = { error: { kind: 'unauthorized' as const }, at: NOW };
    const view = popupView(state({ problem: { kind: 'storage', at: NOW }, error }), NOW, t);
    expect(view.banner?.id).toBe('blocked');
  });

  it('after a 429, says it retries when Retry-After allows, not at the next alarm', () => {
    const error = { error: { kind: 'rate_limited' as const, retryAfterMs: 20 * MINUTE }, at: NOW };
    const view = popupView(state({ error, nextPollAt: NOW + MINUTE, notBefore: NOW + 20 * MINUTE }), NOW, t);
    expect(view.banner).toMatchObject({ id: 'rate-limited' });
    expect(view.banner?.action).toContain('Retrying in 20 min.');
  });
});
