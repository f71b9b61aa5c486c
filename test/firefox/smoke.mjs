// Firefox smoke test: installs the Firefox build into firefox-esr (WebDriver BiDi, no
// geckodriver), serves an app.opentrain.ai approval page by request interception, and
// checks the approvals panel renders in its open shadow root. Firefox automation cannot
// open extension pages, so the popup, options and background are tested in Chromium.
import path from 'node:path';
import puppeteer from 'puppeteer-core';

const EXT = path.resolve(process.argv[2] ?? '.output/firefox-mv3');
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const PAGE = 'https://app.opentrain.ai/approvals/apr_fund_first_batch';

const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
let failed = false;
try {
  await browser.installExtension(EXT);
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (request) =>
    request.url().startsWith('https://app.opentrain.ai/')
      ? request.respond({
          status: 200,
          contentType: 'text/html',
          body: '<!doctype html><html><body><h1>Fund milestone</h1><button id="confirm">Confirm</button></body></html>',
        })
      : request.continue(),
  );
  await page.goto(PAGE);
  await page.waitForSelector('ot-approval-panel', { timeout: 15_000 });
  const panel = await page.waitForFunction(
    () => {
      const root = document.querySelector('ot-approval-panel')?.shadowRoot;
      const text = root?.querySelector('[data-testid=ot-panel]')?.textContent ?? '';
      // Not connected yet, so the panel says how to connect.
      return text.includes('Agent request') && text.includes('not connected') ? { mode: root.mode, text } : null;
    },
    { timeout: 15_000 },
  );
  const { mode, text } = await panel.jsonValue();
  if (mode !== 'open') throw new Error(`shadow root mode is ${mode}`);
  const buttonIntact = await page.evaluate(() => document.getElementById('confirm')?.textContent === 'Confirm');
  if (!buttonIntact) throw new Error('the page’s own button changed');
  console.log(`firefox smoke: panel rendered in ${mode} shadow root: "${text.slice(0, 80)}…"`);
  console.log('1 passed, 0 failed');
} catch (error) {
  failed = true;
  console.error(`firefox smoke: ${error instanceof Error ? error.stack : error}`);
  console.log('0 passed, 1 failed');
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
