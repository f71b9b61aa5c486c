import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/** The module asks `permissions.contains` as it loads: load it afresh for each set-up. */
async function load(setup: { required?: string[]; scriptingHeld?: boolean } = {}) {
  vi.resetModules();
  fakeBrowser.runtime.getManifest = () =>
    ({ manifest_version: 3, name: 'x', version: '1', permissions: setup.required ?? ['storage'] }) as never;
  const answers: Promise<boolean>[] = [];
  fakeBrowser.permissions.contains = vi.fn(() => {
    const answer = Promise.resolve(setup.scriptingHeld ?? false);
    answers.push(answer);
    return answer;
  }) as never;
  const request = vi.fn().mockResolvedValue(true);
  fakeBrowser.permissions.request = request;
  const remove = vi.fn().mockResolvedValue(true);
  fakeBrowser.permissions.remove = remove;
  const module = await import('@/entrypoints/options/permissions');
  // Let whatever contains() was asked at load answer (its reader runs before this await resumes).
  await Promise.all(answers);
  return { ...module, request, remove };
}

describe('the options page’s permission requests', () => {
  beforeEach(() => fakeBrowser.reset());

  it('asks for an origin with a port by its port-less pattern (Firefox refuses a port)', async () => {
    const { hostPermissionFor, requestOrigin, request } = await load();
    expect(hostPermissionFor('http://127.0.0.1:8787')).toBe('http://127.0.0.1/*');
    expect(hostPermissionFor('https://staging.opentrain.example')).toBe('https://staging.opentrain.example/*');
    expect(await requestOrigin('http://127.0.0.1:8787')).toBe(true);
    expect(request).toHaveBeenCalledWith({ origins: ['http://127.0.0.1/*'], permissions: ['scripting'] });
  });

  it('does not ask for scripting when permissions.contains says it is held (Firefox throws on a required one)', async () => {
    const { requestOrigin, request } = await load({ required: ['storage', 'scripting'], scriptingHeld: true });
    await requestOrigin('http://127.0.0.1:8787');
    expect(request).toHaveBeenCalledWith({ origins: ['http://127.0.0.1/*'] });
  });

  it('before contains() has answered, a build that requires scripting is not asked for it either', async () => {
    vi.resetModules();
    fakeBrowser.runtime.getManifest = () =>
      ({ manifest_version: 3, name: 'x', version: '1', permissions: ['storage', 'scripting'] }) as never;
    fakeBrowser.permissions.contains = vi.fn(() => new Promise<boolean>(() => undefined)) as never;
    const request = vi.fn().mockResolvedValue(true);
    fakeBrowser.permissions.request = request;
    const { requestOrigin } = await import('@/entrypoints/options/permissions');
    await requestOrigin('https://staging.opentrain.example');
    expect(request).toHaveBeenCalledWith({ origins: ['https://staging.opentrain.example/*'] });
  });

  it('asks within the click: the request is made before anything is awaited', async () => {
    const { requestOrigin, request } = await load();
    const pending = requestOrigin('https://staging.opentrain.example');
    expect(request).toHaveBeenCalledTimes(1); // synchronously, while the click is being handled
    await pending;
  });

  it('a refused or failing request answers false', async () => {
    const { requestOrigin, request } = await load();
    request.mockRejectedValueOnce(new Error('Cannot request origin permission'));
    expect(await requestOrigin('http://127.0.0.1:8787')).toBe(false);
    request.mockResolvedValueOnce(false);
    expect(await requestOrigin('http://127.0.0.1:8787')).toBe(false);
  });

  it('gives back an old origin, but not the pattern the origin now saved still needs', async () => {
    const { revokeOrigin, remove } = await load();
    await fakeBrowser.storage.local.set({ settings: { origin: 'http://127.0.0.1:9000' } });
    await revokeOrigin('http://127.0.0.1:8787'); // same host, another port: same pattern
    expect(remove).not.toHaveBeenCalled();
    await revokeOrigin('https://staging.opentrain.example');
    expect(remove).toHaveBeenCalledWith({ origins: ['https://staging.opentrain.example/*'] });
    await revokeOrigin('https://app.opentrain.ai'); // the default is the manifest's
    expect(remove).toHaveBeenCalledTimes(1);
  });

  it('back on the default origin, gives back scripting too, unless the manifest requires it', async () => {
    const optional = await load();
    await fakeBrowser.storage.local.set({ settings: { origin: 'https://app.opentrain.ai' } });
    await optional.revokeOrigin('https://staging.opentrain.example');
    expect(optional.remove.mock.calls).toEqual([
      [{ origins: ['https://staging.opentrain.example/*'] }],
      [{ permissions: ['scripting'] }],
    ]);

    const required = await load({ required: ['storage', 'scripting'] });
    await fakeBrowser.storage.local.set({ settings: { origin: 'https://app.opentrain.ai' } });
    await required.revokeOrigin('https://staging.opentrain.example');
    expect(required.remove.mock.calls).toEqual([[{ origins: ['https://staging.opentrain.example/*'] }]]);
  });
});
