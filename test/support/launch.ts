/**
 * The browsers with a built extension loaded: Chromium (Playwright) for the end-to-end tests,
 * the demo and the benchmark; Firefox ESR (puppeteer-core over WebDriver BiDi) for the
 * end-to-end tests.
 */
import { chromium, type BrowserContext } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { CHROMIUM, FIREFOX } from './browsers';

export { CHROMIUM, FIREFOX };

export const E2E_BUILD = path.resolve('.output/chrome-mv3-e2e');
export const PRODUCTION_BUILD = path.resolve('.output/chrome-mv3');
export const FIREFOX_E2E_BUILD = path.resolve('.output/firefox-mv3-e2e');
export const FIREFOX_PRODUCTION_BUILD = path.resolve('.output/firefox-mv3');

/** The builds, by browser and flavour. */
export const BUILDS = {
  chromium: { e2e: E2E_BUILD, production: PRODUCTION_BUILD },
  firefox: { e2e: FIREFOX_E2E_BUILD, production: FIREFOX_PRODUCTION_BUILD },
} as const;

/** The add-on id of the Firefox builds (wxt.config.ts). */
export const GECKO_ID = 'approvals-companion@opentrain.ai';

function assertBuilt(extensionDir: string) {
  if (!fs.existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No build at ${extensionDir}: run "npm run build:all" first.`);
  }
}

export async function launchWithExtension(
  extensionDir: string,
  { headless = true }: { headless?: boolean } = {},
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  assertBuilt(extensionDir);
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

/**
 * Firefox ESR with the build installed as a temporary add-on, at a known
 * `moz-extension://<uuid>/`. With `proxyPort`, every request (loopback included) goes through
 * that local proxy.
 */
export async function launchFirefoxWithExtension(
  extensionDir: string,
  { headless = true, proxyPort }: { headless?: boolean; proxyPort?: number } = {},
): Promise<{ browser: Browser; uuid: string; close: () => Promise<void> }> {
  assertBuilt(extensionDir);
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless,
    // Without it, WebDriver BiDi may not open moz-extension:// pages (nor reach the browser's
    // own scope, which the driver needs to stop the background and go offline).
    args: ['--remote-allow-system-access'],
    // The proxy ends TLS for the origins it serves with a self-signed certificate.
    acceptInsecureCerts: true,
    defaultViewport: { width: 1280, height: 800 },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
      // notifications.getAll() lists what was shown (the system backend keeps no list).
      'alerts.useSystemBackend': false,
      // permissions.request() is granted as a click on Allow would (the request itself still
      // needs the user's click, which the tests make).
      'extensions.webextOptionalPermissionPrompts': false,
      // As a browser window: timers in tabs behind others are not slowed down (Playwright's
      // Chromium runs with the same switch), so a test's page works while it is not in front.
      'dom.min_background_timeout_value': 4,
      'dom.min_background_timeout_value_without_budget_throttling': 4,
      'dom.timeout.enable_budget_timer_throttling': false,
      'layout.css.prefers-color-scheme.content-override': 1, // light, as Playwright's default
      // Offline means offline for loopback too (the sandbox and the proxy listen there).
      'network.disable-localhost-when-offline': true,
      ...(proxyPort && {
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxyPort,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxyPort,
        'network.proxy.no_proxies_on': '',
        'network.proxy.allow_hijacking_localhost': true,
      }),
    },
  });
  try {
    await browser.installExtension(extensionDir);
  } catch (error) {
    await browser.close();
    throw error;
  }
  return { browser, uuid, close: () => browser.close() };
}
