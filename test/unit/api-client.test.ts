/** The client's error mapping, against the sandbox's fault controls, one error kind at a time. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getApproval, listPendingApprovals, listPendingApprovalsIfChanged } from '@/lib/api/approvals-route';
import type { ApiError } from '@/lib/api/errors';
import { getAuthMe, getContract, getUpdates } from '@/lib/api/reads';
import { type ApiConfig, apiGetIfChanged } from '@/lib/api/request';
import { approvalListSchema } from '@/lib/api/schemas';
import { SANDBOX_TOKENS } from '@/sandbox/data';
import { addApprovals, startSandbox, type Fault, type Sandbox } from '@/sandbox/server';

let sandbox: Sandbox;
let api: ApiConfig;
const TOKEN = SANDBOX_TOKENS.full;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.state.reset();
  api = { origin: sandbox.origin, token: TOKEN };
});

const fault = (f: Partial<Fault>) => sandbox.state.faults.push({ count: 1, ...f });
async function listError(config: ApiConfig = api): Promise<ApiError> {
  const result = await listPendingApprovals(config);
  if (result.ok) throw new Error('expected an error');
  expect(JSON.stringify(result.error)).not.toContain(config.token);
  return result.error;
}

describe('listing pending approvals', () => {
  it('returns the seeded pending approvals and the server clock offset', async () => {
    sandbox.state.clockOffsetMs = -3_600_000;
    const result = await listPendingApprovals(api);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.approvals.map((a) => a.type).sort()).toEqual([
      'contract_end',
      'milestone_approve',
      'milestone_fund',
      'proposal_hire',
    ]);
    expect(result.complete).toBe(true);
    // Date has second resolution: the offset is right to within a second.
    expect(result.serverOffsetMs).toBeGreaterThan(-3_601_000);
    expect(result.serverOffsetMs).toBeLessThan(-3_599_000);
  });

  it('flips an approval past its expiry to expired when read, with its event', async () => {
    sandbox.state.clockOffsetMs = 3_600_000; // the 45-minute approval is now past due
    const result = await listPendingApprovals(api);
    expect(result.ok && result.approvals.map((a) => a.id)).not.toContain('apr_fund_first_batch');
    const read = await getApproval(api, 'apr_fund_first_batch');
    expect(read.ok && read.data.approval.status).toBe('expired');
    const updates = await getUpdates(api, undefined);
    expect(updates.ok && updates.data.events.at(-1)?.data).toEqual({
      approvalId: 'apr_fund_first_batch',
      status: 'expired',
    });
  });

  it('follows nextCursor to the end', async () => {
    addApprovals(sandbox.state, { count: 246 });
    const result = await listPendingApprovals(api);
    expect(result.ok && result.approvals.length).toBe(250);
    expect(result.pages).toBe(3);
    expect(sandbox.state.log.map((e) => e.query)).toEqual([
      '?status=pending&limit=100',
      '?status=pending&limit=100&cursor=100',
      '?status=pending&limit=100&cursor=200',
    ]);
  });

  it('stops at the page cap and says so', async () => {
    addApprovals(sandbox.state, { count: 246 });
    const result = await listPendingApprovals(api, { pageCap: 2 });
    expect(result).toMatchObject({ ok: true, complete: false, pages: 2 });
    expect(result.ok && result.approvals.length).toBe(200);
  });

  it('gives the ETag of a whole one-page list, and reads a 304 to it as unchanged', async () => {
    sandbox.state.pollIntervalHintSec = 120;
    const first = await listPendingApprovals(api);
    const etag = first.ok ? first.etag : null;
    expect(etag).toBeTruthy();
    expect(await listPendingApprovalsIfChanged(api, etag)).toEqual({
      ok: true,
      unchanged: true,
      pages: 1,
      serverOffsetMs: expect.any(Number),
      pollIntervalSec: 120,
    });
    expect(sandbox.state.log.at(-1)).toMatchObject({ status: 304 });
  });

  it('gives no ETag for a list of several pages (a 304 would speak for the first page only)', async () => {
    addApprovals(sandbox.state, { count: 146 });
    const result = await listPendingApprovalsIfChanged(api, null);
    expect(result).toMatchObject({ ok: true, pages: 2, etag: null });
  });
});

describe('every failure maps to one error kind', () => {
  it('401 → unauthorized', async () => {
    expect(await listError({ ...api, token: 'ot_pat_wrong' })).toMatchObject({ kind: 'unauthorized' });
  });
  it('403 missing scope → forbidden with the required scopes', async () => {
    expect(await listError({ ...api, token: SANDBOX_TOKENS.noPayments })).toMatchObject({
      kind: 'forbidden',
      requiredScopes: ['payments:read'],
    });
  });
  it('403 account_claim_required → forbidden with reason and claimUrl', async () => {
    fault({ status: 403, reason: 'account_claim_required', claimUrl: 'https://app.opentrain.ai/claim' });
    expect(await listError()).toMatchObject({
      kind: 'forbidden',
      reason: 'account_claim_required',
      claimUrl: 'https://app.opentrain.ai/claim',
    });
  });
  it('404 on one approval → not_found', async () => {
    const result = await getApproval(api, 'apr_missing');
    expect(!result.ok && result.error).toMatchObject({ kind: 'not_found' });
  });
  it('404 on the list route → unsupported (tracked mode)', async () => {
    sandbox.state.listRoute = false;
    expect(await listError()).toEqual({ kind: 'unsupported', status: 404 });
  });
  it('405 → unsupported', async () => {
    fault({ status: 405 });
    expect(await listError()).toEqual({ kind: 'unsupported', status: 405 });
  });
  it('429 with Retry-After in seconds → rate_limited with the delay', async () => {
    fault({ status: 429, retryAfter: '120' });
    expect(await listError()).toMatchObject({ kind: 'rate_limited', retryAfterMs: 120_000 });
  });
  it('429 with Retry-After as a date → rate_limited with the delay', async () => {
    fault({ status: 429, retryAfter: new Date(Date.now() + 90_000).toUTCString() });
    const error = await listError();
    expect(error.kind).toBe('rate_limited');
    const ms = (error as { retryAfterMs: number }).retryAfterMs;
    expect(ms).toBeGreaterThan(85_000);
    expect(ms).toBeLessThanOrEqual(91_000);
  });
  it('500, 502, 503 → server with the status', async () => {
    for (const status of [500, 502, 503]) {
      fault({ status });
      expect(await listError()).toMatchObject({ kind: 'server', status });
    }
  });
  it('malformed JSON → invalid_response', async () => {
    fault({ malformed: true });
    expect(await listError()).toMatchObject({ kind: 'invalid_response', detail: 'not JSON' });
  });
  it('valid JSON of the wrong shape → invalid_response naming the field', async () => {
    fault({ wrongShape: true });
    const error = await listError();
    expect(error).toMatchObject({ kind: 'invalid_response' });
    expect((error as { detail: string }).detail).toContain('approvals');
  });
  it('an answer slower than the timeout → timeout', async () => {
    fault({ delayMs: 400 });
    expect(await listError({ ...api, timeoutMs: 100 })).toEqual({ kind: 'timeout', afterMs: 100 });
  });
  it('nobody listening → network', async () => {
    const closed = await startSandbox({ port: 0 });
    await closed.close();
    expect(await listError({ origin: closed.origin, token: TOKEN })).toEqual({ kind: 'network' });
  });
  it('refuses to send the token to an origin that is not allowed', async () => {
    let called = false;
    const result = await getAuthMe({
      origin: 'http://example.com',
      token: TOKEN,
      fetch: async () => {
        called = true;
        return new Response('{}');
      },
    });
    expect(result.ok).toBe(false);
    expect(called).toBe(false);
  });
});

describe('the other reads', () => {
  it('auth/me names the token’s owner and scopes', async () => {
    const me = await getAuthMe(api);
    expect(me.ok && me.data).toMatchObject({
      actor: { fullName: 'Mira Chen' },
      token: { scopes: ['payments:read', 'proposals:read', 'jobs:read'] },
    });
  });
  it('a contract comes with its milestones', async () => {
    const contract = await getContract(api, 'ctr_maria');
    expect(contract.ok && contract.data.contract.milestones.map((m) => m.name)).toEqual([
      'First labeling batch',
      'Second labeling batch',
    ]);
  });
  it('the server’s message is kept, never the token', async () => {
    const result = await getContract({ ...api, token: SANDBOX_TOKENS.noPayments }, 'ctr_maria');
    expect(!result.ok && result.error).toMatchObject({
      kind: 'forbidden',
      serverMessage: expect.stringContaining('payments:read'),
    });
  });
});

describe('the sandbox, as a server the client meets', () => {
  it('answers a repeated list read with 304 when the ETag matches, and a changed list in full', async () => {
    const first = await apiGetIfChanged(api, '/approvals', approvalListSchema, { query: { status: 'pending' } });
    expect(first.ok && first.data?.approvals.length).toBe(4);
    const etag = first.meta.etag;
    expect(etag).toBeTruthy();
    const again = await apiGetIfChanged(api, '/approvals', approvalListSchema, {
      query: { status: 'pending' },
      ifNoneMatch: etag,
    });
    expect(again).toMatchObject({ ok: true, data: null });
    expect(sandbox.state.log.at(-1)).toMatchObject({ status: 304, bytes: 0 });
    sandbox.state.addApprovals({ type: 'milestone_fund' });
    const changed = await apiGetIfChanged(api, '/approvals', approvalListSchema, {
      query: { status: 'pending' },
      ifNoneMatch: etag,
    });
    expect(changed.ok && changed.data?.approvals.length).toBe(5);
  });

  it('sends the poll-interval hint on the list route when set', async () => {
    sandbox.state.pollIntervalHintSec = 300;
    const result = await apiGetIfChanged(api, '/approvals', approvalListSchema, { query: { status: 'pending' } });
    expect(result.meta.pollIntervalSec).toBe(300);
  });

  it('answers a redirect fault as a redirect and a huge fault as too large', async () => {
    fault({ redirectTo: 'https://login.example.com/' });
    expect(await listError()).toEqual({ kind: 'redirect', status: 302 });
    fault({ hugeBytes: 7_000_000 });
    expect((await listError()).kind).toBe('too_large');
  });
});
