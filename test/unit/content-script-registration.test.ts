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
