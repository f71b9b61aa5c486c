/** Chromium with a built extension loaded, for the end-to-end tests, the demo and the benchmark. */
import { chromium, type BrowserContext } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM } from './browsers';

export { CHROMIUM };

export const E2E_BUILD = path.resolve('.output/chrome-mv3-e2e');
export const PRODUCTION_BUILD = path.resolve('.output/chrome-mv3');

export async function launchWithExtension(
  extensionDir: string,
  { headless = true }: { headless?: boolean } = {},
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!fs.existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No build at ${extensionDir}: run "npm run build:e2e && npm run build" first.`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ot-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless,
    viewport: { width: 1280, height: 800 },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
