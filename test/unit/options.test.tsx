// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { i18n } from '#i18n';
import { authMeSchema } from '@/lib/api/schemas';
import { defaultSettings } from '@/lib/state';
import { assessToken, hasScope, saveFailureMessage, tokenFormatProblem } from '@/lib/token-check';
import { Options } from '@/entrypoints/options/Options';
import { fixture } from '../support/fixtures';
import { useLocale } from '../support/i18n';

const me = authMeSchema.parse(fixture('auth-me.json'));
const t = i18n.t;
beforeAll(() => useLocale('en'));

describe('what a token can do', () => {
  it('the documented owner token reads everything; its write scope is named, with a read-only one recommended', () => {
    const result = assessToken(me, t);
    expect(result).toMatchObject({
      name: 'Mira Chen',
      tokenLabel: 'ci-runner',
      isOwner: true,
      scopes: ['jobs:read', 'jobs:write', 'proposals:read', 'payments:read'],
    });
    expect(result.warnings.map((w) => [w.id, w.blocking])).toEqual([['write-scopes', false]]);
    expect(result.warnings[0]!.text).toMatch(/^This token can also move money \(jobs:write\)\..*read-only token/);
  });

  it('a read-only token gets no warning', () => {
    const readOnly = { ...me, token: { ...me.token, scopes: ['payments:read', 'proposals:read', 'jobs:read'] } };
    expect(assessToken(readOnly, t).warnings).toEqual([]);
  });

  it('warns, blocking, when payments:read is missing, and names what context scopes would add', () => {
    const result = assessToken({ ...me, token: { ...me.token, scopes: ['jobs:read'] } }, t);
    expect(result.warnings.map((w) => [w.id, w.blocking])).toEqual([
      ['missing-payments-read', true],
      ['missing-context-scope', false],
    ]);
    expect(result.warnings[1]!.text).toBe(
      'Without proposals:read, hire requests will show no candidate, bid or job title.',
    );
  });

  it('warns that a member’s token may not see approvals other tokens requested', () => {
    const result = assessToken(
      {
        ...me,
        account: { ...me.account, memberRole: 'MEMBER', ownerUserId: 'someone-else' },
      },
      t,
    );
    expect(result.isOwner).toBe(false);
    expect(result.warnings.map((w) => w.id)).toEqual(['write-scopes', 'member-token']);
  });

  it(':write implies :read', () => {
    expect(hasScope(['payments:write'], 'payments:read')).toBe(true);
    expect(hasScope(['payments:read'], 'payments:write')).toBe(false);
  });

  it('checks the token’s form before sending it anywhere', () => {
    expect(tokenFormatProblem('ot_pat_abc', t)).toBeNull();
    expect(tokenFormatProblem('ghp_abc', t)).toContain('starts with ot_pat_');
    expect(tokenFormatProblem('ot_pat_a b', t)).toContain('spaces');
  });

  it('says why a save failed, for each way it can', () => {
    const origin = 'https://app.opentrain.ai';
    expect(saveFailureMessage({ kind: 'unauthorized' }, origin, t)).toContain('rejected this token (401)');
    expect(saveFailureMessage({ kind: 'network' }, origin, t)).toContain('Could not reach https://app.opentrain.ai');
    expect(saveFailureMessage({ kind: 'invalid_response', status: 200, detail: 'x' }, origin, t)).toContain(
      'did not answer like an OpenTrain API',
    );
    for (const error of [
      { kind: 'server', status: 500 },
      { kind: 'timeout', afterMs: 30_000 },
      { kind: 'rate_limited', retryAfterMs: null },
    ] as const) {
      expect(saveFailureMessage(error, origin, t)).toContain('Your previous settings are still in use.');
    }
  });
});

describe('the options page', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  it('explains a denied permission and keeps the old settings', async () => {
    const request = vi.fn().mockResolvedValue(false);
    fakeBrowser.permissions.request = request;
    await fakeBrowser.storage.local.set({ token: 'ot_pat_old', settings: defaultSettings() });
    render(<Options initialSettings={defaultSettings()} hasToken />);
    fireEvent.input(screen.getByLabelText('API token'), { target: { value: 'ot_pat_new' } });
    fireEvent.input(screen.getByLabelText('OpenTrain URL'), { target: { value: 'https://staging.opentrain.example' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain(
        'Permission to reach https://staging.opentrain.example was not granted',
      ),
    );
    expect(request).toHaveBeenCalledWith({
      origins: ['https://staging.opentrain.example/*'],
      permissions: ['scripting'],
    });
    expect((await fakeBrowser.storage.local.get('token')).token).toBe('ot_pat_old');
  });

  it('asks for the default origin without scripting (Chrome grants it at install, Firefox asks here)', async () => {
    const request = vi.fn().mockResolvedValue(false);
    fakeBrowser.permissions.request = request;
    render(<Options initialSettings={defaultSettings()} hasToken={false} />);
    fireEvent.input(screen.getByLabelText('API token'), { target: { value: 'ot_pat_new' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain(
        'Permission to reach https://app.opentrain.ai was not granted',
      ),
    );
    expect(request).toHaveBeenCalledWith({ origins: ['https://app.opentrain.ai/*'] });
  });

  it('saving another URL gives back the permission of the old one', async () => {
    fakeBrowser.permissions.request = vi.fn().mockResolvedValue(true);
    const remove = vi.fn().mockResolvedValue(true);
    fakeBrowser.permissions.remove = remove;
    const fetch = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(new Response(JSON.stringify(fixture('auth-me.json')), { status: 200 }));
    const staging = { ...defaultSettings('https://staging.opentrain.example') };
    await fakeBrowser.storage.local.set({ token: 'ot_pat_old', settings: staging });
    render(<Options initialSettings={staging} hasToken />);
    fireEvent.input(screen.getByLabelText('OpenTrain URL'), { target: { value: 'https://app.opentrain.ai' } });
    fireEvent.input(screen.getByLabelText('API token'), { target: { value: 'ot_pat_production' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(screen.getByRole('status').textContent).toContain('Saved.'));
    expect(new Headers(fetch.mock.calls[0]![1]?.headers).get('Authorization')).toBe('Bearer ot_pat_production');
    expect(fetch.mock.calls[0]![0]).toBe('https://app.opentrain.ai/api/public/v1/auth/me');
    expect(remove).toHaveBeenCalledWith({ origins: ['https://staging.opentrain.example/*'] });
    expect((await fakeBrowser.storage.local.get('settings')).settings).toMatchObject({
      origin: 'https://app.opentrain.ai',
      account: { name: 'Mira Chen' },
    });
  });

  it('a changed URL never receives the saved token: it asks for a token for that address, sending nothing', async () => {
    const request = vi.fn().mockResolvedValue(true);
    fakeBrowser.permissions.request = request;
    const fetch = vi.spyOn(globalThis, 'fetch');
    await fakeBrowser.storage.local.set({ token: 'ot_pat_old', settings: defaultSettings() });
    render(<Options initialSettings={defaultSettings()} hasToken />);
    fireEvent.input(screen.getByLabelText('OpenTrain URL'), { target: { value: 'https://app.opentrain.example' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'The saved token belongs to https://app.opentrain.ai and is never sent anywhere else. To use https://app.opentrain.example, paste a token for it (Settings → API keys there) and Save again.',
      ),
    );
    expect(fetch).not.toHaveBeenCalled();
    expect(request).not.toHaveBeenCalled();
    expect((await fakeBrowser.storage.local.get('settings')).settings).toMatchObject({
      origin: 'https://app.opentrain.ai',
    });
  });

  it('never puts the saved token into the field, and hides what is typed until asked', () => {
    render(<Options initialSettings={defaultSettings()} hasToken />);
    const field = screen.getByLabelText('API token') as HTMLInputElement;
    expect(field.value).toBe('');
    expect(field.type).toBe('password');
    expect(field.placeholder).toContain('A token is saved');
    fireEvent.click(screen.getByRole('button', { name: 'Show the token' }));
    expect(field.type).toBe('text');
  });

  it('forgets the token', async () => {
    await fakeBrowser.storage.local.set({ token: 'ot_pat_old', settings: defaultSettings() });
    render(<Options initialSettings={defaultSettings()} hasToken />);
    fireEvent.click(screen.getByRole('button', { name: 'Forget token' }));
    await vi.waitFor(() =>
      expect(screen.getByRole('status').textContent).toContain('The token was removed from this browser.'),
    );
    // (The fake storage drops a null value where Chrome keeps it.)
    expect((await fakeBrowser.storage.local.get('token')).token ?? null).toBeNull();
  });

  it('refuses a token of the wrong form without a request', async () => {
    render(<Options initialSettings={defaultSettings()} hasToken={false} />);
    fireEvent.input(screen.getByLabelText('API token'), { target: { value: 'sk_live_123' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(screen.getByRole('alert').textContent).toContain('starts with ot_pat_'));
  });
});
