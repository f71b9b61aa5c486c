import fs from 'node:fs';
import path from 'node:path';
import { expect, Extension, launchWithExtension, PRODUCTION_BUILD, SANDBOX_TOKENS, test } from './fixtures';

const LOOPBACK = /127\.0\.0\.1|localhost/;

test('the extension loads and its service worker reads the sandbox', async ({ ext, sandbox }) => {
  await ext.configure(sandbox.origin, SANDBOX_TOKENS.full);
  await expect.poll(async () => (await ext.badge()).text).toBe(String(sandbox.pendingCount()));
  const listCalls = sandbox.apiLog('/approvals');
  expect(listCalls.length).toBeGreaterThanOrEqual(1);
  expect(listCalls[0]).toMatchObject({ method: 'GET', auth: 'full', query: '?status=pending&limit=100' });
});

test('the panel appears on the sandbox’s approval page', async ({ ext, sandbox, context }) => {
  await ext.configure(sandbox.origin, SANDBOX_TOKENS.full);
  const page = await context.newPage();
  await page.goto(`${sandbox.origin}/approvals/apr_fund_first_batch`);
  const host = page.locator('ot-approval-panel');
  await expect(host).toHaveCount(1);
  expect(await host.evaluate((el) => el.shadowRoot?.mode)).toBe('open');
  await expect(page.getByTestId('ot-headline')).toHaveText('Fund milestone “First labeling batch”');
  await expect(page.getByTestId('ot-call')).toHaveText('POST /api/public/v1/milestones/ms_first_batch/fund');
});

test('the panel appears on https://app.opentrain.ai approval pages', async ({ ext, sandbox, context }) => {
  // app.opentrain.ai is served by routing: its pages by the sandbox's stand-in, its API by the sandbox.
  await context.route('https://app.opentrain.ai/**', async (route) => {
    const url = new URL(route.request().url());
    const response = await route.fetch({ url: `${sandbox.origin}${url.pathname}${url.search}` });
    await route.fulfill({ response });
  });
  await ext.configure('https://app.opentrain.ai', SANDBOX_TOKENS.full);
  const page = await context.newPage();
  await page.goto('https://app.opentrain.ai/approvals/apr_release_polygon');
  await expect(page.getByTestId('ot-headline')).toHaveText('Release payment “Polygon QA round 1”');
  await expect(page.getByTestId('ot-amount')).toHaveText('$1,200.00');
});

test('the production build asks for no loopback access', async () => {
  for (const dir of [PRODUCTION_BUILD, path.resolve('.output/firefox-mv3')]) {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(JSON.stringify(manifest.host_permissions ?? []), dir).not.toMatch(LOOPBACK);
    expect(JSON.stringify(manifest.permissions ?? []), dir).not.toMatch(LOOPBACK);
    expect(JSON.stringify(manifest.content_scripts ?? []), dir).not.toMatch(LOOPBACK);
    expect(manifest.permissions.sort(), dir).toEqual(['alarms', 'notifications', 'storage']);
  }
  // And as Chromium granted it at install:
  const { context, close } = await launchWithExtension(PRODUCTION_BUILD);
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const ext = new Extension(context, new URL(worker.url()).host);
    const granted = await ext.evaluate(() => chrome.permissions.getAll(), null);
    expect(granted.origins?.every((o) => o.startsWith('https://app.opentrain.ai/'))).toBe(true);
    expect(granted.permissions?.sort()).toEqual(['alarms', 'notifications', 'storage']);
  } finally {
    await close();
  }
});

test('the e2e build grants loopback, so tests need no prompt', async () => {
  const manifest = JSON.parse(fs.readFileSync(path.resolve('.output/chrome-mv3-e2e/manifest.json'), 'utf8'));
  expect(manifest.host_permissions).toEqual(expect.arrayContaining(['http://127.0.0.1/*', 'http://localhost/*']));
});
