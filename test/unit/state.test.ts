import { beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '#i18n';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultSettings, defaultState, loadState, STATE_VERSION, VERSION_KEY, type Migration } from '@/lib/state';
import { DEFAULT_ORIGIN } from '@/lib/api/origin';
import { popupListFor } from '@/lib/popup-list';
import { readParts, readState, StorageWriteError, writeParts } from '@/lib/store';
import { idRecord } from '@/lib/id-record';
import { HOUR } from '@/lib/time';
import { approval, context } from '../support/approvals';

/** An id the server may send, like any other. */
const PROTO = '__proto__';

describe('loading persisted state', () => {
  it('gives defaults when nothing is stored', () => {
    const loaded = loadState({});
    expect(loaded.state).toEqual(defaultState());
    expect(loaded.resets).toEqual([]);
    expect(loaded.writeBack).toEqual({ [VERSION_KEY]: STATE_VERSION }); // the version only, no defaults
  });

  it('keeps every part that parses', () => {
    const state = { ...defaultState(), token: 'ot_pat_x', panelCollapsed: true };
    const loaded = loadState({ ...state, [VERSION_KEY]: STATE_VERSION });
    expect(loaded.state).toEqual(state);
    expect(loaded.writeBack).toEqual({});
  });

  it('resets a corrupted part to its default, keeps the others, and says why without the value', () => {
    const stored = {
      [VERSION_KEY]: STATE_VERSION,
      token: 'ot_pat_secret',
      popupList: { rows: 'garbage' },
      notified: { a1: { new: 1, expiresAt: '2026-01-01T00:00:00Z' } },
    };
    const loaded = loadState(stored);
    expect(loaded.state.popupList).toBeNull();
    expect(loaded.state.token).toBe('ot_pat_secret');
    expect(loaded.state.notified).toEqual(stored.notified);
    expect(loaded.resets).toEqual(['popupList was unreadable and was reset']);
    expect(loaded.resets.join()).not.toContain('garbage');
    expect(loaded.writeBack).toEqual({ popupList: null });
  });

  it('runs each migration from the stored version up, in order', () => {
    const migrations: Migration[] = [
      (s) => ({ ...s, token: s.apiToken ?? null }),
      (s) => ({
        ...s,
        settings: {
          ...(s.settings as object),
          intervalSec: Number((s.settings as { pollMinutes: number }).pollMinutes) * 60,
        },
      }),
    ];
    const stored = {
      [VERSION_KEY]: 0,
      apiToken: 'ot_pat_old',
      settings: { ...defaultState().settings, pollMinutes: 2 },
    };
    const loaded = loadState(stored, migrations, 2);
    expect(loaded.state.token).toBe('ot_pat_old');
    expect(loaded.state.settings.intervalSec).toBe(120);
    expect(loaded.writeBack).toMatchObject({ [VERSION_KEY]: 2, token: 'ot_pat_old', settings: { intervalSec: 120 } });
  });

  it('binds a token saved before version 2 to the URL saved with it, and writes nothing when there is none', () => {
    const settings = { ...defaultSettings('https://staging.opentrain.example'), intervalSec: 300 };
    const loaded = loadState({ [VERSION_KEY]: 1, settings, token: 'ot_pat_old' });
    expect(loaded.state.credential).toEqual({ origin: 'https://staging.opentrain.example', token: 'ot_pat_old' });
    expect(loaded.writeBack).toEqual({ [VERSION_KEY]: STATE_VERSION, credential: loaded.state.credential });
    expect(loadState({ [VERSION_KEY]: 1, token: 'ot_pat_old' }).state.credential?.origin).toBe(DEFAULT_ORIGIN);
    expect(loadState({ [VERSION_KEY]: 1, settings }).writeBack).toEqual({ [VERSION_KEY]: STATE_VERSION });
  });

  it('stores the list once from version 3: the rows take their links from the snapshot, which goes', () => {
    const listed = {
      fetchedAt: 1,
      serverOffsetMs: 0,
      complete: true,
      approvals: [approval({ id: 'apr_a', contractId: 'c_1', milestoneId: 'm_1' }, 0, HOUR)],
    };
    const { rows: [row] = [], ...stamp } = popupListFor(listed, {}, i18n.t)!;
    const { contractId: _c, milestoneId: _m, jobId: _j, ...unlinked } = row!;
    const loaded = loadState({
      [VERSION_KEY]: 2,
      snapshot: { origin: 'https://app.opentrain.ai', ...listed },
      popupList: { ...stamp, rows: [unlinked] },
    });
    expect(loaded.state.popupList?.rows[0]).toMatchObject({ id: 'apr_a', contractId: 'c_1', milestoneId: 'm_1' });
    expect(loaded.removed).toEqual(['snapshot']);
    expect(loadState({ [VERSION_KEY]: STATE_VERSION, snapshot: {} }).removed).toEqual([]); // only a migration removes
  });

  it('keeps what version 3 stored when it moves to version 4: settings gain their new defaults, nothing announced is forgotten', () => {
    const {
      quietHours: _q,
      breakThrough: _b,
      notifyTypes: _n,
      minAmountUsd: _m,
      ...settings
    } = {
      ...defaultSettings(),
      intervalSec: 300,
    };
    const notified = { apr_a: { new: 1, expiresAt: '2026-11-25T00:00:00.000Z' } };
    const loaded = loadState({ [VERSION_KEY]: 3, settings, notified });
    expect(loaded.resets).toEqual([]);
    expect(loaded.state.settings).toEqual({ ...defaultSettings(), intervalSec: 300 });
    expect({ ...loaded.state.notified }).toEqual(notified);
    expect(loaded.state.attention).toEqual({ snoozed: {}, pausedUntil: null });
  });

  it('reads a credential for a URL that is not allowed as none', () => {
    const loaded = loadState({
      [VERSION_KEY]: STATE_VERSION,
      credential: { origin: 'http://evil.example', token: 'x' },
    });
    expect(loaded.state.credential).toBeNull();
  });

  it('survives a migration that throws: what still parses is kept', () => {
    const loaded = loadState(
      { [VERSION_KEY]: 0, token: 'ot_pat_x' },
      [
        () => {
          throw new TypeError('boom');
        },
      ],
      1,
    );
    expect(loaded.state.token).toBe('ot_pat_x');
    expect(loaded.resets).toEqual(['migration from version 0 failed (TypeError)']);
  });

  it('keeps entries keyed by any id, __proto__ included, in records without a prototype', () => {
    const stored = JSON.parse(
      '{"notified": {"__proto__": {"new": 1, "expiresAt": "x"}}, "tracking": {"ids": [], "updatesCursor": null, "jobTitles": {"__proto__": "Job"}, "jobTitlesAt": 1}}',
    );
    const { state } = loadState({ ...stored, [VERSION_KEY]: STATE_VERSION });
    expect(Object.getPrototypeOf(state.notified)).toBeNull();
    expect(state.notified[PROTO]).toEqual({ new: 1, expiresAt: 'x' });
    expect(state.tracking.jobTitles[PROTO]).toBe('Job');
    expect(Object.getPrototypeOf(state.contexts)).toBeNull();
  });

  it('checks the stored OpenTrain URL again: one the options page would refuse reads as the default', () => {
    const settingsWith = (origin: string) =>
      loadState({ [VERSION_KEY]: STATE_VERSION, settings: { ...defaultSettings(), origin, intervalSec: 300 } }).state
        .settings;
    for (const refused of ['http://evil.example', 'javascript:alert(1)', 'https://user:pw@evil.example', 'not a url']) {
      expect(settingsWith(refused)).toEqual({ ...defaultSettings(), intervalSec: 300 });
    }
    expect(settingsWith('https://staging.opentrain.example/approvals').origin).toBe(
      'https://staging.opentrain.example',
    );
    expect(settingsWith('http://127.0.0.1:8787').origin).toBe('http://127.0.0.1:8787');
  });

  it('reads state written by a newer version as far as it parses', () => {
    const loaded = loadState({ [VERSION_KEY]: STATE_VERSION + 3, token: 'ot_pat_x', popupList: 42 });
    expect(loaded.state.token).toBe('ot_pat_x');
    expect(loaded.state.popupList).toBeNull();
    expect(loaded.resets[0]).toContain('newer than this extension');
  });
});

describe('the store on browser.storage.local', () => {
  beforeEach(() => fakeBrowser.reset());

  it('writes back what it repaired, so a bad part does not loop', async () => {
    await browser.storage.local.set({ [VERSION_KEY]: STATE_VERSION, pollStatus: 'nonsense', token: 'ot_pat_x' });
    const first = await readState(browser.storage.local);
    expect(first.resets).toEqual(['pollStatus was unreadable and was reset']);
    const second = await readState(browser.storage.local);
    expect(second.resets).toEqual([]);
    expect(second.state.token).toBe('ot_pat_x');
  });

  it('never writes defaults over a part saved meanwhile', async () => {
    const loading = readState(browser.storage.local);
    await browser.storage.local.set({ token: 'ot_pat_saved_meanwhile' });
    await loading;
    expect((await browser.storage.local.get('token')).token).toBe('ot_pat_saved_meanwhile');
  });

  it('gives pages the parts they ask for, validated, without writing anything back', async () => {
    await browser.storage.local.set({ [VERSION_KEY]: 0, pollStatus: 'nonsense', token: 'ot_pat_x', snapshot: null });
    expect(await readParts(browser.storage.local, ['token', 'pollStatus'])).toEqual({
      token: 'ot_pat_x',
      pollStatus: defaultState().pollStatus,
    });
    expect(await browser.storage.local.get([VERSION_KEY, 'pollStatus'])).toEqual({
      [VERSION_KEY]: 0,
      pollStatus: 'nonsense',
    });
  });

  it('stores the contexts packed, reads them back, and resets them when they do not unpack', async () => {
    const contexts = idRecord([['apr_a', context()]]);
    await writeParts(browser.storage.local, { contexts });
    const { contexts: stored } = await browser.storage.local.get('contexts');
    expect(typeof stored).toBe('string');
    expect((stored as string).length).toBeLessThan(JSON.stringify(contexts).length);
    expect((await readState(browser.storage.local)).state.contexts).toEqual(contexts);

    await browser.storage.local.set({ contexts: 'not packed' });
    const reset = await readState(browser.storage.local);
    expect(reset.state.contexts).toEqual({});
    expect(reset.resets).toEqual(['contexts was unreadable and was reset']);
  });

  it('says why when the browser refuses a write', async () => {
    vi.spyOn(browser.storage.local, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    await expect(writeParts(browser.storage.local, { panelCollapsed: true })).rejects.toBeInstanceOf(StorageWriteError);
  });

  it('writes parts', async () => {
    await writeParts(browser.storage.local, { panelCollapsed: true });
    expect((await readState(browser.storage.local)).state.panelCollapsed).toBe(true);
  });
});
