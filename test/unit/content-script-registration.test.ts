import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { approvalPagesPattern, syncContentScript } from '@/entrypoints/background/content-script-registration';

describe('the panel on another OpenTrain origin', () => {
  const registered: unknown[] = [];
  beforeEach(() => {
    fakeBrowser.reset();
    registered.length = 0;
    fakeBrowser.runtime.getManifest = () => ({
      manifest_version: 3,
      name: 'x',
      version: '1',
      content_scripts: [{ matches: ['https://app.opentrain.ai/approvals/*'], js: ['content-scripts/approvals.js'] }],
    });
    fakeBrowser.scripting.getRegisteredContentScripts = vi
      .fn()
      .mockImplementation(async () => registered.splice(0)) as never;
    fakeBrowser.scripting.unregisterContentScripts = vi.fn().mockResolvedValue(undefined);
    fakeBrowser.scripting.registerContentScripts = vi
      .fn()
      .mockImplementation(async (scripts: unknown[]) => void registered.push(...scripts));
  });

  it('matches the origin’s approval pages on any port', () => {
    expect(approvalPagesPattern('https://staging.opentrain.example')).toBe(
      'https://staging.opentrain.example/approvals/*',
    );
    expect(approvalPagesPattern('http://127.0.0.1:8787')).toBe('http://127.0.0.1/approvals/*');
  });

  it('is registered once the reviewer granted the origin', async () => {
    fakeBrowser.permissions.contains = vi.fn().mockResolvedValue(true);
    await syncContentScript('https://staging.opentrain.example');
    expect(fakeBrowser.scripting.registerContentScripts).toHaveBeenCalledWith([
      expect.objectContaining({
        id: 'approvals-configured-origin',
        matches: ['https://staging.opentrain.example/approvals/*'],
        js: ['content-scripts/approvals.js'],
      }),
    ]);
  });

  it('is not registered without the grant, nor for an origin the manifest already covers', async () => {
    fakeBrowser.permissions.contains = vi.fn().mockResolvedValue(false);
    await syncContentScript('https://staging.opentrain.example');
    fakeBrowser.permissions.contains = vi.fn().mockResolvedValue(true);
    await syncContentScript('https://app.opentrain.ai');
    expect(fakeBrowser.scripting.registerContentScripts).not.toHaveBeenCalled();
  });

  it('is unregistered when the origin changes back', async () => {
    registered.push({ id: 'approvals-configured-origin' });
    fakeBrowser.permissions.contains = vi.fn().mockResolvedValue(true);
    await syncContentScript('https://app.opentrain.ai');
    expect(fakeBrowser.scripting.unregisterContentScripts).toHaveBeenCalledWith({
      ids: ['approvals-configured-origin'],
    });
  });
});

describe('in Firefox', () => {
  const UUID_ROOT = 'moz-extension://4b0e7c1e-2f3a-4d5b-8c9d-0e1f2a3b4c5d/';
  beforeEach(() => {
    fakeBrowser.reset();
    // Firefox's getManifest(): content-script files as full URLs, css as null.
    fakeBrowser.runtime.getManifest = () =>
      ({
        manifest_version: 3,
        name: 'x',
        version: '1',
        content_scripts: [
          {
            matches: ['https://app.opentrain.ai/approvals/*'],
            js: [`${UUID_ROOT}content-scripts/approvals.js`],
            css: null,
          },
        ],
      }) as never;
    fakeBrowser.runtime.getURL = ((path: string) => `${UUID_ROOT}${path.replace(/^\//, '')}`) as never;
    fakeBrowser.scripting.getRegisteredContentScripts = vi.fn().mockResolvedValue([]) as never;
    fakeBrowser.scripting.unregisterContentScripts = vi.fn().mockResolvedValue(undefined);
  });

  it('registers the files by their path in the extension, not their moz-extension:// URL', async () => {
    fakeBrowser.permissions.contains = vi.fn().mockResolvedValue(true);
    const register = vi.fn().mockResolvedValue(undefined);
    fakeBrowser.scripting.registerContentScripts = register;
    await syncContentScript('https://staging.opentrain.example');
    expect(register).toHaveBeenCalledTimes(1);
    const [[script]] = register.mock.calls[0]! as [[{ js: string[]; css?: string[] }]];
    expect(script.js).toEqual(['content-scripts/approvals.js']);
    expect(script.css ?? []).toEqual([]);
  });

  it('asks whether the origin is granted with a port-less pattern (Firefox answers false with a port)', async () => {
    const contains = vi.fn(async ({ origins }: { origins: string[] }) => !origins.some((o) => /:\d+\//.test(o)));
    fakeBrowser.permissions.contains = contains as never;
    const register = vi.fn().mockResolvedValue(undefined);
    fakeBrowser.scripting.registerContentScripts = register;
    await syncContentScript('http://localhost:8787');
    expect(contains).toHaveBeenCalledWith({ origins: ['http://localhost/*'] });
    expect(register).toHaveBeenCalledWith([expect.objectContaining({ matches: ['http://localhost/approvals/*'] })]);
  });

  it('never throws: a failed registration is logged, and the caller goes on to poll', async () => {
    fakeBrowser.permissions.contains = vi.fn().mockResolvedValue(true);
    fakeBrowser.scripting.registerContentScripts = vi
      .fn()
      .mockRejectedValue(new Error('Invalid js entry: moz-extension://…')) as never;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await expect(syncContentScript('https://staging.opentrain.example')).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain('https://staging.opentrain.example');
    expect(String(warn.mock.calls[0]![0])).toContain('Invalid js entry');
  });
});
