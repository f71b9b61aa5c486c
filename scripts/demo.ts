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

const OUT = path.resolve('demo-output');
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

const headed = Boolean(process.env.DISPLAY) && !process.env.CI;
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
  const shoot = async (page: Page, name: string) => {
    const file = path.join(OUT, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    shots.push(file);
  };
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByTestId('approval-row').first().waitFor();
  await shoot(popup, 'popup');
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  // Save the sandbox token as a reviewer would: the page checks it and shows whose it is.
  await options.getByLabel('API token').fill(SANDBOX_TOKENS.full);
  await options.getByRole('button', { name: 'Save' }).click();
  await options.getByTestId('account').waitFor();
  await shoot(options, 'options');
  await shoot(approvalPage, 'approval-page');
  console.log('No display: ran headless. Screenshots:');
  for (const file of shots) console.log(`  ${file}`);
}
await close();
await sandbox.close();
