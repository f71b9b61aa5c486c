/**
 * Context reads for approvals not seen before (contract, proposal, job title), at most a
 * few in flight and a few dozen per call, soonest expiry first (the rest wait for the next
 * poll), cached with a time to live. Missing scopes degrade the context, never the list: what
 * a scope hides is recorded so the UI can name it. Pure over the API port it is given.
 */
import type { ApiError } from './api/errors';
import type { Approval, Contract, Proposal } from './api/schemas';
import { mapLimited } from './concurrency';
import { buildContext, type ApprovalContext } from './context';
import { byExpiry } from './expiry';
import { idRecord } from './id-record';
import type { OpenTrainApi } from './opentrain-api';
import type { Tracking } from './poll-record';
import { HOUR } from './time';

export const CONTEXT_TTL_MS = 6 * HOUR;
export const JOB_TITLES_TTL_MS = 6 * HOUR;
export const CONTEXT_READS_IN_FLIGHT = 3;
/** Contract and proposal reads per call: 2,000 new approvals are read over 80 polls, not in one. */
export const CONTEXT_READS_PER_POLL = 50;
const JOBS_PAGE_CAP = 5;

export interface EnrichInput {
  api: OpenTrainApi;
  approvals: readonly Approval[];
  contexts: Readonly<Record<string, ApprovalContext>>;
  jobTitles: Tracking['jobTitles'];
  jobTitlesAt: number | null;
  nowMs: number;
  /** Re-read even when cached (the approval page wants fresh context). */
  force?: boolean;
  /** Contract and proposal reads allowed this call (CONTEXT_READS_PER_POLL unless the poll spent some already). */
  readCap?: number;
  signal?: AbortSignal;
}

export interface EnrichResult {
  contexts: Record<string, ApprovalContext>;
  jobTitles: Tracking['jobTitles'];
  jobTitlesAt: number | null;
  requests: number;
  /** Some reads failed for a reason that may pass (timeout, network, 5xx, 429): worth trying again soon. */
  gaps: boolean;
}

/** Transient failures are not cached: the next poll tries again. */
const isTransient = (error: ApiError) => ['network', 'timeout', 'server', 'rate_limited'].includes(error.kind);

export function needsContext(cached: ApprovalContext | undefined, nowMs: number): boolean {
  return !cached || nowMs - cached.fetchedAt >= CONTEXT_TTL_MS;
}

export async function enrichApprovals(input: EnrichInput): Promise<EnrichResult> {
  const { api, nowMs, signal } = input;
  // Copied into records without a prototype: the ids come from the server.
  const contexts = idRecord(Object.entries(input.contexts));
  let jobTitles = idRecord(Object.entries(input.jobTitles));
  const wanted = withinReadCap(
    input.approvals.filter((a) => input.force || needsContext(contexts[a.id], nowMs)).sort(byExpiry),
    input.readCap ?? CONTEXT_READS_PER_POLL,
  );
  let requests = 0;
  let jobTitlesAt = input.jobTitlesAt;
  let jobsMissingScope = false;
  let jobsFailed = false;
  let gaps = false;

  const titlesStale = jobTitlesAt == null || nowMs - jobTitlesAt >= JOB_TITLES_TTL_MS;
  if (wanted.some((a) => a.jobId && !(a.jobId in jobTitles)) && (titlesStale || input.force)) {
    const titles = idRecord<string>();
    let cursor: string | undefined;
    for (let page = 0; page < JOBS_PAGE_CAP; page++) {
      const result = await api.getJobsMine(cursor, signal);
      requests++;
      if (!result.ok) {
        jobsMissingScope = result.error.kind === 'forbidden';
        jobsFailed = true;
        break;
      }
      for (const job of result.data.jobs) if (job.title) titles[job.id] = job.title;
      cursor = result.data.nextCursor ?? undefined;
      if (!cursor) break;
    }
    if (!jobsFailed) {
      jobTitles = titles;
      jobTitlesAt = nowMs;
    }
  }

  await mapLimited(wanted, CONTEXT_READS_IN_FLIGHT, async (approval) => {
    const missing: ApprovalContext['missing'] = [];
    const unavailable: string[] = [];
    let transient = false;
    const read = async <T>(
      part: string,
      scope: string,
      call: () => Promise<{ ok: true; data: T } | { ok: false; error: ApiError }>,
    ) => {
      requests++;
      const result = await call();
      if (result.ok) return result.data;
      if (result.error.kind === 'forbidden') missing.push({ part, scope });
      else unavailable.push(part);
      transient ||= isTransient(result.error);
      return null;
    };
    let contract: Contract | null = null;
    let proposal: Proposal | null = null;
    if (approval.contractId) {
      const id = approval.contractId;
      contract = (await read('contract', 'payments:read', () => api.getContract(id, signal)))?.contract ?? null;
    }
    if (approval.proposalId) {
      const id = approval.proposalId;
      proposal = (await read('proposal', 'proposals:read', () => api.getProposal(id, signal)))?.proposal ?? null;
    }
    gaps ||= transient;
    if (jobsMissingScope) missing.push({ part: 'job title', scope: 'jobs:read' });
    if (transient && contexts[approval.id]) return; // keep the older context rather than a worse one
    const jobTitle = approval.jobId ? (jobTitles[approval.jobId] ?? null) : null;
    const context = buildContext(approval, { contract, proposal, jobTitle, missing, unavailable }, nowMs);
    // A context with transient gaps is shown but re-read next time.
    contexts[approval.id] = transient ? { ...context, fetchedAt: nowMs - CONTEXT_TTL_MS } : context;
  });
  return { contexts, jobTitles, jobTitlesAt, requests, gaps };
}

/** The approvals (soonest expiry first) whose contract and proposal reads fit in one call's cap. */
function withinReadCap(approvals: readonly Approval[], cap: number): Approval[] {
  let reads = 0;
  return approvals.filter((approval) => {
    reads += Number(Boolean(approval.contractId)) + Number(Boolean(approval.proposalId));
    return reads <= cap;
  });
}

/** Drops cached contexts of approvals that are no longer pending. */
export function pruneContexts(
  contexts: Readonly<Record<string, ApprovalContext>>,
  keep: Iterable<string>,
): Record<string, ApprovalContext> {
  const ids = new Set(keep);
  return idRecord(Object.entries(contexts).filter(([id]) => ids.has(id)));
}
