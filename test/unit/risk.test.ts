import { beforeAll, describe, expect, it } from 'vitest';
import { i18n } from '#i18n';
import { actionLabel, apiCallFor, contextLine, headline, summaryLine } from '@/lib/approval-text';
import { panelRoute } from '@/lib/page-route';
import { riskSignals, type RiskId, type RiskInput } from '@/lib/risk';
import { HOUR, MINUTE } from '@/lib/time';
import { context } from '../support/approvals';
import { useLocale } from '../support/i18n';

beforeAll(() => useLocale('en', 'en-US'));
const t = i18n.t;
const NOW = Date.parse('2026-11-22T10:00:00Z');
const iso = (ms: number) => new Date(NOW + ms).toISOString();
const base: RiskInput = {
  approval: { type: 'milestone_fund', status: 'pending', expiresAt: iso(30 * HOUR), resolvedAt: null },
  context: context(),
  othersOnContract: 0,
  nowMs: NOW,
  serverOffsetMs: 0,
  t,
  locale: 'en-US',
};
type Overrides = Omit<Partial<RiskInput>, 'approval'> & { approval?: Partial<RiskInput['approval']> };
const ids = (input: Overrides): RiskId[] =>
  riskSignals({ ...base, ...input, approval: { ...base.approval, ...input.approval } }).map((s) => s.id);
const text = (input: Overrides, id: RiskId) =>
  riskSignals({ ...base, ...input, approval: { ...base.approval, ...input.approval } }).find((s) => s.id === id)?.text;

describe('risk signals', () => {
  it('none for a plain, fresh funding request', () => expect(ids({})).toEqual([]));

  it('expires within 2 h', () => {
    expect(ids({ approval: { expiresAt: iso(2 * HOUR + MINUTE) } })).toEqual([]);
    expect(text({ approval: { expiresAt: iso(90 * MINUTE) } }, 'expires_soon')).toBe(
      'Expires in 1 h 30 min: decide now, or the agent must ask again.',
    );
  });

  it('no longer pending: confirmed, declined, expired (by the server or by the clock), with when', () => {
    expect(text({ approval: { status: 'confirmed', resolvedAt: iso(-2 * HOUR) } }, 'not_pending')).toBe(
      'No longer pending: confirmed 2 hours ago. There is nothing to confirm.',
    );
    expect(ids({ approval: { status: 'declined', resolvedAt: iso(-MINUTE * 5) } })).toEqual(['not_pending']);
    expect(text({ approval: { expiresAt: iso(-3 * MINUTE) } }, 'not_pending')).toBe(
      'No longer pending: expired 3 minutes ago. There is nothing to confirm.',
    );
    // an expired approval is not also "expiring soon"
    expect(ids({ approval: { expiresAt: iso(-3 * MINUTE) } })).not.toContain('expires_soon');
  });

  it('the server clock decides what "soon" means', () => {
    expect(ids({ approval: { expiresAt: iso(2.5 * HOUR) }, serverOffsetMs: HOUR })).toEqual(['expires_soon']);
  });

  it('milestone amount above the contract’s estimated total', () => {
    expect(ids({ context: context({ estimatedTotalUsd: 300 }) })).toEqual([]);
    expect(text({ context: context({ estimatedTotalUsd: 250 }) }, 'amount_over_estimate')).toBe(
      'The milestone amount $300.00 is above the contract’s estimated total $250.00.',
    );
  });

  it('milestone already in the state the request would produce', () => {
    const funded = context({ milestone: { ...context().milestone!, status: 'ACTIVE_FUNDED' } });
    expect(text({ context: funded }, 'already_in_state')).toContain('already funded');
    expect(ids({ approval: { type: 'milestone_approve' }, context: funded })).toEqual([]);
    expect(text({ approval: { type: 'milestone_approve' } }, 'already_in_state')).toContain(
      'not funded: there is nothing in escrow to release',
    );
  });

  it('contract ended', () => {
    expect(ids({ context: context({ contractStatus: 'ended' }) })).toEqual(['contract_ended']);
  });

  it('budget low or depleted', () => {
    expect(riskSignals({ ...base, context: context({ budgetState: 'LOW' }) })).toEqual([
      { id: 'budget', level: 'info', text: 'The contract’s budget is running low.' },
    ]);
    expect(riskSignals({ ...base, context: context({ budgetState: 'DEPLETED' }) })[0]).toMatchObject({
      id: 'budget',
      level: 'warning',
    });
  });

  it('another approval pending on the same contract', () => {
    expect(text({ othersOnContract: 1 }, 'other_pending')).toBe('1 other approval is pending on this contract.');
    expect(text({ othersOnContract: 2 }, 'other_pending')).toBe('2 other approvals are pending on this contract.');
  });

  it('a hire’s proposed terms are not readable through the API', () => {
    expect(ids({ approval: { type: 'proposal_hire' }, context: null })).toEqual(['hire_terms_unreadable']);
  });

  it('an unknown request type', () => {
    expect(ids({ approval: { type: 'budget_increase' }, context: null })).toEqual(['unknown_type']);
  });

  it('stay quiet without context rather than guess', () => {
    expect(ids({ context: null })).toEqual([]);
  });
});

describe('the request in words', () => {
  const ids = { contractId: 'ctr_1', milestoneId: 'ms_1', proposalId: 'prp_1' };
  it('names the API call the agent made, for all four types', () => {
    expect(apiCallFor({ ...ids, type: 'milestone_fund' })).toBe('POST /api/public/v1/milestones/ms_1/fund');
    expect(apiCallFor({ ...ids, type: 'milestone_approve' })).toBe('POST /api/public/v1/milestones/ms_1/approve');
    expect(apiCallFor({ ...ids, type: 'proposal_hire' })).toBe('POST /api/public/v1/proposals/prp_1/hire');
    expect(apiCallFor({ ...ids, type: 'contract_end' })).toBe('POST /api/public/v1/contracts/ctr_1/end');
    expect(apiCallFor({ ...ids, type: 'budget_increase' })).toBeNull();
  });
  it('says what is asked, with the subject when known', () => {
    expect(
      ['proposal_hire', 'milestone_fund', 'milestone_approve', 'contract_end', 'x_y'].map((type) =>
        actionLabel(type, t),
      ),
    ).toEqual(['Hire', 'Fund milestone', 'Release payment', 'End contract', 'Approve “x_y”']);
    expect(headline({ ...ids, type: 'milestone_fund' }, context(), t)).toBe('Fund milestone “First labeling batch”');
    expect(headline({ ...ids, type: 'milestone_fund' }, undefined, t)).toBe('Fund milestone');
    expect(headline({ ...ids, type: 'proposal_hire' }, context({ proposal: { candidateName: 'Amara O.' } }), t)).toBe(
      'Hire Amara O.',
    );
    expect(summaryLine({ ...ids, type: 'milestone_fund' }, context(), t, 'en-US')).toBe(
      'Fund milestone “First labeling batch”, $300.00, Maria G.',
    );
    expect(contextLine({ ...ids, type: 'proposal_hire' }, context())).toBe(
      'Spanish Sentiment Labeling — Social Media Posts',
    );
  });
});

describe('where the panel belongs as the app navigates', () => {
  const current = { approvalId: 'apr_1', contractId: 'ctr_1' };
  it('on an approval page, that approval', () => {
    expect(panelRoute('/approvals/apr_2', current)).toEqual({ kind: 'approval', approvalId: 'apr_2' });
  });
  it('stays with its approval in the contract view the app moves to', () => {
    expect(panelRoute('/contracts/ctr_1', current)).toEqual({ kind: 'keep' });
  });
  it('leaves for anything else, or a malformed id', () => {
    expect(panelRoute('/jobs', current)).toEqual({ kind: 'leave' });
    expect(panelRoute('/approvals/bad id!', current)).toEqual({ kind: 'leave' });
    expect(panelRoute('/contracts/ctr_1', null)).toEqual({ kind: 'leave' });
  });
});
