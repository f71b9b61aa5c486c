/**
 * One poll: read the pending approvals in the mode the origin supports, and return the
 * new list or the error. Pure over the API port it is given; the caller persists and schedules.
 *
 * - list mode: the (assumed) list route, every page.
 * - tracked mode, once the list route answered 404 or 405 on polls in a row: the approvals the
 *   reviewer opened or pasted, each read once with GET /approvals/{id}; resolutions learned
 *   from /updates. The list route is probed again soon, then less and less often.
 */
import { isCredentialError, type ApiError } from './api/errors';
import { approvalResolvedDataSchema, type Approval } from './api/schemas';
import { mapLimited } from './concurrency';
import { isLive } from './expiry';
import { type Resolution, resolutionOfApproval, resolutionOfEvent } from './outcome-learning';
import type { OpenTrainApi } from './opentrain-api';
import type { PollStatus, Tracking } from './poll-record';
import type { Listed } from './popup-list';
import { LIST_MISSES_TO_TRACK, listReprobeDelay } from './schedule';
import { observeServerOffset, type ServerClock } from './server-clock';

export const UPDATES_PAGE_CAP = 10;
export const READS_IN_FLIGHT = 3;

/** Where polling stands with the list route. */
type ListProbe = Pick<PollStatus, 'mode' | 'listProbeAt' | 'listMisses'>;

export interface PollInput extends ListProbe {
  api: OpenTrainApi;
  nowMs: number;
  /** The last good list (always from the current URL and token: it is dropped when they change). */
  listed: Listed | null;
  tracking: Tracking;
  serverClock: ServerClock;
  signal?: AbortSignal;
}

export type PollOutcome = (
  | {
      ok: true;
      approvals: Approval[];
      complete: boolean;
      /** The clock after this poll's answers (one observation per poll: lib/server-clock.ts). */
      serverClock: ServerClock;
      /** The list's ETag (a whole list in one page only), to send back next time. */
      etag: string | null;
      /** The list route's poll-interval hint, in seconds. */
      pollIntervalSec: number | null;
      /** What this poll's answers said became of approvals (tracked mode: the event feed, its reads). */
      resolutions: Resolution[];
    }
  | { ok: false; error: ApiError }
) &
  ListProbe & { tracking: Tracking; requests: number };

export async function pollOnce(input: PollInput): Promise<PollOutcome> {
  const { nowMs } = input;
  const probeList =
    input.mode === 'list' ||
    input.listProbeAt == null ||
    nowMs - input.listProbeAt >= listReprobeDelay(input.listMisses);
  let requests = 0;
  if (probeList) {
    const previous = input.listed;
    const listed = await input.api.listPendingApprovals({ ifNoneMatch: previous?.etag ?? null, signal: input.signal });
    requests += listed.pages;
    if (listed.ok) {
      const answered = {
        ok: true as const,
        mode: 'list' as const,
        listProbeAt: null,
        listMisses: 0,
        serverClock: observeServerOffset(input.serverClock, listed.serverOffsetMs),
        pollIntervalSec: listed.pollIntervalSec,
        tracking: input.tracking,
        requests,
        resolutions: [],
      };
      // 304: the last list stands (only a whole list from the list route was sent with its ETag).
      if ('unchanged' in listed) {
        const { approvals = [], complete = true, etag = null } = previous ?? {};
        return { ...answered, approvals: [...approvals], complete, etag };
      }
      // The route was asked for pending ones only; a server that ignores the filter changes nothing.
      const approvals = listed.approvals.filter((a) => a.status === 'pending');
      return { ...answered, approvals, complete: listed.complete, etag: listed.etag };
    }
    const missing = listed.error.kind === 'unsupported';
    const listMisses = missing ? input.listMisses + 1 : input.listMisses;
    // Another failure, or a 404 not yet confirmed by the next poll: a failed poll, the last list kept.
    if (!missing || (input.mode === 'list' && listMisses < LIST_MISSES_TO_TRACK)) {
      const { mode, listProbeAt } = input;
      return { ok: false, error: listed.error, mode, listProbeAt, listMisses, tracking: input.tracking, requests };
    }
    return pollTracked(input, { mode: 'tracked', listProbeAt: nowMs, listMisses }, requests);
  }
  return pollTracked(
    input,
    { mode: 'tracked', listProbeAt: input.listProbeAt, listMisses: input.listMisses },
    requests,
  );
}

async function pollTracked(input: PollInput, probe: ListProbe, requestsSoFar: number): Promise<PollOutcome> {
  const { api, signal } = input;
  const enteringTrackedMode = input.mode === 'list';
  let requests = requestsSoFar;
  const failed = (error: ApiError): PollOutcome => ({
    ok: false,
    error,
    ...probe,
    tracking: input.tracking,
    requests,
  });
  const previous = input.listed?.approvals ?? [];
  // Coming from list mode: keep following what the list last showed.
  const ids = new Set([...input.tracking.ids, ...(enteringTrackedMode ? previous.map((a) => a.id) : [])]);
  // The server's clock as the last answer of this poll showed it.
  let observed: number | null = null;

  // Resolutions: approval.confirmed fires for confirmed, declined and expired alike.
  const resolved = new Set<string>();
  const resolutions: Resolution[] = [];
  let cursor = input.tracking.updatesCursor ?? undefined;
  for (let page = 0; page < UPDATES_PAGE_CAP; page++) {
    const updates = await api.getUpdates(cursor, signal);
    requests++;
    if (!updates.ok) return failed(updates.error);
    observed = updates.meta.serverOffsetMs ?? observed;
    for (const event of updates.data.events) {
      if (event.type !== 'approval.confirmed') continue;
      const data = approvalResolvedDataSchema.safeParse(event.data);
      if (data.success && data.data.status.toLowerCase() !== 'pending') resolved.add(data.data.approvalId);
      const resolution = resolutionOfEvent(event);
      if (resolution) resolutions.push(resolution);
    }
    cursor = updates.data.nextCursor ?? cursor;
    if (!updates.data.hasMore || !updates.data.events.length) break;
  }

  const known = new Map(previous.filter((a) => ids.has(a.id) && !resolved.has(a.id)).map((a) => [a.id, a]));
  const unread = [...ids].filter((id) => !known.has(id) && !resolved.has(id));
  const reads = await mapLimited(unread, READS_IN_FLIGHT, (id) => api.getApproval(id, signal));
  requests += reads.length;
  let firstError: ApiError | null = null;
  const stillTracked = new Set([...ids].filter((id) => !resolved.has(id)));
  for (const [index, read] of reads.entries()) {
    const id = unread[index]!;
    if (read.ok) {
      observed = read.meta.serverOffsetMs ?? observed;
      const resolution = resolutionOfApproval(read.data.approval);
      if (resolution) resolutions.push(resolution);
      if (read.data.approval.status === 'pending') known.set(id, read.data.approval);
      else stillTracked.delete(id);
    } else if (read.error.kind === 'not_found') {
      stillTracked.delete(id);
    } else {
      firstError ??= read.error;
    }
  }
  // A token problem, or every read failing, is a failed poll; one unreadable id is not.
  if (firstError && (isCredentialError(firstError) || reads.every((r) => !r.ok))) return failed(firstError);
  const approvals = [...known.values()];
  const serverClock = observeServerOffset(input.serverClock, observed);
  for (const approval of approvals) {
    if (!isLive(approval, input.nowMs, serverClock.offsetMs)) stillTracked.delete(approval.id);
  }
  return {
    ok: true,
    ...probe,
    approvals: approvals.filter((a) => stillTracked.has(a.id)),
    complete: true,
    serverClock,
    etag: null,
    pollIntervalSec: null,
    tracking: { ...input.tracking, ids: [...stillTracked], updatesCursor: cursor ?? null },
    requests,
    resolutions,
  };
}
