/**
 * THE ASSUMPTION about listing pending approvals lives here and nowhere else.
 *
 * OpenTrain's documentation shows only `GET /approvals/{id}`. We assume the API's usual
 * conventions for a list: `GET /approvals?status=pending&limit=100&cursor=…` answering
 * `{ approvals: [...], nextCursor }`. An origin that answers the route itself with 404 or
 * 405 has no list route: the caller then switches to tracked mode (docs/opentrain-api.md).
 */
import type { ApiError } from './errors';
import { apiGet, type ApiConfig } from './request';
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
    }
  | { ok: false; error: ApiError; pages: number };

export async function listPendingApprovals(
  config: ApiConfig,
  options: { signal?: AbortSignal; pageCap?: number } = {},
): Promise<ListResult> {
  const pageCap = options.pageCap ?? LIST_PAGE_CAP;
  const approvals: Approval[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  let serverOffsetMs: number | null = null;
  let bytes = 0;
  for (let pages = 1; ; pages++) {
    const result = await apiGet(config, '/approvals', approvalListSchema, {
      query: { status: 'pending', limit: LIST_PAGE_LIMIT, cursor },
      signal: options.signal,
      notFound: 'unsupported',
    });
    if (!result.ok) return { ok: false, error: result.error, pages };
    serverOffsetMs = result.meta.serverOffsetMs ?? serverOffsetMs;
    bytes += result.meta.bytes;
    for (const approval of result.data.approvals) {
      if (!seen.has(approval.id)) {
        seen.add(approval.id);
        approvals.push(approval);
      }
    }
    const next = result.data.nextCursor;
    // A cursor that does not move would loop for ever: treat it as the end.
    if (!next || next === cursor) return { ok: true, approvals, complete: true, pages, serverOffsetMs, bytes };
    if (pages >= pageCap) return { ok: true, approvals, complete: false, pages, serverOffsetMs, bytes };
    cursor = next;
  }
}

export function getApproval(config: ApiConfig, approvalId: string, signal?: AbortSignal) {
  return apiGet(config, `/approvals/${encodeURIComponent(approvalId)}`, approvalEnvelopeSchema, { signal });
}
