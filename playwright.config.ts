import { defineConfig } from '@playwright/test';

/**
 * One suite, two browsers: every scenario in test/e2e runs in Chromium (Playwright, Debian's
 * chromium) and in Firefox (WebDriver BiDi through puppeteer-core, Debian's firefox-esr). The
 * fixtures launch the browsers themselves (test/e2e/fixtures.ts); `browserName` picks the driver.
 */
export default defineConfig({
  testDir: './test/e2e',
  timeout: 45_000,
  expect: { timeout: 10_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [['list']],
  projects: [
    { name: 'chromium', use: { browserName: 'chromium' } },
    { name: 'firefox', use: { browserName: 'firefox' } },
  ],
});
