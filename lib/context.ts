/**
 * An approval's context: what the approval object does not say (amount, names, titles),
 * gathered from the contract, proposal and job reads into one compact, persisted shape.
 */
import * as z from 'zod/mini';
import type { Approval, Contract, Proposal } from './api/schemas';

const text = z.optional(z.nullable(z.string()));
const num = z.optional(z.nullable(z.number()));

export const approvalContextSchema = z.object({
  fetchedAt: z.number(),
  contractTitle: text,
  contractStatus: text,
  estimatedTotalUsd: num,
  budgetState: text,
  freelancerName: text,
  freelancerCountry: text,
  milestone: z.optional(
    z.object({ id: z.string(), name: text, description: text, status: z.string(), amountUsd: num, dueDate: text }),
  ),
  /** For ending a contract: what is in escrow and would be released or refunded. */
  fundedUsd: num,
  jobTitle: text,
  proposal: z.optional(
    z.object({
      candidateName: text,
      candidateCountry: text,
      candidateTitle: text,
      bidAmountUsd: num,
      bidUnit: text,
      status: text,
    }),
  ),
  /** Parts a missing scope hid, e.g. { part: 'proposal', scope: 'proposals:read' }. */
  missing: z.array(z.object({ part: z.string(), scope: z.string() })),
  /** Parts that could not be read for another reason (not found, server error). */
  unavailable: z.array(z.string()),
});
export type ApprovalContext = z.infer<typeof approvalContextSchema>;

export interface ContextReads {
  contract?: Contract | null;
  proposal?: Proposal | null;
  jobTitle?: string | null;
  missing?: ApprovalContext['missing'];
  unavailable?: string[];
}

export function buildContext(approval: Approval, reads: ContextReads, nowMs: number): ApprovalContext {
  const { contract, proposal } = reads;
  const milestone = contract?.milestones.find((m) => m.id === approval.milestoneId);
  const funded = contract?.milestones
    .filter((m) => m.status === 'ACTIVE_FUNDED')
    .reduce((sum, m) => sum + (m.amountUsd ?? 0), 0);
  return {
    fetchedAt: nowMs,
    contractTitle: contract?.title ?? null,
    contractStatus: contract?.status ?? null,
    estimatedTotalUsd: contract?.estimatedTotalUsd ?? null,
    budgetState: contract?.budget?.state ?? null,
    freelancerName: contract?.freelancer?.displayName ?? proposal?.candidate?.displayName ?? null,
    freelancerCountry: contract?.freelancer?.country ?? proposal?.candidate?.country ?? null,
    milestone: milestone && {
      id: milestone.id,
      name: milestone.name ?? null,
      description: milestone.description ?? null,
      status: milestone.status,
      amountUsd: milestone.amountUsd ?? null,
      dueDate: milestone.dueDate ?? null,
    },
    fundedUsd: contract ? funded : null,
    jobTitle: reads.jobTitle ?? proposal?.jobTitle ?? null,
    proposal: proposal
      ? {
          candidateName: proposal.candidate?.displayName ?? null,
          candidateCountry: proposal.candidate?.country ?? null,
          candidateTitle: proposal.candidate?.profileTitle ?? null,
          bidAmountUsd: proposal.bid?.amountUsd ?? null,
          bidUnit: proposal.bid?.unit ?? null,
          status: proposal.status?.label ?? proposal.status?.raw ?? null,
        }
      : undefined,
    missing: reads.missing ?? [],
    unavailable: reads.unavailable ?? [],
  };
}
