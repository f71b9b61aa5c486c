/**
 * THE ASSUMPTION about listing pending approvals lives here and nowhere else.
 *
 * OpenTrain's documentation shows only `GET /approvals/{id}`. We assume the API's usual
 * conventions for a list: `GET /approvals?status=pending&limit=100&cursor=…` answering
 * `{ approvals: [...], nextCursor }`. An origin that answers the route itself with 404 or
 * 405 has no list route: the caller then switches to tracked mode (docs/opentrain-api.md).
 */
import type { ApiError } from './errors';
import { apiGet, apiGetIfChanged, type ApiConfig } from './request';
import { approvalEnvelopeSchema, approvalListSchema, type Approval } from './schemas';

export const LIST_PAGE_LIMIT = 100;
/** 20 pages of 100: far above any real queue, low enough to stop a cursor loop. */
export const LIST_PAGE_CAP = 20;

export type ListResult =
  | {
      ok: true;
      approvals: Approval[];
      /** False when the page cap stopped the walk before `nextCursor` ran out. */
      complete: boolean;
      pages: number;
      serverOffsetMs: number | null;
      bytes: number;
      /** The ETag of a list that came whole in one page, to send back as If-None-Match; else null. */
      etag: string | null;
      /** The server's poll-interval hint in seconds (POLL_INTERVAL_HEADER), when sent. */
      pollIntervalSec: number | null;
    }
  | { ok: false; error: ApiError; pages: number };

/** The server's 304 to If-None-Match: the list is what it was when it sent that ETag. */
export interface UnchangedList {
  ok: true;
  unchanged: true;
  pages: 1;
  serverOffsetMs: number | null;
  pollIntervalSec: number | null;
}

export function listPendingApprovals(
  config: ApiConfig,
  options: { signal?: AbortSignal; pageCap?: number } = {},
): Promise<ListResult> {
  // Without an ETag sent, no answer reads as unchanged.
  return listPendingApprovalsIfChanged(config, null, options) as Promise<ListResult>;
}

/** listPendingApprovals, sending `ifNoneMatch` (the ETag of the last whole list) with the first page. */
export async function listPendingApprovalsIfChanged(
  config: ApiConfig,
  ifNoneMatch: string | null,
  options: { signal?: AbortSignal; pageCap?: number } = {},
): Promise<ListResult | UnchangedList> {
  const pageCap = options.pageCap ?? LIST_PAGE_CAP;
  const approvals: Approval[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  let serverOffsetMs: number | null = null;
  let pollIntervalSec: number | null = null;
  let bytes = 0;
  for (let pages = 1; ; pages++) {
    const result = await apiGetIfChanged(config, '/approvals', approvalListSchema, {
      query: { status: 'pending', limit: LIST_PAGE_LIMIT, cursor },
      signal: options.signal,
      notFound: 'unsupported',
      ifNoneMatch: pages === 1 ? ifNoneMatch : null,
    });
    if (!result.ok) return { ok: false, error: result.error, pages };
    serverOffsetMs = result.meta.serverOffsetMs ?? serverOffsetMs;
    pollIntervalSec = result.meta.pollIntervalSec ?? pollIntervalSec;
    if (!result.data) return { ok: true, unchanged: true, pages: 1, serverOffsetMs, pollIntervalSec };
    bytes += result.meta.bytes;
    for (const approval of result.data.approvals) {
      if (!seen.has(approval.id)) {
        seen.add(approval.id);
        approvals.push(approval);
      }
    }
    const next = result.data.nextCursor;
    const done = { ok: true as const, approvals, pages, serverOffsetMs, bytes, pollIntervalSec };
    // A cursor that does not move would loop for ever: treat it as the end.
    if (!next || next === cursor) return { ...done, complete: true, etag: pages === 1 ? result.meta.etag : null };
    if (pages >= pageCap) return { ...done, complete: false, etag: null };
    cursor = next;
  }
}

export function getApproval(config: ApiConfig, approvalId: string, signal?: AbortSignal) {
  return apiGet(config, `/approvals/${encodeURIComponent(approvalId)}`, approvalEnvelopeSchema, { signal });
}
