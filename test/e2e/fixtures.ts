/**
 * Playwright fixtures: each test gets its own sandbox on a free port and a fresh browser with
 * the extension (by default its e2e build, the flavour that may reach 127.0.0.1 without a
 * prompt). The browser is the project's: Chromium (Playwright) or Firefox (WebDriver BiDi), both
 * behind the same `Extension` interface, so each scenario is written once.
 */
import { test as base, expect } from '@playwright/test';
import { SANDBOX_TOKENS } from '../../sandbox/data';
import { startSandbox, type AddApprovalsBody, type Fault, type LogEntry, type Sandbox } from '../../sandbox/server';
import { defaultSettings, type Settings } from '../../lib/state';
import { BUILDS } from '../support/launch';
import { launchChromiumDriver } from './driver/chromium';
import type { BrowserName, Driver, RecordedRequest } from './driver/driver';
import { launchFirefoxDriver } from './driver/firefox';
import type { Locator, TestPage } from './driver/page';

export { BUILDS };
export type { BrowserName, Locator, RecordedRequest, TestPage };

export type Flavour = keyof (typeof BUILDS)['chromium'];

export interface BadgeState {
  text: string;
  color: number[];
  title: string;
}

/** A browser with the extension loaded, in the project's browser. */
export function launchDriver(browserName: BrowserName, flavour: Flavour = 'e2e'): Promise<Driver> {
  return browserName === 'firefox'
    ? launchFirefoxDriver(BUILDS.firefox[flavour])
    : launchChromiumDriver(BUILDS.chromium[flavour]);
}

/** Drives and reads the extension from the outside, as a test needs to, in either browser. */
export class Extension {
  private probe: TestPage | null = null;

  constructor(readonly driver: Driver) {}

  get browserName(): BrowserName {
    return this.driver.browserName;
  }

  /**
   * Runs `fn(arg)` in an extension page, with the extension's APIs (`chrome.*`, promise-based in
   * both browsers). Not in the background: a test keeps no handle on a background the browser
   * restarted.
   */
  async evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T> {
    if (!this.probe || this.probe.isClosed()) this.probe = await this.openPage('options.html');
    return this.probe.evaluate(fn, arg);
  }

  /** Points the extension at an origin with a token, as saving the options page does. */
  async configure(origin: string, token: string | null, settings: Partial<Settings> = {}): Promise<void> {
    const stored = { settings: { ...defaultSettings(origin), intervalSec: 60, ...settings }, token };
    await this.evaluate((items) => chrome.storage.local.set(items), stored);
    // The background takes settings up from storage.onChanged: wait until it has.
    if (token) await expect.poll(async () => (await this.badge()).title).not.toContain('not connected');
  }

  async badge(): Promise<BadgeState> {
    return this.evaluate(
      async () => ({
        text: await chrome.action.getBadgeText({}),
        color: await chrome.action.getBadgeBackgroundColor({}),
        title: await chrome.action.getTitle({}),
      }),
      null,
    );
  }

  async notifications(): Promise<Record<string, unknown>> {
    return this.evaluate(() => chrome.notifications.getAll() as Promise<Record<string, unknown>>, null);
  }

  /** Dismisses every notification, as the reviewer would. */
  async clearNotifications(): Promise<void> {
    await this.evaluate(async () => {
      for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
    }, null);
  }

  /** The background's next scheduled poll (its `poll` alarm), or null when none is scheduled. */
  async pollAlarm(): Promise<{ scheduledTime: number } | null> {
    return this.evaluate(async () => (await chrome.alarms.get('poll')) ?? null, null);
  }

  /**
   * Resolves once an alarm set `ms` ahead has fired in the extension: time as the extension's
   * own scheduler counts it (the poll alarm runs on the same clock). Firing it also wakes the
   * background, so whatever the background does on waking has happened within the window.
   */
  async alarmWindow(ms: number): Promise<void> {
    await this.evaluate(
      (delay) =>
        new Promise<void>((resolve) => {
          const name = `test-window-${Math.random()}`;
          const listener = (alarm: chrome.alarms.Alarm) => {
            if (alarm.name !== name) return;
            chrome.alarms.onAlarm.removeListener(listener);
            resolve();
          };
          chrome.alarms.onAlarm.addListener(listener);
          void chrome.alarms.create(name, { when: Date.now() + delay });
        }),
      ms,
    );
  }

  async storage(keys: string[] | null): Promise<Record<string, unknown>> {
    return this.evaluate((k) => chrome.storage.local.get(k), keys);
  }

  /** An extension page (`popup.html`, `options.html`) in a new tab. */
  async openPage(path: string): Promise<TestPage> {
    const page = await this.driver.newPage();
    await page.goto(`${this.driver.extensionBase}${path}`);
    return page;
  }

  openPopup(): Promise<TestPage> {
    return this.openPage('popup.html');
  }

  openOptions(): Promise<TestPage> {
    return this.openPage('options.html');
  }

  /** A web page (the sandbox's approval page, say) in a new tab. */
  async newPage(url: string): Promise<TestPage> {
    const page = await this.driver.newPage();
    await page.goto(url);
    return page;
  }

  /** The next tab the extension opens whose URL passes `predicate`: start waiting before the click. */
  waitForPage(predicate: (url: string) => boolean): Promise<TestPage> {
    return this.driver.waitForPage(predicate);
  }

  /** The tabs open now, the extension's own pages included. */
  openPages(): Promise<TestPage[]> {
    return this.driver.openPages();
  }
  /** Runs a keyboard command of the extension as its shortcut would (see the driver). */
  runCommand(name: string): Promise<void> {
    return this.driver.runCommand(name);
  }
  stopBackground() {
    return this.driver.stopBackground();
  }
  setOffline(offline: boolean) {
    return this.driver.setOffline(offline);
  }
  setColorScheme(scheme: 'light' | 'dark') {
    return this.driver.setColorScheme(scheme);
  }
  serve(origin: string, target: string) {
    return this.driver.serve(origin, target);
  }
  block(origin: string) {
    return this.driver.block(origin);
  }
  recordRequests() {
    return this.driver.recordRequests();
  }
  readStorageAsContentScript(page: TestPage) {
    return this.driver.readStorageAsContentScript(page);
  }
  onConsole(listener: (text: string) => void) {
    this.driver.onConsole(listener);
  }
}

/** The sandbox's controls, as tests use them. */
export class SandboxControl {
  constructor(readonly sandbox: Sandbox) {}
  get origin() {
    return this.sandbox.origin;
  }
  get state() {
    return this.sandbox.state;
  }
  /** API requests the sandbox saw (control routes are not logged). */
  log(filter: (entry: LogEntry) => boolean = () => true): LogEntry[] {
    return this.sandbox.state.log.filter(filter);
  }
  apiLog(path?: string): LogEntry[] {
    return this.log((e) => e.path.startsWith('/api/public/v1') && (!path || e.path === `/api/public/v1${path}`));
  }
  fault(fault: Partial<Fault>) {
    this.sandbox.state.faults.push({ count: 1, ...fault });
  }
  add(body: AddApprovalsBody = {}) {
    return this.sandbox.state.addApprovals(body);
  }
  pendingCount(): number {
    return [...this.sandbox.state.world.approvals.keys()].filter(
      (id) => this.sandbox.state.readApproval(id)?.status === 'pending',
    ).length;
  }
}

export const test = base.extend<{ sandbox: SandboxControl; ext: Extension; build: Flavour }>({
  /** Which build the test's browser loads (`test.use({ build: 'production' })`). */
  build: ['e2e', { option: true }],
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  sandbox: async ({}, use) => {
    const sandbox = await startSandbox({ port: 0 });
    await use(new SandboxControl(sandbox));
    await sandbox.close();
  },
  // (It takes the sandbox so that the browser closes first: no request of the extension's then
  // meets a sandbox already gone.)
  ext: async ({ browserName, build, sandbox: _ }, use) => {
    const driver = await launchDriver(browserName as BrowserName, build);
    try {
      await use(new Extension(driver));
    } finally {
      await driver.close();
    }
  },
});

export { expect, SANDBOX_TOKENS };

/** The extension only reads: every request a GET, none to a route that moves money. */
export function expectReadOnly(sandbox: SandboxControl): void {
  const entries = sandbox.apiLog();
  expect(entries.length).toBeGreaterThan(0);
  for (const entry of entries) {
    expect(entry.method, `${entry.method} ${entry.path}`).toBe('GET');
    expect(entry.path).not.toMatch(/\/(fund|approve|hire|end)$/);
  }
}
