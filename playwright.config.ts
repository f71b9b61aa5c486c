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
  // On CI one retry, so that a test slowed past a wait by a loaded machine does not sink the run;
  // a test that passes only on retry is reported as flaky (and counted so in the summary).
  retries: process.env.CI ? 1 : 0,
  // The JSON report feeds the summary at the end of npm test (scripts/test-summary.mjs).
  reporter: [['list'], ['json', { outputFile: '.output/test-results/e2e.json' }]],
  projects: [
    { name: 'chromium', use: { browserName: 'chromium' } },
    { name: 'firefox', use: { browserName: 'firefox' } },
  ],
});
