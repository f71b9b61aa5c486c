import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listPendingApprovals } from '@/lib/api/approvals-route';
import type { Approval } from '@/lib/api/schemas';
import { CONTEXT_TTL_MS, enrichApprovals, pruneContexts } from '@/lib/enrich';
import { openTrainApi } from '@/lib/opentrain-api';
import { SANDBOX_TOKENS } from '@/sandbox/data';
import { startSandbox, type Sandbox } from '@/sandbox/server';

let sandbox: Sandbox;
let approvals: Approval[];
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  sandbox.state.reset();
  const listed = await listPendingApprovals({ origin: sandbox.origin, token: SANDBOX_TOKENS.full });
  approvals = listed.ok ? listed.approvals : [];
  sandbox.state.log = [];
});
const input = (token: string = SANDBOX_TOKENS.full) => ({
  api: openTrainApi({ origin: sandbox.origin, token }),
  approvals,
  contexts: {},
  jobTitles: {},
  jobTitlesAt: null,
  nowMs: Date.now(),
});

describe('context reads', () => {
  it('gather milestone, contract, freelancer, candidate and job title', async () => {
    const result = await enrichApprovals(input());
    const fund = result.contexts.apr_fund_first_batch!;
    expect(fund).toMatchObject({
      contractTitle: 'Spanish Sentiment Labeling Contract',
      freelancerName: 'Maria G.',
      jobTitle: 'Spanish Sentiment Labeling — Social Media Posts',
      milestone: { name: 'First labeling batch', amountUsd: 300, status: 'NOT_FUNDED' },
      missing: [],
    });
    expect(result.contexts.apr_hire_amara?.proposal).toMatchObject({ candidateName: 'Amara O.', bidAmountUsd: 18 });
    expect(result.contexts.apr_end_lena).toMatchObject({ fundedUsd: 600, budgetState: 'LOW' });
    // One jobs/mine for all titles, one read per contract or proposal.
    expect(sandbox.state.log.filter((e) => e.path.endsWith('/jobs/mine'))).toHaveLength(1);
    expect(result.requests).toBe(5);
  });

  it('are made only for approvals not seen before', async () => {
    const first = await enrichApprovals(input());
    sandbox.state.log = [];
    const second = await enrichApprovals({
      ...input(),
      contexts: first.contexts,
      jobTitles: first.jobTitles,
      jobTitlesAt: first.jobTitlesAt,
    });
    expect(second.requests).toBe(0);
    expect(sandbox.state.log).toEqual([]);
    const stale = await enrichApprovals({
      ...input(),
      contexts: first.contexts,
      jobTitles: first.jobTitles,
      jobTitlesAt: first.jobTitlesAt,
      nowMs: Date.now() + CONTEXT_TTL_MS,
    });
    expect(stale.requests).toBeGreaterThan(0);
  });

  it('name what a missing scope hides instead of failing', async () => {
    const result = await enrichApprovals(input(SANDBOX_TOKENS.paymentsOnly));
    expect(result.contexts.apr_hire_amara?.missing).toEqual([
      { part: 'proposal', scope: 'proposals:read' },
      { part: 'job title', scope: 'jobs:read' },
    ]);
    expect(result.contexts.apr_fund_first_batch?.milestone?.name).toBe('First labeling batch');
  });

  it('are re-read next time after a transient failure, keeping an older context', async () => {
    sandbox.state.faults.push({ count: 10, status: 503, path: '/contracts' });
    const result = await enrichApprovals(input());
    const fund = result.contexts.apr_fund_first_batch!;
    expect(fund.unavailable).toEqual(['contract']);
    expect(Date.now() - fund.fetchedAt).toBeGreaterThanOrEqual(CONTEXT_TTL_MS);
  });

  it('of approvals no longer pending are pruned', () => {
    expect(Object.keys(pruneContexts({ a: {} as never, b: {} as never }, ['b']))).toEqual(['b']);
  });
});
