// @vitest-environment happy-dom
/** The first-run welcome at the top of Options: while no token is saved, and pointing at the configured OpenTrain. */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Options } from '@/entrypoints/options/Options';
import { defaultSettings } from '@/lib/state';
import { fixture } from '../support/fixtures';
import { useLocale } from '../support/i18n';

const welcome = () => screen.queryByRole('region', { name: 'Welcome! Connect your OpenTrain account' });
const apiKeysLink = () => within(welcome()!).getByRole('link');

describe('the welcome', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  it('shows while no token is saved: the read-only scopes, a link to API keys on the configured URL, paste, Save', () => {
    render(<Options initialSettings={defaultSettings('https://staging.opentrain.example')} hasToken={false} />);
    expect(welcome()).not.toBeNull();
    const steps = within(welcome()!)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(steps).toEqual([
      expect.stringContaining('payments:read (required) and, for context, proposals:read and jobs:read'),
      'Paste the token into the API token field below.',
      expect.stringMatching(/^Click Save\./),
    ]);
    expect(apiKeysLink().getAttribute('href')).toBe('https://staging.opentrain.example/employer-settings?tab=api-keys');
    expect(apiKeysLink().textContent).toBe('Open API keys in OpenTrain (https://staging.opentrain.example)');
    expect(apiKeysLink().getAttribute('target')).toBe('_blank');
  });

  it('follows the OpenTrain URL as it is typed, once it is a valid one', () => {
    render(<Options initialSettings={defaultSettings()} hasToken={false} />);
    expect(apiKeysLink().getAttribute('href')).toBe('https://app.opentrain.ai/employer-settings?tab=api-keys');
    const url = screen.getByLabelText('OpenTrain URL');
    fireEvent.input(url, { target: { value: 'not a url' } });
    expect(apiKeysLink().getAttribute('href')).toBe('https://app.opentrain.ai/employer-settings?tab=api-keys');
    fireEvent.input(url, { target: { value: 'http://127.0.0.1:8787/' } });
    expect(apiKeysLink().getAttribute('href')).toBe('http://127.0.0.1:8787/employer-settings?tab=api-keys');
  });

  it('is not shown once a token is saved, nor after Save', async () => {
    const { unmount } = render(<Options initialSettings={defaultSettings()} hasToken />);
    expect(welcome()).toBeNull();
    unmount();

    fakeBrowser.permissions.request = vi.fn().mockResolvedValue(true);
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify(fixture('auth-me.json'))));
    render(<Options initialSettings={defaultSettings()} hasToken={false} />);
    fireEvent.input(screen.getByLabelText('API token'), { target: { value: 'ot_pat_new' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(screen.getByRole('status').textContent).toContain('Saved.'));
    expect(welcome()).toBeNull();
  });

  it('speaks German', async () => {
    await useLocale('de');
    render(<Options initialSettings={defaultSettings()} hasToken={false} />);
    expect(screen.getByRole('heading', { name: 'Willkommen! Verbinden Sie Ihr OpenTrain-Konto' })).not.toBeNull();
    expect(screen.getByRole('link').textContent).toBe('API keys in OpenTrain öffnen (https://app.opentrain.ai)');
    await useLocale('en');
  });
});
