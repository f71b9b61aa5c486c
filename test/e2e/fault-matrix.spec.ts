/**
 * The fault matrix: for each fault, what the reviewer sees, that the last good list and the
 * notified set survive, that the next good poll recovers without a reload, and the requests.
 */
import type { Fault } from '../../sandbox/server';
import {
  expect,
  expectReadOnly,
  SANDBOX_TOKENS,
  test,
  type Extension,
  type SandboxControl,
  type TestPage,
} from './fixtures';

const FAST = { intervalSec: 1 };
const SEEDED = ['apr_end_lena', 'apr_fund_first_batch', 'apr_hire_amara', 'apr_release_polygon'];

/** The stored list (once, as the popup paints it) and what was announced. */
async function remembered(ext: Extension) {
  const { popupList, notified } = (await ext.storage(['popupList', 'notified'])) as {
    popupList: { rows: Array<{ id: string }> } | null;
    notified: Record<string, unknown> | undefined;
  };
  const rows = Array.isArray(popupList?.rows) ? popupList.rows : []; // tolerate corrupted storage
  return { list: rows.map((a) => a.id).sort(), notified: Object.keys(notified ?? {}).sort() };
}

/** Connected, first poll done, the four seeded approvals announced. */
async function healthy(ext: Extension, sandbox: SandboxControl, settings = FAST) {
  await ext.configure(sandbox.origin, SANDBOX_TOKENS.full, settings);
  await expect.poll(async () => (await ext.badge()).text).toBe('4');
  await expect.poll(async () => (await remembered(ext)).notified).toEqual(SEEDED);
  // Remembered first, shown next (never twice): wait until it is on screen too.
  await expect.poll(async () => Object.keys(await ext.notifications())).toHaveLength(1);
}

async function expectRecovered(ext: Extension, popup: TestPage) {
  await expect.poll(async () => (await ext.badge()).text, { timeout: 10_000 }).toBe('4');
  expect((await ext.badge()).title).toMatch(/^OpenTrain approvals: 4 approvals waiting for you\./);
  await expect.poll(() => popup.getByTestId('banner').count()).toBe(0);
  await expect.poll(() => popup.getByTestId('approval-row').count()).toBe(4);
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
    await expect.poll(() => popup.getByTestId('banner').text()).toContain(says);
    await expect.poll(() => popup.getByTestId('approval-row').count()).toBe(4);
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
    await expect.poll(() => popup.getByRole('alert').text()).toContain(banner);
    await expect
      .poll(() => popup.getByRole('alert').getByRole('button', { name: 'Open Options' }).isVisible())
      .toBe(true);
    await expect.poll(() => popup.getByTestId('approval-row').count()).toBe(4);
    expect(await remembered(ext)).toEqual(before);
    // Stopped: no poll is scheduled, and three intervals pass on the extension's own clock
    // without a request (the popup's refresh is refused as well).
    await expect.poll(() => ext.pollAlarm()).toBeNull();
    const count = sandbox.apiLog().length;
    await popup.getByTestId('refresh').click();
    await expect.poll(() => popup.getByTestId('refresh').isEnabled()).toBe(true);
    await ext.alarmWindow(3_000);
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
  await expect.poll(() => popup.getByTestId('tracked-mode').text()).toContain('does not list approvals');
  await popup.getByLabel('Approval link').fill(`${sandbox.origin}/approvals/apr_end_lena`);
  await popup.getByRole('button', { name: 'Follow' }).click();
  await expect.poll(() => popup.getByRole('status').text()).toBe('Following approval apr_end_lena.');
  await expect.poll(() => popup.getByTestId('approval-row').count()).toBe(1);
  await popup.getByLabel('Approval link').fill('https://evil.example/approvals/apr_x');
  await popup.getByRole('button', { name: 'Follow' }).click();
  await expect.poll(() => popup.getByRole('status').text()).toContain('That is not an approval link on');
});

test('404 on one approval: the panel says so, the list is untouched', async ({ ext, sandbox }) => {
  await healthy(ext, sandbox);
  const page = await ext.newPage(`${sandbox.origin}/approvals/apr_gone_missing`);
  await expect
    .poll(() => page.getByTestId('ot-panel').getByRole('alert').text())
    .toContain('could not find that approval');
  expect((await ext.badge()).text).toBe('4');
});

test('an unknown approval type and unknown fields are shown, not dropped', async ({ ext, sandbox }) => {
  await healthy(ext, sandbox);
  const [added] = sandbox.add({ type: 'budget_increase', extra: { riskScore: 9, requestedBy: { agent: 'x' } } });
  await expect.poll(async () => (await ext.badge()).text).toBe('5');
  const popup = await ext.openPopup();
  await expect
    .poll(() => popup.locator(`[data-approval-id="${added!.id}"]`).text())
    .toContain('Approve “budget_increase”');
  const page = await ext.newPage(`${sandbox.origin}/approvals/${added!.id}`);
  await expect
    .poll(() => page.locator('[data-risk="unknown_type"]').text())
    .toContain('Unknown request type “budget_increase”');
});

test('network down and back: off, then recovered within an interval, without a reload', async ({ ext, sandbox }) => {
  await healthy(ext, sandbox);
  const before = await remembered(ext);
  await ext.setOffline(true);
  await expect.poll(async () => (await ext.badge()).text).toBe('off');
  expect((await ext.badge()).title).toContain('Cannot reach OpenTrain: you may be offline.');
  const popup = await ext.openPopup();
  await expect.poll(() => popup.getByRole('alert').text()).toContain('You seem to be offline');
  await expect.poll(() => popup.getByTestId('approval-row').count()).toBe(4);
  // Offline for a while: three failed polls in a row, after which a backoff would already be
  // seconds long; the retries must stay at the interval.
  const failures = async () => ((await ext.storage(['pollStatus'])).pollStatus as { failures: number }).failures;
  await expect.poll(failures).toBeGreaterThanOrEqual(3);
  await ext.setOffline(false);
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
    // An offset this large is trusted once two answers agree on it: the second poll follows at once.
    await ext.configure(sandbox.origin, SANDBOX_TOKENS.full, FAST);
    await expect.poll(async () => (await ext.badge()).color).toEqual([...color]);
    await expect.poll(async () => (await ext.badge()).text).toBe(count);
    const popup = await ext.openPopup();
    const first = popup.getByTestId('approval-row').first().getByTestId('countdown');
    await expect
      .poll(() => first.text())
      .toMatch(name === 'ahead' ? /^expires in 3 h 59 min|^expires in 4 h$/ : /^expires in 1 h 4\d min$/);
    await expect.poll(() => first.getAttribute('data-urgency')).toBe('amber');
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
  await expect.poll(() => popup.getByTestId('approval-row').count()).toBe(1000);
  await expect.poll(() => popup.getByTestId('count').text()).toBe('1000');
  // One grouped notification, not a thousand.
  await expect.poll(async () => Object.keys(await ext.notifications())).toHaveLength(1);
});

test('the background stopped in the middle of a poll: the next one finishes the job, once', async ({
  ext,
  sandbox,
}) => {
  await healthy(ext, sandbox);
  await ext.clearNotifications();
  const [added] = sandbox.add({ type: 'milestone_fund', milestoneName: 'Mid-poll batch' });
  sandbox.fault({ delayMs: 2_500, path: '/approvals', count: 1 });
  await expect.poll(() => sandbox.apiLog('/approvals').some((e) => e.status === 0), { timeout: 5_000 }).toBe(true); // in flight
  await ext.stopBackground();
  await expect.poll(async () => (await ext.badge()).text, { timeout: 15_000 }).toBe('5');
  await expect.poll(async () => Object.keys(await ext.notifications())).toEqual([`new:${added!.id}`]);
});

test('corrupted stored state is reset part by part, never a crash loop', async ({ ext, sandbox }) => {
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
  await expect.poll(() => popup.getByTestId('state-loading').isVisible()).toBe(true);
  await ext.stopBackground();
  // The next background repairs the unreadable parts, polls, and everything is right again.
  await expect.poll(async () => (await remembered(ext)).list, { timeout: 10_000 }).toEqual(SEEDED);
  await expect.poll(() => popup.getByTestId('approval-row').count()).toBe(4);
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
  // Record every list written from now on.
  await ext.evaluate(() => {
    const seen: Array<number | null> = [];
    (window as unknown as { written: Array<number | null> }).written = seen;
    chrome.storage.onChanged.addListener((changes) => {
      if ('popupList' in changes)
        seen.push((changes.popupList!.newValue as { rows: unknown[] } | null)?.rows.length ?? null);
    });
  }, null);
  sandbox.state.resolve(sandbox.state.world.approvals.get('apr_end_lena')!, 'confirmed'); // the new token's view differs
  await ext.configure(sandbox.origin, SANDBOX_TOKENS.paymentsOnly, { intervalSec: 60 });
  await expect.poll(() => stale.status, { timeout: 5_000 }).toBe(200); // the old token's answer came back…
  await expect.poll(async () => (await ext.badge()).text, { timeout: 8_000 }).toBe('3');
  // …and was never written: only the reset, then the new token's list (again once its context is in).
  const written = await ext.evaluate(() => (window as unknown as { written: Array<number | null> }).written, null);
  expect(written[0]).toBeNull();
  expect(written.slice(1).length).toBeGreaterThan(0);
  expect(written.slice(1)).toEqual(written.slice(1).map(() => 3));
  expect((await remembered(ext)).list).toEqual(['apr_fund_first_batch', 'apr_hire_amara', 'apr_release_polygon']);
});
