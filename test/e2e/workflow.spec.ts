/**
 * The reviewer's workflow around the list: what became of each approval (the `outcomes` part) and
 * "expired without a decision", the keyboard commands, and the first run's welcome in Options.
 */
import { COMMAND } from '../../lib/commands';
import type { Outcome } from '../../lib/outcomes';
import { CONTROL_PREFIX } from '../../sandbox/server';
import { type Extension, expect, expectReadOnly, SANDBOX_TOKENS, type SandboxControl, test } from './fixtures';

const FAST = { intervalSec: 1 };

/** Resolves an approval through the sandbox's control route, as a person in the app would. */
async function decide(sandbox: SandboxControl, id: string, action: 'confirm' | 'decline' | 'expire') {
  const response = await fetch(`${sandbox.origin}${CONTROL_PREFIX}/approvals/${id}/${action}`, { method: 'POST' });
  expect(response.status, `${action} ${id}`).toBe(200);
}

const outcomes = async (ext: Extension) => ((await ext.storage(['outcomes'])).outcomes ?? []) as Outcome[];
const statuses = async (ext: Extension) =>
  (await outcomes(ext))
    .map((o) => [o.row.id, o.status, o.announced])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
const notificationIds = async (ext: Extension) => Object.keys(await ext.notifications());
/** Resolves after the background finished `count` more successful polls. */
async function polls(ext: Extension, count: number) {
  const at = async () => ((await ext.storage(['pollStatus'])).pollStatus as { lastSuccessAt: number }).lastSuccessAt;
  const start = await at();
  let seen = start;
  for (let i = 0; i < count; i++) {
    const before = seen;
    await expect.poll(at, { timeout: 8_000 }).toBeGreaterThan(before);
    seen = await at();
  }
}

async function connected(ext: Extension, sandbox: SandboxControl, settings = {}) {
  await ext.configure(sandbox.origin, SANDBOX_TOKENS.full, { ...FAST, ...settings });
  await expect.poll(async () => (await ext.badge()).text).toBe('4');
  // The four seeded approvals were announced (one grouped notification).
  await expect.poll(() => notificationIds(ext)).toEqual([expect.stringMatching(/^group:/)]);
}

test.describe('what became of each approval', () => {
  test('confirmed, declined and expired in OpenTrain are stored with their rows; the announced one that expired is told once', async ({
    ext,
    sandbox,
  }) => {
    await connected(ext, sandbox);
    await ext.clearNotifications();
    await decide(sandbox, 'apr_fund_first_batch', 'confirm');
    await decide(sandbox, 'apr_release_polygon', 'decline');
    await decide(sandbox, 'apr_hire_amara', 'expire');

    await expect
      .poll(() => statuses(ext))
      .toEqual([
        ['apr_fund_first_batch', 'confirmed', true],
        ['apr_hire_amara', 'expired', true],
        ['apr_release_polygon', 'declined', true],
      ]);
    const stored = await outcomes(ext);
    expect(stored.find((o) => o.row.id === 'apr_fund_first_batch')?.row).toMatchObject({
      headline: 'Fund milestone “First labeling batch”',
      amountUsd: 300,
    });
    // Each read once, after it left the list.
    for (const id of ['apr_fund_first_batch', 'apr_release_polygon', 'apr_hire_amara']) {
      expect(sandbox.apiLog(`/approvals/${id}`), id).toHaveLength(1);
    }
    await expect.poll(() => notificationIds(ext)).toEqual(['expired:apr_hire_amara']);
    expect((await ext.badge()).text).toBe('1');

    // Once: not again at later polls, nor after the background was stopped and started again.
    await ext.clearNotifications();
    await polls(ext, 2);
    // (Polling slowly while it is stopped, so that no poll alarm starts it again meanwhile.)
    await ext.configure(sandbox.origin, SANDBOX_TOKENS.full, { intervalSec: 60 });
    await ext.stopBackground();
    await ext.configure(sandbox.origin, SANDBOX_TOKENS.full, FAST);
    await polls(ext, 2);
    expect(await notificationIds(ext)).toEqual([]);
    expect(await statuses(ext)).toHaveLength(3);
    expectReadOnly(sandbox);
  });

  test('an approval that reaches its expiry undecided is stored as expired and told', async ({ ext, sandbox }) => {
    await connected(ext, sandbox);
    const [soon] = sandbox.add({ type: 'contract_end', expiresInMs: 4_000, contractTitle: 'Short contract' });
    await expect.poll(() => notificationIds(ext)).toContain(`new:${soon!.id}`);
    await expect.poll(() => statuses(ext), { timeout: 12_000 }).toEqual([[soon!.id, 'expired', true]]);
    await expect.poll(() => notificationIds(ext)).toContain(`expired:${soon!.id}`);
    // It left the list: its own notifications were taken down.
    expect(await notificationIds(ext)).not.toContain(`new:${soon!.id}`);
  });
});

test.describe('the keyboard', () => {
  test('the manifest suggests both shortcuts, within what the browser accepts', async ({ ext }) => {
    const manifest = await ext.evaluate(() => chrome.runtime.getManifest().commands ?? {}, null);
    expect(Object.keys(manifest).sort()).toEqual(['_execute_action', COMMAND.openMostUrgent]);
    // (Firefox fills in the platforms the manifest leaves out, as null.)
    expect(manifest._execute_action?.suggested_key).toMatchObject({ default: 'Alt+Shift+U', mac: 'MacCtrl+Shift+U' });
    expect(manifest[COMMAND.openMostUrgent]?.suggested_key).toMatchObject({
      default: 'Alt+Shift+O',
      mac: 'MacCtrl+Shift+O',
    });
    // The browser took both keys (Chromium drops a suggested key that clashes with its own), and
    // worded the command from the catalogue.
    const commands = await ext.evaluate(() => chrome.commands.getAll(), null);
    expect(commands.map(({ name, shortcut }) => [name, shortcut?.replace(/\s/g, '')])).toEqual([
      ['_execute_action', 'Alt+Shift+U'],
      [COMMAND.openMostUrgent, 'Alt+Shift+O'],
    ]);
    expect(commands.find((c) => c.name === COMMAND.openMostUrgent)?.description).toBe(
      'Open the most urgent approval in OpenTrain',
    );
  });

  test('"open the most urgent approval" opens the soonest-expiring one that is not snoozed; with none, a notification says so', async ({
    ext,
    sandbox,
  }) => {
    // Reminders 5 minutes before expiry, so that the approval expiring within the hour can be snoozed.
    await connected(ext, sandbox, { reminderLeadMin: 5 });
    let opened = ext.waitForPage((url) => url.startsWith(`${sandbox.origin}/approvals/`));
    await ext.runCommand(COMMAND.openMostUrgent);
    expect((await opened).url()).toBe(`${sandbox.origin}/approvals/apr_fund_first_batch`);

    // Snoozed from the popup (the `attention` part): the next one, even from a stopped background,
    // which the shortcut wakes. (Polling slowly meanwhile, so that no poll alarm starts it again
    // while it is being stopped.)
    await ext.configure(sandbox.origin, SANDBOX_TOKENS.full, { intervalSec: 60, reminderLeadMin: 5 });
    await ext.evaluate(
      (until) =>
        chrome.storage.local.set({
          attention: { snoozed: { apr_fund_first_batch: { until, at: Date.now() } }, pausedUntil: null },
        }),
      Date.now() + 10 * 60_000,
    );
    await ext.stopBackground();
    opened = ext.waitForPage((url) => url.startsWith(`${sandbox.origin}/approvals/`));
    await ext.runCommand(COMMAND.openMostUrgent);
    expect((await opened).url()).toBe(`${sandbox.origin}/approvals/apr_release_polygon`);

    for (const id of ['apr_fund_first_batch', 'apr_release_polygon', 'apr_hire_amara', 'apr_end_lena']) {
      await decide(sandbox, id, 'confirm');
    }
    await ext.configure(sandbox.origin, SANDBOX_TOKENS.full, { ...FAST, reminderLeadMin: 5 });
    await expect.poll(async () => (await ext.badge()).text).toBe('');
    await ext.clearNotifications();
    await ext.runCommand(COMMAND.openMostUrgent);
    await expect.poll(() => notificationIds(ext)).toEqual(['command:nothing-waiting']);
  });
});

test.describe('the first run', () => {
  test('installing opens Options with the welcome; its link goes to API keys on the configured URL; Save ends it', async ({
    ext,
    sandbox,
  }) => {
    const optionsUrl = `${ext.driver.extensionBase}options.html`;
    // Nothing of the test's own is open yet: the Options tab is the one the install opened. (Each
    // page is asked where it is: WebDriver BiDi may still report an extension page as about:blank.)
    let welcomeTab = null as Awaited<ReturnType<Extension['openPages']>>[number] | null;
    await expect
      .poll(async () => {
        for (const page of await ext.openPages()) {
          if ((await page.evaluate(() => location.href, null).catch(() => null)) === optionsUrl) welcomeTab = page;
        }
        return Boolean(welcomeTab);
      })
      .toBe(true);
    const page = welcomeTab!;
    await expect
      .poll(() => page.getByRole('heading', { name: 'Welcome! Connect your OpenTrain account' }).count())
      .toBe(1);
    const link = page.getByTestId('api-keys-link');
    expect(await link.getAttribute('href')).toBe('https://app.opentrain.ai/employer-settings?tab=api-keys');
    expect(await page.getByTestId('welcome').text()).toContain('payments:read (required)');
    expect(await page.seriousAccessibilityViolations()).toEqual([]);

    // Another OpenTrain URL, no token yet: Options opened later welcomes too, with the link there.
    await ext.configure(sandbox.origin, null);
    const later = await ext.openOptions();
    const laterLink = later.getByTestId('api-keys-link');
    await expect.poll(() => laterLink.getAttribute('href')).toBe(`${sandbox.origin}/employer-settings?tab=api-keys`);
    await ext.setColorScheme('dark');
    expect(await later.seriousAccessibilityViolations()).toEqual([]);

    // The steps: paste, Save; the welcome is done, and Options opened after does not show it.
    await later.getByLabel('API token').fill(SANDBOX_TOKENS.full);
    await later.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => later.getByTestId('options-status').text()).toContain('Saved.');
    expect(await later.getByTestId('welcome').count()).toBe(0);
    const after = await ext.openOptions();
    await expect.poll(() => after.getByLabel('API token').count()).toBe(1);
    expect(await after.getByTestId('welcome').count()).toBe(0);
  });
});
