import { expect, expectReadOnly, SANDBOX_TOKENS, test } from './fixtures';

const FAST = { intervalSec: 1 };

test('the badge shows the pending count, coloured by the most urgent, after the first poll', async ({
  ext,
  sandbox,
}) => {
  await ext.configure(sandbox.origin, SANDBOX_TOKENS.full);
  await expect.poll(async () => (await ext.badge()).text).toBe('4');
  const badge = await ext.badge();
  expect(badge.color).toEqual([201, 42, 42, 255]); // red: one expires within the hour
  expect(badge.title).toMatch(/4 approvals waiting for you\. Next expires in 4\d min\./);
  expectReadOnly(sandbox);
});

test('a new approval raises the count and one notification; resolving it clears both', async ({ ext, sandbox }) => {
  await ext.configure(sandbox.origin, SANDBOX_TOKENS.full, FAST);
  await expect.poll(async () => (await ext.badge()).text).toBe('4');
  // The first poll announced the four seeded approvals in one grouped notification.
  await expect.poll(async () => Object.keys(await ext.notifications())).toHaveLength(1);

  const [added] = sandbox.add({ type: 'milestone_fund', milestoneName: 'Audio batch 7', amountUsd: 640 });
  await expect.poll(async () => (await ext.badge()).text, { timeout: 5_000 }).toBe('5');
  await expect
    .poll(async () => Object.keys(await ext.notifications()).sort())
    .toEqual([expect.stringMatching(/^group:/), `new:${added!.id}`].sort());

  sandbox.state.resolve(sandbox.state.world.approvals.get(added!.id)!, 'confirmed');
  await expect.poll(async () => (await ext.badge()).text, { timeout: 5_000 }).toBe('4');
  await expect.poll(async () => Object.keys(await ext.notifications())).not.toContain(`new:${added!.id}`);
  expectReadOnly(sandbox);
});

test('a 429 with Retry-After delays the next request accordingly', async ({ ext, sandbox }) => {
  await ext.configure(sandbox.origin, SANDBOX_TOKENS.full, FAST);
  await expect.poll(async () => (await ext.badge()).text).toBe('4');
  sandbox.fault({ status: 429, retryAfter: '4', path: '/approvals' });
  await expect.poll(() => sandbox.apiLog('/approvals').some((e) => e.status === 429), { timeout: 5_000 }).toBe(true);
  await expect
    .poll(() => sandbox.apiLog('/approvals').filter((e) => e.at > limited().at).length, { timeout: 8_000 })
    .toBeGreaterThan(0);
  const after = sandbox.apiLog('/approvals').find((e) => e.at > limited().at)!;
  expect(after.at - limited().at).toBeGreaterThanOrEqual(3_900);
  expect((await ext.badge()).text).toBe('4');

  function limited() {
    return sandbox.apiLog('/approvals').find((e) => e.status === 429)!;
  }
});

test('a 401 shows ! and stops requests until the token changes', async ({ ext, sandbox }) => {
  await ext.configure(sandbox.origin, 'ot_pat_wrong', FAST);
  await expect.poll(async () => (await ext.badge()).text).toBe('!');
  expect((await ext.badge()).title).toContain('rejected the API token');
  // Stopped, as stored: no poll is scheduled…
  await expect.poll(() => ext.pollAlarm()).toBeNull();
  expect((await ext.storage(['pollStatus'])).pollStatus).toMatchObject({
    nextPollAt: null,
    error: { error: { kind: 'unauthorized' } },
  });
  // …and none is made while three intervals pass on the extension's own clock (the alarm that
  // ends the window wakes the background too).
  const requests = sandbox.apiLog().length;
  await ext.alarmWindow(3_000);
  expect(sandbox.apiLog().length).toBe(requests);

  await ext.configure(sandbox.origin, SANDBOX_TOKENS.full, FAST);
  await expect.poll(async () => (await ext.badge()).text).toBe('4');
});

test('without a list route it follows the approvals the reviewer opens', async ({ ext, sandbox }) => {
  sandbox.state.listRoute = false;
  await ext.configure(sandbox.origin, SANDBOX_TOKENS.full, FAST);
  await expect
    .poll(async () => ((await ext.storage(['pollStatus'])).pollStatus as { mode: string })?.mode)
    .toBe('tracked');
  expect((await ext.badge()).text).toBe('');

  const page = await ext.newPage(`${sandbox.origin}/approvals/apr_release_polygon`);
  await expect.poll(() => page.getByTestId('ot-headline').text()).toContain('Polygon QA round 1');
  await expect.poll(async () => (await ext.badge()).text, { timeout: 5_000 }).toBe('1');
  expect(((await ext.storage(['tracking'])).tracking as { ids: string[] }).ids).toContain('apr_release_polygon');
  expectReadOnly(sandbox);
});

test('after the background is stopped and woken, nothing is announced again and the badge is right', async ({
  ext,
  sandbox,
}) => {
  await ext.configure(sandbox.origin, SANDBOX_TOKENS.full, FAST);
  await expect.poll(async () => Object.keys(await ext.notifications())).toHaveLength(1);
  // The reviewer dismisses it; a background that forgot what it announced would raise it again.
  await ext.clearNotifications();
  const before = sandbox.apiLog('/approvals').length;

  await ext.stopBackground();
  // The poll alarm wakes a new background, which polls on.
  await expect.poll(() => sandbox.apiLog('/approvals').length, { timeout: 10_000 }).toBeGreaterThan(before + 2);
  expect(await ext.notifications()).toEqual({});
  expect((await ext.badge()).text).toBe('4');
  expectReadOnly(sandbox);
});
