/** The Chromium driver: Playwright with the extension loaded unpacked into a fresh profile. */
import type { BrowserContext, ElementHandle, Page, Worker } from '@playwright/test';
import { launchWithExtension } from '../../support/launch';
import type { Driver, RecordedRequest } from './driver';
import { queryInPage, type Step } from './locate';
import { type PageBackend, TestPage, waitUntil } from './page';

class ChromiumPage implements PageBackend {
  readonly browserName = 'chromium' as const;
  constructor(readonly page: Page) {}

  url() {
    return this.page.url();
  }
  isClosed() {
    return this.page.isClosed();
  }
  evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T> {
    // (Playwright's own overloads do not carry a generic argument through.)
    return this.page.evaluate(fn as (arg: unknown) => Promise<T>, arg as unknown);
  }
  async evaluateSource(source: string) {
    await this.page.evaluate(source);
  }
  private async element(chain: Step[]): Promise<ElementHandle<Element>> {
    const handle = await this.page.evaluateHandle(queryInPage, { chain, probe: null });
    const element = handle.asElement() as ElementHandle<Element> | null;
    if (!element) throw new Error('not an element');
    return element;
  }
  async evaluateOn<T, A>(chain: Step[], fn: (el: Element, arg: A) => T | Promise<T>, arg: A): Promise<T> {
    const element = await this.element(chain);
    try {
      return (await element.evaluate(fn as (el: Element, arg: unknown) => Promise<T>, arg as unknown)) as T;
    } finally {
      await element.dispose().catch(() => undefined);
    }
  }
  async click(chain: Step[]) {
    await (await this.element(chain)).click();
  }
  async fill(chain: Step[], value: string) {
    await (await this.element(chain)).fill(value);
  }
  async focus(chain: Step[]) {
    await (await this.element(chain)).focus();
  }
  async press(key: string) {
    await this.page.keyboard.press(key);
  }
  async goto(url: string) {
    await this.page.goto(url);
  }
  async reload() {
    await this.page.reload();
  }
  content() {
    return this.page.content();
  }
  close() {
    return this.page.close();
  }
}

/** How long a running service worker takes at most to answer an evaluation. */
const WORKER_ANSWERS_WITHIN_MS = 2_000;

export async function launchChromiumDriver(buildDir: string): Promise<Driver> {
  const { context, close } = await launchWithExtension(buildDir);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  let scheme: 'light' | 'dark' = 'light';
  const pages = new Set<Page>();
  const wrap = async (page: Page) => {
    pages.add(page);
    await page.emulateMedia({ colorScheme: scheme });
    return new TestPage(new ChromiumPage(page));
  };
  const extensionOrigin = `chrome-extension://${id}`;
  return {
    browserName: 'chromium',
    extensionBase: `chrome-extension://${id}/`,
    newPage: async () => wrap(await context.newPage()),
    waitForPage: async (predicate) =>
      wrap(await context.waitForEvent('page', { predicate: (page) => predicate(page.url()) })),
    openPages: async () =>
      Promise.all(
        context
          .pages()
          .filter((page) => !page.isClosed())
          .map(wrap),
      ),
    async runCommand(name) {
      const dispatch = (worker: Worker) =>
        worker.evaluate(
          (command) => (chrome.commands.onCommand as unknown as { dispatch(name: string): void }).dispatch(command),
          name,
        );
      // A worker stopped a moment ago may still be listed, and never answers: asked briefly whether it lives.
      const alive = (worker: Worker) =>
        Promise.race([
          worker.evaluate(() => true).catch(() => false),
          new Promise<boolean>((resolve) => setTimeout(() => resolve(false), WORKER_ANSWERS_WITHIN_MS)),
        ]);
      const live = async () => {
        const listed = context.serviceWorkers().filter((worker) => worker.url().startsWith(extensionOrigin));
        for (const worker of listed.reverse()) if (await alive(worker)) return worker;
        return null;
      };
      let worker = await live();
      if (!worker) {
        // Stopped: a message from one of its pages starts it again, as a key press would.
        const page = await context.newPage();
        await page.goto(`${extensionOrigin}/options.html`);
        await page.evaluate(() => chrome.runtime.sendMessage({ type: 'wake' }).catch(() => undefined));
        await page.close();
        worker =
          (await live()) ??
          (await context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith(extensionOrigin) }));
      }
      await dispatch(worker);
    },
    stopBackground: () => stopServiceWorker(context, id),
    setOffline: (offline) => context.setOffline(offline),
    async setColorScheme(next) {
      scheme = next;
      for (const page of pages) if (!page.isClosed()) await page.emulateMedia({ colorScheme: scheme });
    },
    async serve(origin, target) {
      await context.route(`${origin}/**`, async (route) => {
        const url = new URL(route.request().url());
        let response: Awaited<ReturnType<typeof route.fetch>>;
        try {
          response = await route.fetch({ url: `${target}${url.pathname}${url.search}` });
        } catch {
          // The target refused (the sandbox is gone once a test ends): to the browser, a network error.
          await route.abort('connectionrefused').catch(() => undefined);
          return;
        }
        // (The browser may have dropped the request meanwhile; then there is no one to answer.)
        await route.fulfill({ response }).catch(() => undefined);
      });
    },
    async block(origin) {
      const asked: string[] = [];
      await context.route(`${origin}/**`, (route) => {
        asked.push(route.request().url());
        return route.abort();
      });
      return asked;
    },
    async recordRequests() {
      const requests: RecordedRequest[] = [];
      await context.route('**/*', async (route) => {
        const request = route.request();
        requests.push({
          url: request.url(),
          method: request.method(),
          authorization: (await request.allHeaders()).authorization,
        });
        await route.fallback();
      });
      return requests;
    },
    async readStorageAsContentScript(page) {
      const raw = (page.backend as ChromiumPage).page;
      const cdp = await context.newCDPSession(raw);
      const worlds: number[] = [];
      cdp.on('Runtime.executionContextCreated', ({ context: world }) => {
        if (world.origin === extensionOrigin || world.name === extensionOrigin) worlds.push(world.id);
      });
      await cdp.send('Runtime.enable'); // reports every context that exists, the content script's included
      await waitUntil(async () => (worlds.length ? null : 'no content-script world yet'), 'the content script');
      const { result } = await cdp.send('Runtime.evaluate', {
        contextId: worlds[0],
        awaitPromise: true,
        returnByValue: true,
        expression:
          "chrome.storage.local.get(null).then((items) => JSON.stringify(items), (error) => 'error: ' + error.message)",
      });
      await cdp.detach();
      return String(result.value);
    },
    onConsole(listener) {
      context.on('page', (page) => page.on('console', (message) => listener(message.text())));
    },
    close,
  };
}

/**
 * Stops the extension's service worker, as the browser does when it is idle: the Stop button of
 * chrome://serviceworker-internals, then its status reads STOPPED. (A poll alarm or a page's
 * message may start a new worker at once, so the page is watched for that status from before
 * the click, not read once after it.)
 */
async function stopServiceWorker(context: BrowserContext, id: string): Promise<void> {
  const page = await context.newPage();
  await page.goto('chrome://serviceworker-internals/');
  const scope = `chrome-extension://${id}/`;
  const registration = page.locator('.serviceworker-registration', { hasText: scope }).first();
  await registration.locator('cr-button[data-command="stop"]').first().waitFor();
  await page.evaluate((scope) => {
    const seen = window as unknown as { sawStopped?: boolean };
    seen.sawStopped = false;
    const check = () => {
      for (const el of document.querySelectorAll('.serviceworker-registration')) {
        const status = el.querySelector('.serviceworker-running-status .value')?.textContent?.trim();
        if (el.textContent?.includes(scope) && status === 'STOPPED') seen.sawStopped = true;
      }
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
  }, scope);
  await registration.locator('cr-button[data-command="stop"]').first().click();
  await waitUntil(
    async () => ((await page.evaluate(() => (window as { sawStopped?: boolean }).sawStopped)) ? null : 'still running'),
    'stop the service worker',
  );
  await page.close();
}
