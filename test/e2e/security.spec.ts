import fs from 'node:fs';
import path from 'node:path';
import { BUILDS, expect, expectReadOnly, SANDBOX_TOKENS, test, type BrowserName } from './fixtures';

const TOKEN = SANDBOX_TOKENS.full;

test('a whole session: the token goes only to the configured origin, only with GETs, never to a page, a log or an error', async ({
  ext,
  sandbox,
}) => {
  const requests = await ext.recordRequests();
  const consoleLines: string[] = [];
  ext.onConsole((line) => consoleLines.push(line));

  // Every feature once: options, popup (refresh, tracked link, open), the panel, a notification, errors.
  const options = await ext.openOptions();
  await options.getByLabel('API token').fill(TOKEN);
  await options.getByLabel('OpenTrain URL').fill(sandbox.origin);
  await options.getByLabel('Check every (seconds)').fill('1');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => options.getByTestId('account').text()).toContain('Mira Chen');
  await expect.poll(() => options.getByLabel('API token').inputValue()).toBe('');
  await options.getByRole('button', { name: 'Send test notification' }).click();
  const popup = await ext.openPopup();
  await expect.poll(() => popup.getByTestId('approval-row').count()).toBe(4);
  const approvalPage = await ext.newPage(`${sandbox.origin}/approvals/apr_hire_amara`);
  await expect.poll(() => approvalPage.getByTestId('ot-headline').text()).toBe('Hire Amara O.');
  // The panel paints from the cached list first: let its own fresh read finish, so that the 401
  // below is taken by a poll of the list.
  await expect.poll(() => sandbox.apiLog('/approvals/apr_hire_amara').some((e) => e.status === 200)).toBe(true);
  sandbox.fault({ status: 401, path: '/approvals' });
  await expect.poll(async () => (await ext.badge()).text, { timeout: 8_000 }).toBe('!');
  await expect.poll(() => popup.getByRole('alert').text()).toContain('OpenTrain rejected the API token');
  const popupHtml = await popup.content(); // the popup closes itself once it opened an approval
  const opened = ext.waitForPage((url) => url.includes('/approvals/apr_end_lena'));
  await popup.getByRole('button', { name: /^Open in OpenTrain: End contract/ }).click();
  await opened;

  // Where the token went.
  const withToken = requests.filter((r) => r.authorization);
  expect(withToken.length).toBeGreaterThan(3);
  for (const request of withToken) {
    expect(new URL(request.url).origin).toBe(sandbox.origin);
    expect(request.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request.method).toBe('GET');
    expect(new URL(request.url).pathname).toMatch(/^\/api\/public\/v1\//);
  }
  // Nothing on the network but the configured origin (the extension's own pages aside).
  const network = requests.filter((r) => !/^(chrome|moz)-extension:/.test(r.url));
  expect(network.map((r) => new URL(r.url).origin).filter((o) => o !== sandbox.origin)).toEqual([]);
  expectReadOnly(sandbox);

  // Where it did not.
  expect(popupHtml).not.toContain(TOKEN);
  for (const page of [options, approvalPage]) expect(await page.content()).not.toContain(TOKEN);
  const panelText = await approvalPage.locator('ot-approval-panel').evaluate((el) => el.shadowRoot!.innerHTML, null);
  expect(panelText).not.toContain(TOKEN);
  expect(consoleLines.join('\n')).not.toContain(TOKEN);
  const { token, credential, ...rest } = (await ext.evaluate(() => chrome.storage.local.get(null), null)) as Record<
    string,
    unknown
  >;
  expect(token).toBe(TOKEN);
  expect(credential).toEqual({ origin: sandbox.origin, token: TOKEN }); // bound to the URL it was saved for
  expect(JSON.stringify(rest)).not.toContain(TOKEN); // errors, the list, status: none holds it
  expect(await ext.evaluate(() => chrome.storage.sync.get(null), null)).toEqual({});
});

test('messages from a page on another origin are refused', async ({ ext, sandbox }) => {
  // Configured for app.opentrain.ai, while the content script also runs on the sandbox's pages (e2e build).
  await ext.configure('https://app.opentrain.ai', TOKEN);
  const page = await ext.newPage(`${sandbox.origin}/approvals/apr_fund_first_batch`);
  await expect
    .poll(() => page.getByTestId('ot-panel').getByRole('alert').text())
    .toContain('This page is not on the OpenTrain URL set in the extension’s Options');
  expect(sandbox.apiLog('/approvals/apr_fund_first_batch')).toEqual([]);
  expect(((await ext.storage(['tracking'])).tracking as { ids: string[] } | undefined)?.ids ?? []).not.toContain(
    'apr_fund_first_batch',
  );
  // A web page itself cannot reach the extension at all.
  expect(
    await page.evaluate(
      () => typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage,
      null,
    ),
  ).toBe('undefined');
});

test('markup and script in API text are rendered as text in the popup and nothing runs', async ({ ext, sandbox }) => {
  sandbox.add({
    type: 'milestone_fund',
    milestoneName: '<img src=x onerror="window.__pwned=1">',
    contractTitle: '<b onmouseover=alert(1)>Bold</b>',
    freelancerName: '<script>window.__pwned=2</script>',
    expiresInMs: 60_000 * 30,
  });
  await ext.configure(sandbox.origin, TOKEN);
  const popup = await ext.openPopup();
  const row = popup.getByTestId('approval-row').first();
  await expect.poll(() => row.text()).toContain('Fund milestone “<img src=x onerror="window.__pwned=1">”');
  await expect.poll(() => row.text()).toContain('<b onmouseover=alert(1)>Bold</b> · <script>window.__pwned=2</script>');
  expect(await popup.locator('img, b, script:not([src])').count()).toBe(0);
  expect(await popup.evaluate(() => (window as unknown as { __pwned?: number }).__pwned, null)).toBeUndefined();
});

test('an approvalUrl on a foreign origin is never opened', async ({ ext, sandbox }) => {
  const [added] = sandbox.add({
    type: 'milestone_fund',
    milestoneName: 'Phishing batch',
    expiresInMs: 60_000,
    extra: { approvalUrl: 'https://evil.example/approvals/steal' },
  });
  const foreign = await ext.block('https://evil.example');
  await ext.configure(sandbox.origin, TOKEN);
  const popup = await ext.openPopup();
  const opened = ext.waitForPage((url) => url.includes('/approvals/'));
  await popup.getByRole('button', { name: /^Open in OpenTrain: Fund milestone “Phishing batch”/ }).click();
  expect((await opened).url()).toBe(`${sandbox.origin}/approvals/${added!.id}`);
  expect(foreign).toEqual([]);
});

test('manifest review: least privilege, no remote code, the default CSP', ({ browserName }) => {
  const build = BUILDS[browserName as BrowserName].production;
  const manifest = JSON.parse(fs.readFileSync(path.join(build, 'manifest.json'), 'utf8'));
  expect(manifest.permissions.sort()).toEqual(['alarms', 'notifications', 'storage']);
  expect(manifest.host_permissions).toEqual(['https://app.opentrain.ai/*']);
  expect(manifest.optional_permissions).toEqual(['scripting']);
  expect(manifest.content_security_policy).toBeUndefined();
  expect(manifest.web_accessible_resources).toBeUndefined();
  expect(manifest.externally_connectable).toBeUndefined();
  const files = fs
    .readdirSync(build, { recursive: true })
    .map(String)
    .filter((f) => /\.(js|html)$/.test(f));
  for (const file of files) {
    const text = fs.readFileSync(path.join(build, file), 'utf8');
    expect(text, file).not.toMatch(/<script[^>]+src=["']https?:/);
    expect(text, file).not.toMatch(/importScripts\(|import\(["']https?:/);
  }
});
