/**
 * The OpenTrain reads a poll and its context reads make, as one port. lib/poll-cycle.ts and
 * lib/enrich.ts take it as a parameter, so they are pure over it; `openTrainApi` is the real
 * one, over lib/api/ (the only code that speaks HTTP), and the unit tests pass a fake.
 */
import { getApproval, listPendingApprovalsIfChanged } from './api/approvals-route';
import { getContract, getJobsMine, getProposal, getUpdates } from './api/reads';
import type { ApiConfig } from './api/request';

type Result<F extends (...args: never[]) => unknown> = ReturnType<F>;

export interface OpenTrainApi {
  /** Where every call goes: a list fetched from another origin is not reused. */
  readonly origin: string;
  /** The pending list, or "unchanged" when `ifNoneMatch` (the last whole list's ETag) still matches. */
  listPendingApprovals(options?: {
    ifNoneMatch?: string | null;
    signal?: AbortSignal;
  }): Result<typeof listPendingApprovalsIfChanged>;
  getApproval(approvalId: string, signal?: AbortSignal): Result<typeof getApproval>;
  getUpdates(cursor: string | undefined, signal?: AbortSignal): Result<typeof getUpdates>;
  getContract(contractId: string, signal?: AbortSignal): Result<typeof getContract>;
  getProposal(proposalId: string, signal?: AbortSignal): Result<typeof getProposal>;
  getJobsMine(cursor?: string, signal?: AbortSignal): Result<typeof getJobsMine>;
}

export function openTrainApi(config: ApiConfig): OpenTrainApi {
  return {
    origin: config.origin,
    listPendingApprovals: ({ ifNoneMatch = null, signal } = {}) =>
      listPendingApprovalsIfChanged(config, ifNoneMatch, { signal }),
    getApproval: (approvalId, signal) => getApproval(config, approvalId, signal),
    getUpdates: (cursor, signal) => getUpdates(config, cursor, signal),
    getContract: (contractId, signal) => getContract(config, contractId, signal),
    getProposal: (proposalId, signal) => getProposal(config, proposalId, signal),
    getJobsMine: (cursor, signal) => getJobsMine(config, cursor, signal),
  };
}
