/**
 * How the background learns what became of the approvals it listed (the `outcomes` part,
 * lib/outcomes.ts). Pure: the lists, the words OpenTrain sent and the reads' answers come in,
 * the new memory goes out; the background does the reading and the storing.
 *
 * What it learns from, best first:
 * - an `approval.confirmed` event on /updates (it fires for confirmed, declined and expired);
 * - an approval read (GET /approvals/{id}) that answers a terminal status: tracked mode's reads,
 *   the approval page's panel, and the reads below;
 * - an approval that leaves the pending list: if it was still listed as pending at or after its
 *   expiry, it expired (nobody can confirm it after that); otherwise it resolved, and one read
 *   says how (an approval confirmed in the last minute before its expiry leaves the list too).
 *   Until a read answers, it waits in the `resolving` part, read again at later polls; OpenTrain
 *   answering 404 (the token may not see it) drops it: its status is never guessed.
 * - an approval still listed as pending in a list fetched after its expiry: expired.
 * Only approvals that were in the pending list are recorded, each once (the status of a
 * resolved approval does not change), with the row it had.
 */
import * as z from 'zod/mini';
import { approvalResolvedDataSchema, type Approval, type UpdateEvent } from './api/schemas';
import { idRecord, idRecordSchema } from './id-record';
import {
  type Outcome,
  type Outcomes,
  type OutcomeStatus,
  outcomeStatusOf,
  RECENT_FOR_MS,
  recordOutcomes,
} from './outcomes';
import { type PopupList, type PopupRow, popupRowSchema } from './popup-list';

/**
 * Reads of approvals that left the list, at most this many a poll, out of the poll's read budget
 * (lib/enrich.ts CONTEXT_READS_PER_POLL): the context of new approvals keeps the rest.
 */
export const OUTCOME_READS_PER_POLL = 10;

/** What OpenTrain said became of an approval. */
export interface Resolution {
  id: string;
  status: OutcomeStatus;
  /** When it resolved, on the server's clock (ms), when it said. */
  serverAt: number | null;
}

const parsedTime = (text: string | null | undefined): number | null => {
  const ms = text ? Date.parse(text) : Number.NaN;
  return Number.isNaN(ms) ? null : ms;
};

/** An `approval.confirmed` event, in either documented form; null for any other event. */
export function resolutionOfEvent(event: UpdateEvent): Resolution | null {
  if (event.type !== 'approval.confirmed') return null;
  const data = approvalResolvedDataSchema.safeParse(event.data);
  const status = data.success ? outcomeStatusOf(data.data.status) : null;
  if (!data.success || !status) return null;
  return { id: data.data.approvalId, status, serverAt: parsedTime(event.createdAt) };
}

/** An approval as read: a resolution when it is no longer pending. */
export function resolutionOfApproval(approval: Pick<Approval, 'id' | 'status' | 'resolvedAt'>): Resolution | null {
  const status = outcomeStatusOf(approval.status);
  return status && { id: approval.id, status, serverAt: parsedTime(approval.resolvedAt) };
}

/** Approvals that left the list before their expiry, whose status a read is still to tell. */
export const resolvingSchema = idRecordSchema(
  z.object({
    row: popupRowSchema,
    /** The reviewer had been notified about it (kept: `notified` forgets it a day after it left). */
    announced: z.boolean(),
    /** When it left the list (local ms). */
    since: z.number(),
  }),
);
export type Resolving = z.infer<typeof resolvingSchema>;

/** What the background remembers about outcomes: the recorded ones, and the ones still to read. */
export interface OutcomeMemory {
  outcomes: Outcomes;
  resolving: Resolving;
}

/** The part of the `notified` record (lib/state.ts) that says whether the reviewer was told about an approval. */
export type NotifiedLike = Readonly<Record<string, { new?: number; reminder?: number }>>;

/** The reviewer was notified about it: announced as new, or reminded. */
export function wasAnnounced(notified: NotifiedLike, id: string): boolean {
  const entry = Object.hasOwn(notified, id) ? notified[id] : undefined;
  return entry?.new !== undefined || entry?.reminder !== undefined;
}

/** The server's time as local ms, never later than now. */
const localTime = (serverAt: number | null, offsetMs: number, nowMs: number) =>
  serverAt === null ? nowMs : Math.min(serverAt - offsetMs, nowMs);

/** Listed as pending in a list fetched at or after its expiry (server time): it can only have expired. */
function listedPastExpiry(row: PopupRow, list: NonNullable<PopupList>): boolean {
  const expiry = Date.parse(row.expiresAt);
  return !Number.isNaN(expiry) && expiry <= list.fetchedAt + list.serverOffsetMs;
}

/** Records resolutions into a copy of the memory, each approval once, and only those with a row. */
function recorder(memory: OutcomeMemory, notified: NotifiedLike, rows: ReadonlyMap<string, PopupRow>) {
  const known = new Set(memory.outcomes.map((outcome) => outcome.row.id));
  const resolving = idRecord(Object.entries(memory.resolving));
  const fresh: Outcome[] = [];
  return {
    resolving,
    known: (id: string) => known.has(id),
    settle(id: string, status: OutcomeStatus, resolvedAt: number) {
      const row = resolving[id]?.row ?? rows.get(id);
      if (!known.has(id) && row) {
        fresh.push({ row, status, resolvedAt, announced: resolving[id]?.announced ?? wasAnnounced(notified, id) });
        known.add(id);
      }
      delete resolving[id];
    },
    done(nowMs: number): OutcomeMemory {
      for (const [id, entry] of Object.entries(resolving)) {
        if (nowMs - entry.since >= RECENT_FOR_MS) delete resolving[id];
      }
      return { outcomes: recordOutcomes(memory.outcomes, fresh, nowMs), resolving };
    },
  };
}

export interface PollLearning extends OutcomeMemory {
  /** The stored list before this poll (null before the first, or after the token or URL changed). */
  previous: PopupList;
  /** The list this poll stored. */
  current: NonNullable<PopupList>;
  /** What the poll's own answers said (tracked mode: the event feed and its reads). */
  resolutions: readonly Resolution[];
  notified: NotifiedLike;
  nowMs: number;
}

/** What a successful poll teaches: its resolutions, the approvals that left the list, the ones listed past expiry. */
export function learnFromPoll(input: PollLearning): OutcomeMemory {
  const { previous, current, nowMs } = input;
  const rows = new Map([...(previous?.rows ?? []), ...current.rows].map((row) => [row.id, row]));
  const learn = recorder(input, input.notified, rows);
  // Pending when the last list was fetched, it cannot have resolved before (whatever a clock says).
  const notBefore = previous?.fetchedAt ?? Number.NEGATIVE_INFINITY;
  for (const { id, status, serverAt } of input.resolutions) {
    learn.settle(id, status, Math.max(notBefore, localTime(serverAt, current.serverOffsetMs, nowMs)));
  }
  const listed = new Set(current.rows.map((row) => row.id));
  // A list cut at the page cap says nothing about what is missing from it.
  if (previous && current.complete) {
    for (const row of previous.rows) {
      if (listed.has(row.id) || learn.known(row.id)) continue;
      if (listedPastExpiry(row, previous)) {
        learn.settle(row.id, 'expired', Date.parse(row.expiresAt) - previous.serverOffsetMs);
      } else {
        learn.resolving[row.id] ??= { row, announced: wasAnnounced(input.notified, row.id), since: nowMs };
      }
    }
  }
  for (const row of current.rows) {
    delete learn.resolving[row.id]; // listed again: not resolved after all
    if (!learn.known(row.id) && listedPastExpiry(row, current)) {
      learn.settle(row.id, 'expired', Date.parse(row.expiresAt) - current.serverOffsetMs);
    }
  }
  return learn.done(nowMs);
}

/** The approvals to read this poll: the ones that left the list longest ago first. */
export function readsDue(resolving: Resolving, max = OUTCOME_READS_PER_POLL): string[] {
  return Object.entries(resolving)
    .sort(([a, x], [b, y]) => x.since - y.since || (a < b ? -1 : 1))
    .slice(0, max)
    .map(([id]) => id);
}

/**
 * How a read of an approval that left the list answered: the approval, `gone` (404: this token
 * may not see it; never guessed), or `retry` (a failure worth another try at a later poll).
 */
export type OutcomeRead = { id: string; read: Approval | 'gone' | 'retry' };

export interface ReadLearning extends OutcomeMemory {
  reads: readonly OutcomeRead[];
  notified: NotifiedLike;
  /** The server's clock offset, for its resolvedAt. */
  serverOffsetMs: number;
  nowMs: number;
}

export function learnFromReads(input: ReadLearning): OutcomeMemory {
  const learn = recorder(input, input.notified, new Map());
  for (const { id, read } of input.reads) {
    if (read === 'retry') continue;
    const resolution = read === 'gone' ? null : resolutionOfApproval(read);
    if (resolution)
      learn.settle(id, resolution.status, localTime(resolution.serverAt, input.serverOffsetMs, input.nowMs));
    // Still pending, though it left the list: the list will show it again; or not to be known.
    else delete learn.resolving[id];
  }
  return learn.done(input.nowMs);
}

export interface ApprovalLearning extends OutcomeMemory {
  approval: Approval;
  /** The pending list's rows: an approval read while still listed keeps its row. */
  rows: readonly PopupRow[];
  notified: NotifiedLike;
  serverOffsetMs: number;
  nowMs: number;
}

/** One approval read for another reason (the approval page's panel): recorded if it resolved and was listed. */
export function learnFromApproval(input: ApprovalLearning): OutcomeMemory | null {
  const resolution = resolutionOfApproval(input.approval);
  if (!resolution) return null;
  const rows = new Map(input.rows.map((row) => [row.id, row]));
  const learn = recorder(input, input.notified, rows);
  if (learn.known(resolution.id) || !(rows.has(resolution.id) || resolution.id in learn.resolving)) return null;
  learn.settle(resolution.id, resolution.status, localTime(resolution.serverAt, input.serverOffsetMs, input.nowMs));
  return learn.done(input.nowMs);
}
