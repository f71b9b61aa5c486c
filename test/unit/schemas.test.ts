import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import {
  approvalCreatedSchema,
  approvalEnvelopeSchema,
  approvalListSchema,
  approvalResolvedDataSchema,
  authMeSchema,
  contractEnvelopeSchema,
  errorEnvelopeSchema,
  jobsMineSchema,
  proposalEnvelopeSchema,
  updatesSchema,
} from '@/lib/api/schemas';
import { fixture, fixtureNames } from '../support/fixtures';

/** Every response body of a route the extension reads (or the approval shape it reads), with its schema. */
const RESPONSE_BODIES: Record<string, z.ZodMiniType> = {
  'approval-get-confirmed.json': approvalEnvelopeSchema,
  'milestone-fund-202.json': approvalCreatedSchema,
  'milestone-approve-202.json': approvalCreatedSchema,
  'proposal-hire-202.json': approvalCreatedSchema,
  'approval-202-generic.json': approvalCreatedSchema,
  'updates-poll.json': updatesSchema,
  'error-envelope.json': errorEnvelopeSchema,
  'error-account-claim-required.json': errorEnvelopeSchema,
  'auth-me.json': authMeSchema,
  'contract-get.json': contractEnvelopeSchema,
  'proposal-get.json': proposalEnvelopeSchema,
  'jobs-mine.json': jobsMineSchema,
};
/** Bodies of routes the extension never reads (listed so a new fixture is not silently skipped). */
const NOT_READ = [
  'job-get-public.json',
  'freelancer-get.json',
  'payments-pending.json',
  'credits-balance.json',
  'team-list.json',
  'tokens-list.json',
  'capabilities.json',
  'approval-confirmed-event.json',
];

describe('the documented JSON bodies', () => {
  it('are all accounted for', () => {
    expect(fixtureNames().sort()).toEqual([...Object.keys(RESPONSE_BODIES), ...NOT_READ].sort());
  });

  for (const [name, schema] of Object.entries(RESPONSE_BODIES)) {
    it(`${name} parses`, () => {
      const result = schema.safeParse(fixture(name));
      expect(result.success, JSON.stringify(!result.success && result.error.issues)).toBe(true);
    });
  }

  it('keeps the fund 202 without proposalId', () => {
    const parsed = approvalCreatedSchema.parse(fixture('milestone-fund-202.json'));
    expect(parsed.approval).toMatchObject({ type: 'milestone_fund', status: 'pending', milestoneId: '<MILESTONE_ID>' });
    expect(parsed.approval.proposalId).toBeUndefined();
  });

  it('reads both forms of the approval.confirmed payload, normalising the type', () => {
    const event = updatesSchema
      .parse(fixture('updates-poll.json'))
      .events.find((e) => e.type === 'approval.confirmed')!;
    expect(approvalResolvedDataSchema.parse(event.data)).toEqual({ approvalId: '<APPROVAL_ID>', status: 'confirmed' });
    expect(approvalResolvedDataSchema.parse(fixture('approval-confirmed-event.json'))).toMatchObject({
      approvalId: '<APPROVAL_ID>',
      approvalType: 'milestone_fund',
      status: 'confirmed',
      milestoneId: '<MILESTONE_ID>',
    });
  });

  it('keeps an unknown approval type and drops unknown fields without throwing', () => {
    const body = fixture('approval-get-confirmed.json') as { approval: Record<string, unknown> };
    const parsed = approvalEnvelopeSchema.parse({
      approval: { ...body.approval, type: 'budget_increase', riskScore: 7 },
      extra: true,
    });
    expect(parsed.approval.type).toBe('budget_increase');
    expect(parsed.approval).not.toHaveProperty('riskScore');
  });

  it('reads a contract with milestones and budget', () => {
    const { contract } = contractEnvelopeSchema.parse(fixture('contract-get.json'));
    expect(contract.milestones[0]).toMatchObject({
      name: 'First labeling batch',
      amountUsd: 300,
      status: 'ACTIVE_FUNDED',
    });
    expect(contract.budget?.state).toBe('OK');
    expect(contract.freelancer?.displayName).toBe('Maria G.');
  });

  it('accepts the assumed list answer and rejects a list that is not one', () => {
    const approval = (fixture('approval-get-confirmed.json') as { approval: unknown }).approval;
    expect(approvalListSchema.safeParse({ approvals: [approval], nextCursor: null }).success).toBe(true);
    expect(approvalListSchema.safeParse({ approvals: 'none' }).success).toBe(false);
  });
});
