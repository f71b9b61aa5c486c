/**
 * The fault matrix: for each fault, what the reviewer sees, that the last good list and the
 * notified set survive, that the next good poll recovers without a reload, and the requests.
 */
import type { Page } from '@playwright/test';
import type { Fault } from '../../sandbox/server';
import {
  expect,
  expectReadOnly,
  SANDBOX_TOKENS,
  stopServiceWorker,
  test,
  type Extension,
  type SandboxControl,
} from './fixtures';

const FAST = { intervalSec: 1 };
const SEEDED = ['apr_end_lena', 'apr_fund_first_batch', 'apr_hire_amara', 'apr_release_polygon'];

async function remembered(ext: Extension) {
  const { snapshot, notified } = (await ext.storage(['snapshot', 'notified'])) as {
    snapshot: { approvals: Array<{ id: string }> } | null;
    notified: Record<string, unknown> | undefined;
  };
  const approvals = Array.isArray(snapshot?.approvals) ? snapshot.approvals : []; // tolerate corrupted storage
  return { list: approvals.map((a) => a.id).sort(), notified: Object.keys(notified ?? {}).sort() };
}

/** Connected, first poll done, the four seeded approvals announced. */
async function healthy(ext: Extension, sandbox: SandboxControl, settings = FAST) {
  await ext.configure(sandbox.origin, SANDBOX_TOKENS.full, settings);
  await expect.poll(async () => (await ext.badge()).text).toBe('4');
  await expect.poll(async () => (await remembered(ext)).notified).toEqual(SEEDED);
  // Remembered first, shown next (never twice): wait until it is on screen too.
  await expect.poll(async () => Object.keys(await ext.notifications())).toHaveLength(1);
}

async function expectRecovered(ext: Extension, popup: Page) {
  await expect.poll(async () => (await ext.badge()).text, { timeout: 10_000 }).toBe('4');
  expect((await ext.badge()).title).toMatch(/^OpenTrain approvals: 4 approvals waiting for you\./);
  await expect(popup.getByTestId('banner')).toHaveCount(0);
  await expect(popup.getByTestId('approval-row')).toHaveCount(4);
}

const TRANSIENT: Array<{ name: string; fault: Partial<Fault>; glyph: string | null; says: string }> = [
  { name: '500', fault: { status: 500 }, glyph: '?', says: 'OpenTrain answered with an error (HTTP 500).' },
  { name: '502', fault: { status: 502 }, glyph: '?', says: 'OpenTrain answered with an error (HTTP 502).' },
  { name: '503', fault: { status: 503 }, glyph: '?', says: 'OpenTrain answered with an error (HTTP 503).' },
  {
    name: 'malformed JSON',
    fault: { malformed: true },
    glyph: '?',
    says: 'OpenTrain sent an answer this extension cannot read.',
  },
  {
    name: 'valid JSON of the wrong shape',
    fault: { wrongShape: true },
    glyph: '?',
    says: 'OpenTrain sent an answer this extension cannot read.',
  },
  {
    name: 'an answer slower than the timeout',
    fault: { delayMs: 4_000 },
    glyph: '?',
    says: 'OpenTrain did not answer within 3 s.',
  },
  {
    name: '429 with Retry-After in seconds',
    fault: { status: 429, retryAfter: '3' },
    glyph: null,
    says: 'OpenTrain asked us to slow down (rate limit).',
  },
];

for (const { name, fault, glyph, says } of TRANSIENT) {
  test(`${name}: told, list and notified set kept, recovered by the next good poll`, async ({ ext, sandbox }) => {
    await healthy(ext, sandbox);
    const before = await remembered(ext);
    const popup = await ext.openPopup();
    sandbox.fault({ ...fault, count: 2, path: '/approvals' });

    if (glyph) await expect.poll(async () => (await ext.badge()).text).toBe(glyph);
    await expect.poll(async () => (await ext.badge()).title).toContain(says);
    if (glyph) expect((await ext.badge()).title).toContain('Last good list: 4 approvals waiting for you.');
    else expect((await ext.badge()).text).toBe('4');
    await expect(popup.getByTestId('banner')).toContainText(says);
    await expect(popup.getByTestId('approval-row')).toHaveCount(4);
    expect(await remembered(ext)).toEqual(before);

    await expectRecovered(ext, popup);
    expect(await remembered(ext)).toEqual(before);
    expect(Object.keys(await ext.notifications())).toHaveLength(1); // nothing announced again
    expectReadOnly(sandbox);
  });
}

const BLOCKING: Array<{ name: string; fault: Partial<Fault>; says: string; banner: string }> = [
  {
    name: '401',
    fault: { status: 401 },
    says: 'OpenTrain rejected the API token',
    banner: 'Paste a valid token in Options.',
  },
  {
    name: '403 missing scope',
    fault: { status: 403, requiredScopes: ['payments:read'] },
    says: 'The API token is missing the payments:read scope.',
    banner: 'This token cannot read approvals: it lacks the payments:read scope.',
  },
  {
    name: '403 account_claim_required',
    fault: { status: 403, reason: 'account_claim_required', claimUrl: 'https://app.opentrain.ai/claim' },
    says: 'This OpenTrain account has not been claimed by a person yet.',
    banner: 'Claim the account at https://app.opentrain.ai/claim',
  },
];

for (const { name, fault, says, banner } of BLOCKING) {
  test(`${name}: ! with the reason, polling stops, a new token recovers`, async ({ ext, sandbox }) => {
    await healthy(ext, sandbox);
    const before = await remembered(ext);
    sandbox.fault({ ...fault, path: '/approvals' });
    await expect.poll(async () => (await ext.badge()).text).toBe('!');
    expect((await ext.badge()).title).toContain(says);
    const popup = await ext.openPopup();
    await expect(popup.getByRole('alert')).toContainText(banner);
    await expect(popup.getByRole('alert').getByRole('button', { name: 'Open Options' })).toBeVisible();
    await expect(popup.getByTestId('approval-row')).toHaveCount(4);
    expect(await remembered(ext)).toEqual(before);
    // Stopped: three intervals pass without a request (the popup's refresh is refused as well).
    const count = sandbox.apiLog().length;
    await popup.getByTestId('refresh').click();
    await expect(popup.getByTestId('refresh')).toBeEnabled();
    await new Promise((r) => setTimeout(r, 3_000));
    expect(sandbox.apiLog().length).toBe(count);

    await ext.configure(sandbox.origin, SANDBOX_TOKENS.paymentsOnly, FAST); // a new token
    await expectRecovered(ext, popup);
    expect((await remembered(ext)).notified).toEqual(before.notified);
  });
}

test('5xx: backoff with jitter, no hammering', async ({ ext, sandbox }) => {
  await healthy(ext, sandbox);
  sandbox.fault({ status: 503, count: 100, path: '/approvals' });
  await expect
    .poll(() => sandbox.apiLog('/approvals').filter((e) => e.status === 503).length, { timeout: 20_000 })
    .toBeGreaterThanOrEqual(4);
  const failed = sandbox.apiLog('/approvals').filter((e) => e.status === 503);
  const gaps = failed.slice(1).map((e, i) => e.at - failed[i]!.at);
  // Interval 1 s: gaps of 0.5–1 s, then 1–2 s, then 2–4 s: each backoff at least half the next base.
  expect(gaps[2]!).toBeGreaterThanOrEqual(1_900);
  expect(gaps[2]!).toBeGreaterThan(gaps[0]!);
});

test('404 on the list route: tracked mode, said in the popup', async ({ ext, sandbox }) => {
  await healthy(ext, sandbox);
  sandbox.state.listRoute = false;
  await ext.configure(sandbox.origin, SANDBOX_TOKENS.paymentsOnly, FAST); // start afresh on this origin
  await expect
    .poll(async () => ((await ext.storage(['pollStatus'])).pollStatus as { mode: string }).mode)
    .toBe('tracked');
  const popup = await ext.openPopup();
  await expect(popup.getByTestId('tracked-mode')).toContainText('does not list approvals');
  await popup.getByLabel('Approval link').fill(`${sandbox.origin}/approvals/apr_end_lena`);
  await popup.getByRole('button', { name: 'Follow' }).click();
  await expect(popup.getByRole('status')).toHaveText('Following approval apr_end_lena.');
  await expect(popup.getByTestId('approval-row')).toHaveCount(1);
  await popup.getByLabel('Approval link').fill('https://evil.example/approvals/apr_x');
  await popup.getByRole('button', { name: 'Follow' }).click();
  await expect(popup.getByRole('status')).toContainText('That is not an approval link on');
});

test('404 on one approval: the panel says so, the list is untouched', async ({ ext, sandbox, context }) => {
  await healthy(ext, sandbox);
  const page = await context.newPage();
  await page.goto(`${sandbox.origin}/approvals/apr_gone_missing`);
  await expect(page.getByTestId('ot-panel').getByRole('alert')).toContainText('could not find that approval');
  expect((await ext.badge()).text).toBe('4');
});

test('an unknown approval type and unknown fields are shown, not dropped', async ({ ext, sandbox, context }) => {
  await healthy(ext, sandbox);
  const [added] = sandbox.add({ type: 'budget_increase', extra: { riskScore: 9, requestedBy: { agent: 'x' } } });
  await expect.poll(async () => (await ext.badge()).text).toBe('5');
  const popup = await ext.openPopup();
  await expect(popup.locator(`[data-approval-id="${added!.id}"]`)).toContainText('Approve “budget_increase”');
  const page = await context.newPage();
  await page.goto(`${sandbox.origin}/approvals/${added!.id}`);
  await expect(page.locator('[data-risk="unknown_type"]')).toContainText('Unknown request type “budget_increase”');
});

test('network down and back: off, then recovered within an interval, without a reload', async ({
  ext,
  sandbox,
  context,
}) => {
  await healthy(ext, sandbox);
  const before = await remembered(ext);
  await context.setOffline(true);
  await expect.poll(async () => (await ext.badge()).text).toBe('off');
  expect((await ext.badge()).title).toContain('Cannot reach OpenTrain: you may be offline.');
  const popup = await ext.openPopup();
  await expect(popup.getByRole('alert')).toContainText('You seem to be offline');
  await expect(popup.getByTestId('approval-row')).toHaveCount(4);
  await new Promise((r) => setTimeout(r, 3_000)); // offline for a while: the retries stay at the interval
  await context.setOffline(false);
  await expect.poll(async () => (await ext.badge()).text, { timeout: 3_000 }).toBe('4');
  await expectRecovered(ext, popup);
  expect(await remembered(ext)).toEqual(before);
});

for (const [name, offsetMs, count, color] of [
  ['ahead', 3_600_000, '3', [179, 89, 0, 255]], // the 45-min one is past due by the server's clock; the 5-h one has 4 h: amber
  ['behind', -3_600_000, '4', [179, 89, 0, 255]], // the 45-min one has 1 h 45 min by the server's clock: amber, not red
] as const) {
  test(`the server clock 1 hour ${name}: countdowns and badge colour follow the server`, async ({ ext, sandbox }) => {
    sandbox.state.clockOffsetMs = offsetMs;
    await ext.configure(sandbox.origin, SANDBOX_TOKENS.full);
    await expect.poll(async () => (await ext.badge()).text).toBe(count);
    expect((await ext.badge()).color).toEqual([...color]);
    const popup = await ext.openPopup();
    const first = popup.getByTestId('approval-row').first().getByTestId('countdown');
    await expect(first).toHaveText(
      name === 'ahead' ? /^expires in 3 h 59 min|^expires in 4 h$/ : /^expires in 1 h 4\d min$/,
    );
    await expect(first).toHaveAttribute('data-urgency', 'amber');
  });
}

test('1,000 pending approvals over 10 pages', async ({ ext, sandbox }) => {
  sandbox.add({ count: 996 });
  await ext.configure(sandbox.origin, SANDBOX_TOKENS.full);
  await expect.poll(async () => (await ext.badge()).text, { timeout: 20_000 }).toBe('99+');
  expect((await ext.badge()).title).toContain('1000 approvals waiting for you.');
  expect(sandbox.apiLog('/approvals').map((e) => e.query)).toEqual(
    Array.from({ length: 10 }, (_, i) => `?status=pending&limit=100${i ? `&cursor=${i * 100}` : ''}`),
  );
  const popup = await ext.openPopup();
  await expect(popup.getByTestId('approval-row')).toHaveCount(1000);
  await expect(popup.getByTestId('count')).toHaveText('1000');
  // One grouped notification, not a thousand.
  await expect.poll(async () => Object.keys(await ext.notifications())).toHaveLength(1);
});

test('the worker stopped in the middle of a poll: the next worker finishes the job, once', async ({
  ext,
  sandbox,
  context,
}) => {
  await healthy(ext, sandbox);
  await ext.evaluate(async () => {
    for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
  }, null);
  const [added] = sandbox.add({ type: 'milestone_fund', milestoneName: 'Mid-poll batch' });
  sandbox.fault({ delayMs: 2_500, path: '/approvals', count: 1 });
  await expect.poll(() => sandbox.apiLog('/approvals').some((e) => e.status === 0), { timeout: 5_000 }).toBe(true); // in flight
  await stopServiceWorker(context);
  await expect.poll(async () => (await ext.badge()).text, { timeout: 15_000 }).toBe('5');
  await expect.poll(async () => Object.keys(await ext.notifications())).toEqual([`new:${added!.id}`]);
});

test('corrupted stored state is reset part by part, never a crash loop', async ({ ext, sandbox, context }) => {
  await healthy(ext, sandbox);
  await ext.evaluate(
    () =>
      chrome.storage.local.set({
        snapshot: { approvals: 'garbage' },
        pollStatus: 42,
        contexts: [1, 2],
        popupList: 'junk',
      }),
    null,
  );
  // The popup, opened on corrupted state, does not break: it waits for the next list.
  const popup = await ext.openPopup();
  await expect(popup.getByTestId('state-loading')).toBeVisible();
  await stopServiceWorker(context);
  // The next worker repairs the unreadable parts, polls, and everything is right again.
  await expect.poll(async () => (await remembered(ext)).list, { timeout: 10_000 }).toEqual(SEEDED);
  await expect(popup.getByTestId('approval-row')).toHaveCount(4);
  expect((await ext.badge()).text).toBe('4');
  expect((await remembered(ext)).notified).toEqual(SEEDED); // the notified set was not corrupted, so it was kept
  expect(Object.keys(await ext.notifications())).toHaveLength(1);
});

test('the token changed while a poll is in flight: the stale answer is discarded', async ({ ext, sandbox }) => {
  await healthy(ext, sandbox);
  sandbox.fault({ delayMs: 2_000, path: '/approvals', count: 1 });
  const inFlight = () => sandbox.apiLog('/approvals').find((e) => e.status === 0);
  await expect.poll(() => Boolean(inFlight())).toBe(true); // the next scheduled poll is held up
  const stale = inFlight()!;
  // Record every snapshot written from now on.
  await ext.evaluate(() => {
    const seen: Array<number | null> = [];
    (window as unknown as { written: Array<number | null> }).written = seen;
    chrome.storage.onChanged.addListener((changes) => {
      if ('snapshot' in changes)
        seen.push((changes.snapshot!.newValue as { approvals: unknown[] } | null)?.approvals.length ?? null);
    });
  }, null);
  sandbox.state.resolve(sandbox.state.world.approvals.get('apr_end_lena')!, 'confirmed'); // the new token's view differs
  await ext.configure(sandbox.origin, SANDBOX_TOKENS.paymentsOnly, { intervalSec: 60 });
  await expect.poll(() => stale.status, { timeout: 5_000 }).toBe(200); // the old token's answer came back…
  await expect.poll(async () => (await ext.badge()).text, { timeout: 8_000 }).toBe('3');
  // …and was never written: only the reset and the new token's list.
  expect(await ext.evaluate(() => (window as unknown as { written: Array<number | null> }).written, null)).toEqual([
    null,
    3,
  ]);
  expect((await remembered(ext)).list).toEqual(['apr_fund_first_batch', 'apr_hire_amara', 'apr_release_polygon']);
});
