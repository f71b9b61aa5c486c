/**
 * The Firefox driver: Firefox ESR over WebDriver BiDi (puppeteer-core), the extension installed
 * as a temporary add-on at a fixed moz-extension:// UUID, every request through the test proxy
 * (test/firefox/proxy.ts). What WebDriver BiDi has no command for (stopping the event page,
 * offline mode, the colour scheme) is done in the browser's own scope, which
 * `--remote-allow-system-access` opens to the test.
 */
import type { ElementHandle, Page } from 'puppeteer-core';
import { TestProxy } from '../../firefox/proxy';
import { GECKO_ID, launchFirefoxWithExtension } from '../../support/launch';
import type { Driver } from './driver';
import { queryInPage, type Step } from './locate';
import { type PageBackend, TestPage, waitUntil } from './page';

const NAVIGATION_TIMEOUT_MS = 10_000;

class FirefoxPage implements PageBackend {
  readonly browserName = 'firefox' as const;
  constructor(readonly page: Page) {}

  url() {
    return this.page.url();
  }
  isClosed() {
    return this.page.isClosed();
  }
  evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T> {
    return this.page.evaluate(fn as (arg: unknown) => Promise<T>, arg as unknown) as Promise<T>;
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
  /** Input goes to the tab in front, as a user's would. */
  private async front() {
    await this.page.bringToFront();
  }
  async click(chain: Step[]) {
    await this.front();
    await (await this.element(chain)).click();
  }
  async fill(chain: Step[], value: string) {
    await this.front();
    const element = await this.element(chain);
    await element.focus();
    // Select what is there and type over it: real key events, so the page's input handlers run.
    await this.page.keyboard.down('Control');
    await this.page.keyboard.press('KeyA');
    await this.page.keyboard.up('Control');
    if (value) await this.page.keyboard.type(value);
    else await this.page.keyboard.press('Backspace');
    const typed = await element.evaluate((el) => (el as HTMLInputElement).value);
    if (typed !== value)
      throw new Error(`fill: the field holds ${JSON.stringify(typed)}, not ${JSON.stringify(value)}`);
  }
  async focus(chain: Step[]) {
    await this.front();
    await (await this.element(chain)).focus();
  }
  async press(key: string) {
    await this.front();
    await this.page.keyboard.press(key as Parameters<Page['keyboard']['press']>[0]);
  }
  async goto(url: string) {
    if (!url.startsWith('moz-extension:')) {
      await this.page.goto(url);
      return;
    }
    // Firefox sends no load event for moz-extension:// documents over WebDriver BiDi, so
    // page.goto() would never settle: start the navigation, then wait for the document.
    this.page.goto(url, { timeout: NAVIGATION_TIMEOUT_MS }).catch(() => undefined);
    // (Asked from here rather than with waitForFunction: while the document is being replaced,
    // an evaluation may fail, and is simply asked again.)
    await waitUntil(
      async () =>
        (await this.page.evaluate((u) => location.href === u && document.readyState === 'complete', url))
          ? null
          : 'still loading',
      `open ${url}`,
      NAVIGATION_TIMEOUT_MS,
    );
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

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: Record<string, unknown> }>;
}

/** Evaluates an expression in the browser's own (chrome) scope and returns its primitive value. */
async function browserScope(connection: BidiConnection) {
  const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const context = (tree.result.contexts as Array<{ context: string }>)[0]!.context;
  return async (expression: string): Promise<unknown> => {
    const { result } = await connection.send('script.evaluate', {
      expression,
      target: { context },
      awaitPromise: true,
    });
    if (result.type === 'exception') {
      throw new Error(`browser scope: ${(result.exceptionDetails as { text: string }).text}`);
    }
    return (result.result as { value?: unknown }).value;
  };
}

const EXTENSION = `ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs').ExtensionParent.GlobalManager.getExtension(${JSON.stringify(GECKO_ID)})`;

export async function launchFirefoxDriver(buildDir: string): Promise<Driver> {
  const proxy = await TestProxy.start();
  let launched: Awaited<ReturnType<typeof launchFirefoxWithExtension>>;
  try {
    launched = await launchFirefoxWithExtension(buildDir, { proxyPort: proxy.port });
  } catch (error) {
    await proxy.close();
    throw error;
  }
  const { browser, uuid } = launched;
  const inBrowser = await browserScope((browser as unknown as { connection: BidiConnection }).connection);
  const consoleListeners: Array<(text: string) => void> = [];
  const watched = new WeakSet<Page>();
  const watch = (page: Page) => {
    if (watched.has(page)) return;
    watched.add(page);
    page.on('console', (message) => {
      for (const listener of consoleListeners) listener(message.text());
    });
  };
  browser.on('targetcreated', (target) => {
    if (target.type() === 'page') void target.page().then((page) => page && watch(page));
  });
  const wrap = (page: Page) => {
    watch(page);
    return new TestPage(new FirefoxPage(page));
  };

  return {
    browserName: 'firefox',
    extensionBase: `moz-extension://${uuid}/`,
    newPage: async () => wrap(await browser.newPage()),
    async waitForPage(predicate) {
      const existing = new Set(browser.targets());
      const target = await browser.waitForTarget((t) => t.type() === 'page' && !existing.has(t) && predicate(t.url()), {
        timeout: NAVIGATION_TIMEOUT_MS,
      });
      const page = await target.page();
      if (!page) throw new Error(`no page for ${target.url()}`);
      return wrap(page);
    },
    openPages: async () => (await browser.pages()).map(wrap),
    async runCommand(name) {
      // The <key> element ExtensionShortcuts put in the browser window for the command's shortcut:
      // doCommand() runs what a press of that shortcut runs (and wakes a stopped event page).
      const shortcut = await inBrowser(
        `(async () => {
          const shortcuts = ${EXTENSION}.shortcuts;
          const command = (await shortcuts.commands).get(${JSON.stringify(name)});
          if (!command?.shortcut) throw new Error('no shortcut for this command');
          const window = Services.wm.getMostRecentWindow('navigator:browser');
          const wanted = shortcuts.buildKeyFromShortcut(window.document, ${JSON.stringify(name)}, command.shortcut);
          const key = [...shortcuts.keysetsMap.get(window).children].find((element) =>
            ['modifiers', 'key', 'keycode'].every((name) => element.getAttribute(name) === wanted.getAttribute(name)),
          );
          if (!key) throw new Error('the shortcut is not registered in the window');
          key.doCommand();
          return command.shortcut;
        })()`,
      );
      if (typeof shortcut !== 'string') throw new Error(`runCommand(${name}): ${String(shortcut)}`);
    },
    async stopBackground() {
      // What Firefox does to an idle event page (the idle timer calls the same method).
      const state = await inBrowser(
        `(async () => { const extension = ${EXTENSION}; await extension.terminateBackground({ ignoreDevToolsAttached: true }); return extension.backgroundState; })()`,
      );
      if (state !== 'stopped') throw new Error(`the background did not stop (${String(state)})`);
    },
    async setOffline(offline) {
      if (offline) {
        await inBrowser('Services.io.offline = true');
        proxy.setOffline(true); // and what was already connected is cut, as a real outage would
      } else {
        proxy.setOffline(false);
        await inBrowser('Services.io.offline = false');
      }
    },
    async setColorScheme(scheme) {
      await inBrowser(
        `Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', ${scheme === 'dark' ? 0 : 1})`,
      );
    },
    async serve(origin, target) {
      proxy.serve(origin, target);
    },
    async block(origin) {
      return proxy.block(origin);
    },
    async recordRequests() {
      return proxy.record();
    },
    // BiDi gives no handle on a content script's sandbox here.
    readStorageAsContentScript: async () => null,
    onConsole(listener) {
      consoleListeners.push(listener);
    },
    async close() {
      await launched.close().catch(() => undefined);
      await proxy.close();
    },
  };
}
