import { expect, SANDBOX_TOKENS, test, type TestPage } from './fixtures';

const TYPES = [
  {
    id: 'apr_fund_first_batch',
    headline: 'Fund milestone “First labeling batch”',
    call: 'POST /api/public/v1/milestones/ms_first_batch/fund',
    amount: '$300.00',
    context: 'Maria G. (Spain)',
  },
  {
    id: 'apr_release_polygon',
    headline: 'Release payment “Polygon QA round 1”',
    call: 'POST /api/public/v1/milestones/ms_polygon_qa/approve',
    amount: '$1,200.00',
    context: 'Segmentation QA Contract',
  },
  {
    id: 'apr_hire_amara',
    headline: 'Hire Amara O.',
    call: 'POST /api/public/v1/proposals/prp_amara/hire',
    amount: null,
    context: 'Amara O. (Nigeria)',
  },
  {
    id: 'apr_end_lena',
    headline: 'End contract “Podcast Transcription Contract”',
    call: 'POST /api/public/v1/contracts/ctr_lena/end',
    amount: '$600.00',
    context: 'Lena S. (Germany)',
  },
];

async function expectPanel(page: TestPage, type: (typeof TYPES)[number]) {
  await expect.poll(() => page.getByTestId('ot-headline').text()).toBe(type.headline);
  await expect.poll(() => page.getByTestId('ot-call').text()).toBe(type.call);
  if (type.amount) await expect.poll(() => page.getByTestId('ot-amount').text()).toBe(type.amount);
  else expect(await page.getByTestId('ot-amount').count()).toBe(0);
  await expect.poll(() => page.getByTestId('ot-context').text()).toContain(type.context);
  await expect.poll(() => page.getByTestId('ot-status').text()).toMatch(/pending · expires in \d/);
  await expect.poll(() => page.getByTestId('ot-requested').text()).toMatch(/ago\)$/);
}

test.describe('on the sandbox’s approval page', () => {
  test.beforeEach(async ({ ext, sandbox }) => ext.configure(sandbox.origin, SANDBOX_TOKENS.full));

  for (const type of TYPES) {
    test(`shows the request, context, amount and countdown: ${type.headline}`, async ({ ext, sandbox }) => {
      const page = await ext.newPage(`${sandbox.origin}/approvals/${type.id}`);
      await expectPanel(page, type);
    });
  }

  test('warns of what deserves a second look', async ({ ext, sandbox }) => {
    const page = await ext.newPage(`${sandbox.origin}/approvals/apr_fund_first_batch`);
    await expect
      .poll(() => page.locator('[data-risk="expires_soon"]').text())
      .toMatch(/^Expires in 4\d min: decide now/);
    await page.goto(`${sandbox.origin}/approvals/apr_hire_amara`);
    await expect
      .poll(() => page.locator('[data-risk="hire_terms_unreadable"]').text())
      .toContain('check the amounts in the app’s dialog');
    await page.goto(`${sandbox.origin}/approvals/apr_end_lena`);
    await expect.poll(() => page.locator('[data-risk="budget"]').text()).toBe('The contract’s budget is running low.');
  });

  test('a confirmed approval is no longer pending', async ({ ext, sandbox }) => {
    const page = await ext.newPage(`${sandbox.origin}/approvals/apr_fund_second_batch`);
    await expect
      .poll(() => page.locator('[data-risk="not_pending"]').text())
      .toMatch(/^No longer pending: confirmed \d+ days? ago\. There is nothing to confirm\./);
    await expect.poll(() => page.getByTestId('ot-status').text()).toBe('confirmed');
  });

  test('an approval the token cannot see, and a malformed id, get a clear message', async ({ ext, sandbox }) => {
    const page = await ext.newPage(`${sandbox.origin}/approvals/apr_does_not_exist`);
    const alert = page.getByTestId('ot-panel').getByRole('alert');
    await expect
      .poll(() => alert.text())
      .toContain('OpenTrain could not find that approval, or this token cannot see it.');
    await page.goto(`${sandbox.origin}/approvals/not%20an%20id!`);
    await expect.poll(() => alert.text()).toContain('does not hold a valid approval id');
  });

  test('stays through the app’s move to the contract view, and leaves for other pages', async ({ ext, sandbox }) => {
    const page = await ext.newPage(`${sandbox.origin}/approvals/apr_fund_first_batch`);
    const headline = page.getByTestId('ot-headline');
    const host = page.locator('ot-approval-panel');
    await expect.poll(() => headline.text()).toBe(TYPES[0]!.headline);
    await page.getByRole('link', { name: 'Open the contract' }).click(); // history.pushState
    await expect.poll(() => page.evaluate(() => location.href, null)).toBe(`${sandbox.origin}/contracts/ctr_maria`);
    // Once the panel has followed the app to the contract view, it is still there.
    await expect.poll(() => host.getAttribute('data-path')).toBe('/contracts/ctr_maria');
    await expect.poll(() => headline.text()).toBe(TYPES[0]!.headline);
    await page.evaluate(() => history.pushState({}, '', '/jobs'), null);
    await expect.poll(() => host.count()).toBe(0);
    await page.evaluate(() => history.pushState({}, '', '/approvals/apr_release_polygon'), null);
    await expect.poll(() => headline.text()).toBe(TYPES[1]!.headline);
  });

  test('collapses to a tab and remembers it', async ({ ext, sandbox }) => {
    const page = await ext.newPage(`${sandbox.origin}/approvals/apr_fund_first_batch`);
    await page.getByRole('button', { name: 'Collapse the panel' }).click();
    await expect.poll(() => page.getByTestId('ot-panel-tab').isVisible()).toBe(true);
    await page.reload();
    await expect.poll(() => page.getByTestId('ot-panel-tab').isVisible()).toBe(true);
    expect(await page.getByTestId('ot-panel').count()).toBe(0);
    await page.getByRole('button', { name: 'Show the agent’s request' }).click();
    await expect.poll(() => page.getByTestId('ot-headline').isVisible()).toBe(true);
  });

  test('changes nothing in the page outside its host, and the page’s Confirm still works', async ({ ext, sandbox }) => {
    const url = `${sandbox.origin}/approvals/apr_release_polygon`;
    const page = await ext.newPage(url);
    await expect.poll(() => page.getByTestId('ot-status').text()).toContain('expires in');
    // The live page, less the panel's host, is exactly the page as served.
    const served = await (await fetch(url)).text();
    const [live, parsed] = await page.evaluate((html) => {
      const fresh = new DOMParser().parseFromString(html, 'text/html');
      const current = document.documentElement.cloneNode(true) as HTMLElement;
      for (const host of current.querySelectorAll('ot-approval-panel')) host.remove();
      return [current.outerHTML, fresh.documentElement.outerHTML];
    }, served);
    expect(live).toBe(parsed);

    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => page.locator('#status').text()).toBe('confirmed');
    expect(sandbox.state.world.approvals.get('apr_release_polygon')?.status).toBe('confirmed');
  });

  test('markup in API text is shown as text and runs nothing', async ({ ext, sandbox }) => {
    const payload = '<img src=x onerror="window.__pwned=1">';
    const [added] = sandbox.add({
      type: 'milestone_fund',
      milestoneName: payload,
      contractTitle: '<script>window.__pwned=2</script>',
    });
    const page = await ext.newPage(`${sandbox.origin}/approvals/${added!.id}`);
    await expect.poll(() => page.getByTestId('ot-milestone').text()).toContain(payload);
    await expect.poll(() => page.getByTestId('ot-headline').text()).toBe(`Fund milestone “${payload}”`);
    await expect.poll(() => page.getByTestId('ot-context').text()).toContain('<script>window.__pwned=2</script>');
    expect(
      await page
        .locator('ot-approval-panel')
        .evaluate((el) => el.shadowRoot!.querySelectorAll('img, script').length, null),
    ).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned, null)).toBeUndefined();
  });
});

test('shows the request on https://app.opentrain.ai for all four types', async ({ ext, sandbox }) => {
  await ext.serve('https://app.opentrain.ai', sandbox.origin);
  await ext.configure('https://app.opentrain.ai', SANDBOX_TOKENS.full);
  const page = await ext.newPage('about:blank');
  for (const type of TYPES) {
    await page.goto(`https://app.opentrain.ai/approvals/${type.id}`);
    await expectPanel(page, type);
  }
  // The panel's data came through the background: the page never saw the token.
  expect(await page.content()).not.toContain(SANDBOX_TOKENS.full);
});
