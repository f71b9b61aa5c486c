import type { Page } from '@playwright/test';
import { expect, SANDBOX_TOKENS, test } from './fixtures';

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

async function expectPanel(page: Page, type: (typeof TYPES)[number]) {
  await expect(page.getByTestId('ot-headline')).toHaveText(type.headline);
  await expect(page.getByTestId('ot-call')).toHaveText(type.call);
  if (type.amount) await expect(page.getByTestId('ot-amount')).toHaveText(type.amount);
  else await expect(page.getByTestId('ot-amount')).toHaveCount(0);
  await expect(page.getByTestId('ot-context')).toContainText(type.context);
  await expect(page.getByTestId('ot-status')).toContainText(/pending · expires in \d/);
  await expect(page.getByTestId('ot-requested')).toContainText(/ago\)$/);
}

test.describe('on the sandbox’s approval page', () => {
  test.beforeEach(async ({ ext, sandbox }) => ext.configure(sandbox.origin, SANDBOX_TOKENS.full));

  for (const type of TYPES) {
    test(`shows the request, context, amount and countdown: ${type.headline}`, async ({ context, sandbox }) => {
      const page = await context.newPage();
      await page.goto(`${sandbox.origin}/approvals/${type.id}`);
      await expectPanel(page, type);
    });
  }

  test('warns of what deserves a second look', async ({ context, sandbox }) => {
    const page = await context.newPage();
    await page.goto(`${sandbox.origin}/approvals/apr_fund_first_batch`);
    await expect(page.locator('[data-risk="expires_soon"]')).toContainText(/^Expires in 4\d min: decide now/);
    await page.goto(`${sandbox.origin}/approvals/apr_hire_amara`);
    await expect(page.locator('[data-risk="hire_terms_unreadable"]')).toContainText(
      'check the amounts in the app’s dialog',
    );
    await page.goto(`${sandbox.origin}/approvals/apr_end_lena`);
    await expect(page.locator('[data-risk="budget"]')).toHaveText('The contract’s budget is running low.');
  });

  test('a confirmed approval is no longer pending', async ({ context, sandbox }) => {
    const page = await context.newPage();
    await page.goto(`${sandbox.origin}/approvals/apr_fund_second_batch`);
    await expect(page.locator('[data-risk="not_pending"]')).toContainText(
      /^No longer pending: confirmed \d+ days? ago\. There is nothing to confirm\./,
    );
    await expect(page.getByTestId('ot-status')).toHaveText('confirmed');
  });

  test('an approval the token cannot see, and a malformed id, get a clear message', async ({ context, sandbox }) => {
    const page = await context.newPage();
    await page.goto(`${sandbox.origin}/approvals/apr_does_not_exist`);
    await expect(page.getByTestId('ot-panel').getByRole('alert')).toContainText(
      'OpenTrain could not find that approval, or this token cannot see it.',
    );
    await page.goto(`${sandbox.origin}/approvals/not%20an%20id!`);
    await expect(page.getByTestId('ot-panel').getByRole('alert')).toContainText('does not hold a valid approval id');
  });

  test('stays through the app’s move to the contract view, and leaves for other pages', async ({
    context,
    sandbox,
  }) => {
    const page = await context.newPage();
    await page.goto(`${sandbox.origin}/approvals/apr_fund_first_batch`);
    await expect(page.getByTestId('ot-headline')).toHaveText(TYPES[0]!.headline);
    await page.getByRole('link', { name: 'Open the contract' }).click(); // history.pushState
    await expect(page).toHaveURL(`${sandbox.origin}/contracts/ctr_maria`);
    // Once the panel has followed the app to the contract view, it is still there.
    await expect(page.locator('ot-approval-panel')).toHaveAttribute('data-path', '/contracts/ctr_maria');
    await expect(page.getByTestId('ot-headline')).toHaveText(TYPES[0]!.headline);
    await page.evaluate(() => history.pushState({}, '', '/jobs'));
    await expect(page.locator('ot-approval-panel')).toHaveCount(0);
    await page.evaluate(() => history.pushState({}, '', '/approvals/apr_release_polygon'));
    await expect(page.getByTestId('ot-headline')).toHaveText(TYPES[1]!.headline);
  });

  test('collapses to a tab and remembers it', async ({ context, sandbox }) => {
    const page = await context.newPage();
    await page.goto(`${sandbox.origin}/approvals/apr_fund_first_batch`);
    await page.getByRole('button', { name: 'Collapse the panel' }).click();
    await expect(page.getByTestId('ot-panel-tab')).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('ot-panel-tab')).toBeVisible();
    await expect(page.getByTestId('ot-panel')).toHaveCount(0);
    await page.getByRole('button', { name: 'Show the agent’s request' }).click();
    await expect(page.getByTestId('ot-headline')).toBeVisible();
  });

  test('changes nothing in the page outside its host, and the page’s Confirm still works', async ({
    context,
    sandbox,
  }) => {
    const url = `${sandbox.origin}/approvals/apr_release_polygon`;
    const page = await context.newPage();
    await page.goto(url);
    await expect(page.getByTestId('ot-status')).toContainText('expires in');
    // The live page, less the panel's host, is exactly the page as served.
    const served = await (await page.request.get(url)).text();
    const [live, parsed] = await page.evaluate((html) => {
      const fresh = new DOMParser().parseFromString(html, 'text/html');
      const current = document.documentElement.cloneNode(true) as HTMLElement;
      for (const host of current.querySelectorAll('ot-approval-panel')) host.remove();
      return [current.outerHTML, fresh.documentElement.outerHTML];
    }, served);
    expect(live).toBe(parsed);

    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.locator('#status')).toHaveText('confirmed');
    expect(sandbox.state.world.approvals.get('apr_release_polygon')?.status).toBe('confirmed');
  });

  test('markup in API text is shown as text and runs nothing', async ({ context, sandbox }) => {
    const payload = '<img src=x onerror="window.__pwned=1">';
    const [added] = sandbox.add({
      type: 'milestone_fund',
      milestoneName: payload,
      contractTitle: '<script>window.__pwned=2</script>',
    });
    const page = await context.newPage();
    await page.goto(`${sandbox.origin}/approvals/${added!.id}`);
    await expect(page.getByTestId('ot-milestone')).toContainText(payload);
    await expect(page.getByTestId('ot-headline')).toHaveText(`Fund milestone “${payload}”`);
    await expect(page.getByTestId('ot-context')).toContainText('<script>window.__pwned=2</script>');
    expect(
      await page.locator('ot-approval-panel').evaluate((el) => el.shadowRoot!.querySelectorAll('img, script').length),
    ).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });
});

test('shows the request on https://app.opentrain.ai for all four types', async ({ ext, sandbox, context }) => {
  await context.route('https://app.opentrain.ai/**', async (route) => {
    const url = new URL(route.request().url());
    await route.fulfill({ response: await route.fetch({ url: `${sandbox.origin}${url.pathname}${url.search}` }) });
  });
  await ext.configure('https://app.opentrain.ai', SANDBOX_TOKENS.full);
  const page = await context.newPage();
  for (const type of TYPES) {
    await page.goto(`https://app.opentrain.ai/approvals/${type.id}`);
    await expectPanel(page, type);
  }
  // The panel's data came through the background: the page never saw the token.
  expect(await page.content()).not.toContain(SANDBOX_TOKENS.full);
});
