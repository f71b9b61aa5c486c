/**
 * The small interface the end-to-end scenarios drive a browser with the extension through.
 * Two implementations: Chromium over Playwright (chromium.ts), Firefox over puppeteer-core's
 * WebDriver BiDi (firefox.ts). A scenario written against it runs in both.
 */
import type { BrowserName, TestPage } from './page';

export type { BrowserName, TestPage };

/** A request as it left the browser (a page's or the extension's), with its Authorization header. */
export interface RecordedRequest {
  url: string;
  method: string;
  authorization: string | undefined;
}

export interface Driver {
  readonly browserName: BrowserName;
  /** The extension's pages' base URL, with a trailing slash: `chrome-extension://<id>/`, `moz-extension://<uuid>/`. */
  readonly extensionBase: string;
  /** A new tab, blank. */
  newPage(): Promise<TestPage>;
  /** Resolves with the next tab opened (by the extension) whose URL passes `predicate`. */
  waitForPage(predicate: (url: string) => boolean): Promise<TestPage>;
  /** The tabs open now (the extension may have opened some at install). */
  openPages(): Promise<TestPage[]>;
  /**
   * Runs one of the extension's keyboard commands as its shortcut does. Firefox: the shortcut's own
   * key in the browser window (what the key press runs). Chromium: no automation reaches the
   * browser's shortcuts (a key pressed in a page stays in the page), so the command event is
   * dispatched to the extension's service worker.
   */
  runCommand(name: string): Promise<void>;
  /** Stops the extension's background (Chromium's service worker, Firefox's event page) as the browser does when idle, and waits until it is stopped. */
  stopBackground(): Promise<void>;
  /** Takes the whole browser off the network (pages and the extension alike), or back on. */
  setOffline(offline: boolean): Promise<void>;
  /** `prefers-color-scheme` for every page, open and to come. */
  setColorScheme(scheme: 'light' | 'dark'): Promise<void>;
  /** Serves every request to `origin` (pages and API) from `target` (an http origin): the sandbox stands in for app.opentrain.ai. */
  serve(origin: string, target: string): Promise<void>;
  /** Refuses every request to `origin`; the returned list fills with the URLs that were asked for. */
  block(origin: string): Promise<string[]>;
  /** From now on, every request the browser makes for a page or the extension; the returned list fills as they go. */
  recordRequests(): Promise<RecordedRequest[]>;
  /**
   * What the extension's content script on `page` gets when it reads its local storage: the
   * items as JSON, or `error: <message>`. Null where the browser gives a test no way into the
   * content script's world (Firefox over BiDi).
   */
  readStorageAsContentScript(page: TestPage): Promise<string | null>;
  /** Console messages of every page opened from now on. */
  onConsole(listener: (text: string) => void): void;
  close(): Promise<void>;
}
