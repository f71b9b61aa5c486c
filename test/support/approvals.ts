/** Approval objects for unit tests, built on the documentation's own example. */
import type { Approval } from '@/lib/api/schemas';
import { approvalEnvelopeSchema } from '@/lib/api/schemas';
import type { ApprovalContext } from '@/lib/context';
import { fixture } from './fixtures';

const documented = approvalEnvelopeSchema.parse(fixture('approval-get-confirmed.json')).approval;

export function approval(fields: Partial<Approval> & { id: string }, nowMs: number, expiresInMs: number): Approval {
  return {
    ...documented,
    status: 'pending',
    resolvedAt: null,
    result: null,
    approvalUrl: `https://app.opentrain.ai/approvals/${fields.id}`,
    createdAt: new Date(nowMs - 3_600_000).toISOString(),
    expiresAt: new Date(nowMs + expiresInMs).toISOString(),
    ...fields,
  };
}

export function context(fields: Partial<ApprovalContext> = {}): ApprovalContext {
  return {
    fetchedAt: 0,
    contractTitle: 'Spanish Sentiment Labeling Contract',
    contractStatus: 'active',
    estimatedTotalUsd: 1200,
    budgetState: 'OK',
    freelancerName: 'Maria G.',
    freelancerCountry: 'Spain',
    milestone: {
      id: '<MILESTONE_ID>',
      name: 'First labeling batch',
      description: 'Label 5,000 posts',
      status: 'NOT_FUNDED',
      amountUsd: 300,
      dueDate: '2026-07-01T00:00:00.000Z',
    },
    fundedUsd: 0,
    jobTitle: 'Spanish Sentiment Labeling — Social Media Posts',
    missing: [],
    unavailable: [],
    ...fields,
  };
}
