import fs from 'node:fs';
import path from 'node:path';
import { BUILDS, expect, Extension, launchDriver, SANDBOX_TOKENS, test, type BrowserName } from './fixtures';

const LOOPBACK = /127\.0\.0\.1|localhost/;

test('the extension loads and its background reads the sandbox', async ({ ext, sandbox }) => {
  await ext.configure(sandbox.origin, SANDBOX_TOKENS.full);
  await expect.poll(async () => (await ext.badge()).text).toBe(String(sandbox.pendingCount()));
  const listCalls = sandbox.apiLog('/approvals');
  expect(listCalls.length).toBeGreaterThanOrEqual(1);
  expect(listCalls[0]).toMatchObject({ method: 'GET', auth: 'full', query: '?status=pending&limit=100' });
});

test('the panel appears on the sandbox’s approval page', async ({ ext, sandbox }) => {
  await ext.configure(sandbox.origin, SANDBOX_TOKENS.full);
  const page = await ext.newPage(`${sandbox.origin}/approvals/apr_fund_first_batch`);
  const host = page.locator('ot-approval-panel');
  await expect.poll(() => host.count()).toBe(1);
  expect(await host.evaluate((el) => el.shadowRoot?.mode, null)).toBe('open');
  await expect.poll(() => page.getByTestId('ot-headline').text()).toBe('Fund milestone “First labeling batch”');
  await expect
    .poll(() => page.getByTestId('ot-call').text())
    .toBe('POST /api/public/v1/milestones/ms_first_batch/fund');
});

test('the panel appears on https://app.opentrain.ai approval pages', async ({ ext, sandbox }) => {
  // app.opentrain.ai is served by the sandbox: its pages by the sandbox's stand-in, its API by the sandbox.
  await ext.serve('https://app.opentrain.ai', sandbox.origin);
  await ext.configure('https://app.opentrain.ai', SANDBOX_TOKENS.full);
  const page = await ext.newPage('https://app.opentrain.ai/approvals/apr_release_polygon');
  await expect.poll(() => page.getByTestId('ot-headline').text()).toBe('Release payment “Polygon QA round 1”');
  await expect.poll(() => page.getByTestId('ot-amount').text()).toBe('$1,200.00');
});

test('not connected, the panel on an app.opentrain.ai approval page says how to connect and leaves the page alone', async ({
  ext,
  sandbox,
}) => {
  await ext.serve('https://app.opentrain.ai', sandbox.origin);
  const page = await ext.newPage('https://app.opentrain.ai/approvals/apr_fund_first_batch');
  const panel = page.getByTestId('ot-panel');
  await expect.poll(() => panel.text()).toContain('Agent request');
  await expect.poll(() => panel.text()).toContain('not connected');
  expect(await page.locator('ot-approval-panel').evaluate((el) => el.shadowRoot?.mode, null)).toBe('open');
  expect(await page.evaluate(() => document.getElementById('confirm')?.textContent, null)).toBe('Confirm');
  expect(sandbox.apiLog()).toEqual([]); // no token, no request
});

test('the production build asks for no loopback access', async ({ browserName }) => {
  const dir = BUILDS[browserName as BrowserName].production;
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  expect(JSON.stringify(manifest.host_permissions ?? []), dir).not.toMatch(LOOPBACK);
  expect(JSON.stringify(manifest.permissions ?? []), dir).not.toMatch(LOOPBACK);
  expect(JSON.stringify(manifest.content_scripts ?? []), dir).not.toMatch(LOOPBACK);
  expect(manifest.permissions.sort(), dir).toEqual(['alarms', 'notifications', 'storage']);
  // And as the browser granted it at install:
  const driver = await launchDriver(browserName as BrowserName, 'production');
  try {
    const ext = new Extension(driver);
    const granted = await ext.evaluate(() => chrome.permissions.getAll(), null);
    expect(granted.origins?.every((o) => o.startsWith('https://app.opentrain.ai/'))).toBe(true);
    expect(granted.permissions?.sort()).toEqual(['alarms', 'notifications', 'storage']);
  } finally {
    await driver.close();
  }
});

test('the e2e build grants loopback, so tests need no prompt', async ({ ext, browserName }) => {
  const dir = BUILDS[browserName as BrowserName].e2e;
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  expect(manifest.host_permissions).toEqual(expect.arrayContaining(['http://127.0.0.1/*', 'http://localhost/*']));
  // Granted at install, not only asked for.
  expect(
    await ext.evaluate(
      (origins) => chrome.permissions.contains({ origins, permissions: ['scripting'] }),
      ['http://127.0.0.1/*', 'http://localhost/*'],
    ),
  ).toBe(true);
});
