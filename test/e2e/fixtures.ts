/**
 * Playwright fixtures: each test gets its own sandbox on a free port and a fresh Chromium
 * with the e2e build loaded (the flavour that may reach 127.0.0.1 without a prompt).
 */
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { SANDBOX_TOKENS } from '../../sandbox/data';
import { startSandbox, type AddApprovalsBody, type Fault, type LogEntry, type Sandbox } from '../../sandbox/server';
import { defaultSettings, type Settings } from '../../lib/state';

export { CHROMIUM, E2E_BUILD, launchWithExtension, PRODUCTION_BUILD } from '../support/launch';
import { E2E_BUILD, launchWithExtension } from '../support/launch';

export interface BadgeState {
  text: string;
  color: number[];
  title: string;
}

/** Drives and reads the extension from the outside, as a test needs to. */
export class Extension {
  private probe: Page | null = null;

  constructor(
    readonly context: BrowserContext,
    readonly id: string,
  ) {}

  /**
   * Runs `fn(arg)` in an extension page, with the extension's chrome.* APIs. Not in the
   * service worker: Playwright keeps no handle on a worker the browser restarted.
   */
  async evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T> {
    if (!this.probe || this.probe.isClosed()) {
      this.probe = await this.context.newPage();
      await this.probe.goto(`chrome-extension://${this.id}/options.html`);
    }
    // (Playwright's own overloads do not carry a generic argument through.)
    return this.probe.evaluate(fn as (arg: unknown) => Promise<T>, arg as unknown);
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

  async storage(keys: string[]): Promise<Record<string, unknown>> {
    return this.evaluate((k) => chrome.storage.local.get(k), keys);
  }

  async openPopup(): Promise<Page> {
    const page = await this.context.newPage();
    await page.goto(`chrome-extension://${this.id}/popup.html`);
    return page;
  }

  async openOptions(): Promise<Page> {
    const page = await this.context.newPage();
    await page.goto(`chrome-extension://${this.id}/options.html`);
    return page;
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

export const test = base.extend<{ sandbox: SandboxControl; context: BrowserContext; ext: Extension }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  sandbox: async ({}, use) => {
    const sandbox = await startSandbox({ port: 0 });
    await use(new SandboxControl(sandbox));
    await sandbox.close();
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  context: async ({}, use) => {
    const { context, close } = await launchWithExtension(E2E_BUILD);
    await use(context);
    await close();
  },
  ext: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(new Extension(context, new URL(worker.url()).host));
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

/**
 * Stops the extension's service worker, as the browser does when it is idle: the Stop
 * button of chrome://serviceworker-internals, then its status reads STOPPED.
 */
export async function stopServiceWorker(context: BrowserContext): Promise<void> {
  const page = await context.newPage();
  await page.goto('chrome://serviceworker-internals/');
  const registration = page.locator('.serviceworker-registration', { hasText: 'chrome-extension://' }).first();
  await registration.locator('cr-button[data-command="stop"]').first().click();
  await expect(registration.locator('.serviceworker-running-status .value').first()).toHaveText('STOPPED');
  await page.close();
}
