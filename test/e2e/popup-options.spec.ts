import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, SANDBOX_TOKENS, test, type Extension } from './fixtures';

async function save(options: Page, origin: string, token: string) {
  await options.getByLabel('API token').fill(token);
  await options.getByLabel('OpenTrain URL').fill(origin);
  await options.getByRole('button', { name: 'Save' }).click();
}

const storedToken = async (ext: Extension) => (await ext.storage(['token'])).token ?? null;

test('saving the sandbox URL and token shows the account; the popup lists its approvals in expiry order', async ({
  ext,
  sandbox,
}) => {
  const options = await ext.openOptions();
  await expect(options.getByLabel('API token')).toHaveAttribute('type', 'password');
  await expect(options.getByLabel('API token')).toHaveAttribute('autocomplete', 'off');
  await save(options, sandbox.origin, SANDBOX_TOKENS.full);
  await expect(options.getByTestId('options-status')).toHaveText('Saved. The extension now uses this token and URL.');
  const account = options.getByTestId('account');
  await expect(account).toContainText(
    'Token of Mira Chen (mira@example.com), labelled “Approvals reviewer”, account owner.',
  );
  await expect(options.getByTestId('scopes')).toHaveText('payments:read, proposals:read, jobs:read');
  await expect(options.getByTestId('warnings')).toHaveCount(0);
  expect(await storedToken(ext)).toBe(SANDBOX_TOKENS.full);
  expect(await ext.evaluate(() => chrome.storage.sync.get(null), null)).toEqual({});

  const popup = await ext.openPopup();
  const rows = popup.getByTestId('approval-row');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText('Fund milestone “First labeling batch”$300.00');
  await expect(rows.nth(1)).toContainText('Release payment “Polygon QA round 1”$1,200.00');
  await expect(rows.nth(2)).toContainText('Hire Amara O.');
  await expect(rows.nth(3)).toContainText('End contract “Podcast Transcription Contract”$600.00');
  expect(await rows.evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.approvalId))).toEqual([
    'apr_fund_first_batch',
    'apr_release_polygon',
    'apr_hire_amara',
    'apr_end_lena',
  ]);
  await expect(rows.nth(0).getByTestId('countdown')).toHaveAttribute('data-urgency', 'red');
  await expect(rows.nth(1).getByTestId('countdown')).toHaveAttribute('data-urgency', 'amber');
  await expect(popup.getByTestId('count')).toHaveText('4');
});

test('a token without payments:read is saved with the missing-scope warning', async ({ ext, sandbox }) => {
  const options = await ext.openOptions();
  await save(options, sandbox.origin, SANDBOX_TOKENS.noPayments);
  const warning = options.locator('[data-warning="missing-payments-read"]');
  await expect(warning).toContainText('This token lacks payments:read, so it cannot read approvals');
  await expect(warning).toContainText('Settings → API keys');
  const popup = await ext.openPopup();
  await expect(popup.getByRole('alert')).toContainText(
    'This token cannot read approvals: it lacks the payments:read scope.',
  );
});

test('a wrong token is rejected and the previous settings keep working', async ({ ext, sandbox }) => {
  const options = await ext.openOptions();
  await save(options, sandbox.origin, SANDBOX_TOKENS.full);
  await expect(options.getByTestId('options-status')).toContainText('Saved.');
  await expect.poll(async () => (await ext.badge()).text).toBe('4');

  await save(options, sandbox.origin, 'ot_pat_wrong_token');
  await expect(options.getByTestId('options-status')).toHaveText(
    'OpenTrain rejected this token (401): it is wrong, expired or revoked. Copy it again from Settings → API keys. Your previous settings are still in use.',
  );
  expect(await storedToken(ext)).toBe(SANDBOX_TOKENS.full);
  const popup = await ext.openPopup();
  await popup.getByTestId('refresh').click();
  await expect(popup.getByTestId('approval-row')).toHaveCount(4);
  expect(sandbox.apiLog('/approvals').at(-1)?.auth).toBe('full');
  expect((await ext.badge()).text).toBe('4');
});

test('an unreachable URL and a URL that is not an OpenTrain API are told apart', async ({ ext, sandbox }) => {
  const options = await ext.openOptions();
  await save(options, 'http://127.0.0.1:9', SANDBOX_TOKENS.full);
  await expect(options.getByTestId('options-status')).toContainText('Could not reach http://127.0.0.1:9.');
  sandbox.fault({ status: 404, path: '/auth/me' });
  await save(options, sandbox.origin, SANDBOX_TOKENS.full);
  await expect(options.getByTestId('options-status')).toContainText('did not answer like an OpenTrain API');
  await save(options, 'http://example.com', SANDBOX_TOKENS.full);
  await expect(options.getByTestId('options-status')).toContainText(
    'Plain http is allowed only for localhost and 127.0.0.1.',
  );
  expect(await storedToken(ext)).toBeNull();
});

test('the popup keeps its list and shows a banner when the sandbox answers 500', async ({ ext, sandbox }) => {
  await ext.configure(sandbox.origin, SANDBOX_TOKENS.full, { intervalSec: 1 });
  const popup = await ext.openPopup();
  await expect(popup.getByTestId('approval-row')).toHaveCount(4);
  sandbox.fault({ status: 500, count: 100 });
  // The next scheduled poll fails; the popup updates in place.
  await expect(popup.getByRole('alert')).toContainText(
    'OpenTrain answered with an error (HTTP 500). Showing the last list we got.',
  );
  await expect(popup.getByTestId('approval-row')).toHaveCount(4);
});

test('keyboard: arrow down to the second approval, Enter opens it', async ({ ext, sandbox, context }) => {
  await ext.configure(sandbox.origin, SANDBOX_TOKENS.full);
  const popup = await ext.openPopup();
  await expect(popup.getByTestId('approval-row')).toHaveCount(4);
  await popup.getByRole('button', { name: /^Open in OpenTrain: Fund milestone/ }).focus();
  await popup.keyboard.press('ArrowDown');
  await expect(popup.getByRole('button', { name: /^Open in OpenTrain: Release payment/ })).toBeFocused();
  const opened = context.waitForEvent('page', (page) => page.url().includes('/approvals/'));
  // The popup closes itself as it opens the approval, possibly before the key comes back up.
  await popup.keyboard.press('Enter').catch(() => undefined);
  expect((await opened).url()).toBe(`${sandbox.origin}/approvals/apr_release_polygon`);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no serious or critical accessibility violation in the popup and options (${colorScheme})`, async ({
    ext,
    sandbox,
  }) => {
    await ext.configure(sandbox.origin, SANDBOX_TOKENS.full);
    sandbox.fault({ status: 503, count: 3 }); // include the error banner in the scan
    const popup = await ext.openPopup();
    await popup.emulateMedia({ colorScheme });
    await expect(popup.getByTestId('approval-row')).toHaveCount(4);
    const options = await ext.openOptions();
    await options.emulateMedia({ colorScheme });
    await expect(options.getByLabel('API token')).toBeVisible();
    for (const page of [popup, options]) {
      const { violations } = await new AxeBuilder({ page }).analyze();
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    }
  });
}

test('send a test notification, then forget the token', async ({ ext, sandbox }) => {
  const options = await ext.openOptions();
  await save(options, sandbox.origin, SANDBOX_TOKENS.full);
  await expect(options.getByTestId('options-status')).toContainText('Saved.');
  await options.getByRole('button', { name: 'Send test notification' }).click();
  await expect.poll(async () => Object.keys(await ext.notifications()).some((id) => id.startsWith('test:'))).toBe(true);

  await options.getByRole('button', { name: 'Forget token' }).click();
  await expect(options.getByTestId('options-status')).toContainText('The token was removed from this browser.');
  expect(await storedToken(ext)).toBeNull();
  await expect.poll(async () => (await ext.badge()).title).toContain('not connected');
  const popup = await ext.openPopup();
  await expect(popup.getByTestId('state-setup')).toBeVisible();
});
