/**
 * `npm run demo`: builds the extension, starts the sandbox, and opens Chromium with the
 * extension loaded and pointed at the sandbox, on an approval page. With a display it stays
 * open until Ctrl+C; without one it runs headless, saves screenshots of the popup, options
 * and approval page, prints their paths and exits.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { SANDBOX_TOKENS } from '../sandbox/data';
import { DEFAULT_PORT, startSandbox } from '../sandbox/server';
import { launchWithExtension } from '../test/support/launch';

/** `npm run screenshots` writes the README's and the store listing's pictures into docs/. */
const FOR_DOCS = process.argv.includes('--docs');
const OUT = path.resolve(FOR_DOCS ? 'docs/screenshots' : 'demo-output');
const EXT = path.resolve('.output/chrome-mv3-demo');

const port = process.env.PORT ? Number(process.env.PORT) : DEFAULT_PORT;
const sandbox = await startSandbox({ port });
console.log(`Sandbox on ${sandbox.origin}`);

const build = spawnSync('npx', ['wxt', 'build', '--mode', 'e2e'], {
  stdio: 'inherit',
  env: { ...process.env, OT_DEMO_BUILD: '1', OT_PRESET_ORIGIN: sandbox.origin, OT_PRESET_TOKEN: SANDBOX_TOKENS.full },
});
if (build.status !== 0) {
  await sandbox.close();
  process.exit(build.status ?? 1);
}

const headed = Boolean(process.env.DISPLAY) && !process.env.CI && !FOR_DOCS;
const { context, close } = await launchWithExtension(EXT, { headless: !headed });
const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const extensionId = new URL(worker.url()).host;

// Wait for the first poll: the badge shows the sandbox's pending count.
for (let i = 0; i < 100; i++) {
  const text = await worker.evaluate(() => chrome.action.getBadgeText({}));
  if (text && text !== '…' && text !== '!') break;
  await new Promise((r) => setTimeout(r, 100));
}
const badge = await worker.evaluate(async () => ({
  text: await chrome.action.getBadgeText({}),
  title: await chrome.action.getTitle({}),
}));
console.log(`Badge: "${badge.text}" — ${badge.title}`);

const approvalPage = await context.newPage();
await approvalPage.goto(`${sandbox.origin}/approvals/apr_fund_first_batch`);
await approvalPage.locator('ot-approval-panel').waitFor();
await approvalPage.getByTestId('ot-risks').waitFor();

if (headed) {
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  console.log('Chromium is open with the extension: the approval page, and the popup in its own tab. Ctrl+C to stop.');
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
} else {
  fs.mkdirSync(OUT, { recursive: true });
  const shots: string[] = [];
  const shoot = async (page: Page, name: string, fullPage = true) => {
    const file = path.join(OUT, `${name}.png`);
    await page.screenshot({ path: file, fullPage });
    shots.push(file);
    return file;
  };
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByTestId('approval-row').first().waitFor();
  const popupLight = await shoot(popup, 'popup');
  await popup.emulateMedia({ colorScheme: 'dark' });
  await shoot(popup, 'popup-dark');
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  // Save the sandbox token as a reviewer would: the page checks it and shows whose it is.
  await options.getByLabel('API token').fill(SANDBOX_TOKENS.full);
  await options.getByRole('button', { name: 'Save' }).click();
  await options.getByTestId('account').waitFor();
  await shoot(options, 'options');
  await shoot(approvalPage, 'approval-page');

  // Store listings take 1280×800 pictures.
  await approvalPage.setViewportSize({ width: 1280, height: 800 });
  await shoot(approvalPage, 'store-1-approval-panel', false);
  const stage = await context.newPage();
  await stage.setViewportSize({ width: 1280, height: 800 });
  await stage.setContent(storeStage(fs.readFileSync(popupLight).toString('base64')));
  await shoot(stage, 'store-2-popup', false);
  await options.setViewportSize({ width: 1280, height: 800 });
  await shoot(options, 'store-3-options', false);
  console.log('No display: ran headless. Screenshots:');
  for (const file of shots) console.log(`  ${file}`);
}
await close();
await sandbox.close();

/** A 1280×800 stage for the popup's picture, as the toolbar would show it. */
function storeStage(popupPng: string): string {
  return `<!doctype html><html><body style="margin:0;height:800px;display:flex;align-items:center;justify-content:center;gap:64px;background:linear-gradient(135deg,#eef2ff,#f8fafc);font:18px system-ui,sans-serif;color:#1f2937">
  <div style="max-width:420px"><h1 style="font-size:36px;margin:0 0 16px">Never miss an approval</h1>
  <p>Every spending request your agents make on OpenTrain, in words, with the time left to confirm it.</p></div>
  <img alt="" src="data:image/png;base64,${popupPng}" style="width:380px;border-radius:12px;box-shadow:0 20px 50px rgba(0,0,0,.25)"></body></html>`;
}
