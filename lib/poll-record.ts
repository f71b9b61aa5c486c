/**
 * What polling remembers (the status, the approvals followed in tracked mode; the last good list
 * is stored as the popup's rows, lib/popup-list.ts) and how one finished poll changes it, with
 * when to poll next.
 */
import * as z from 'zod/mini';
import { apiErrorSchema, isCredentialError } from './api/errors';
import { idRecord, idRecordSchema } from './id-record';
import type { PollOutcome } from './poll-cycle';
import type { Listed } from './popup-list';
import { nextPollDelay, pollIntervalMs } from './schedule';
import { serverClockSchema, UNKNOWN_SERVER_CLOCK } from './server-clock';

export const pollStatusSchema = z.object({
  mode: z.enum(['list', 'tracked']),
  lastAttemptAt: z.nullable(z.number()),
  lastSuccessAt: z.nullable(z.number()),
  failures: z.number(),
  error: z.nullable(z.object({ error: apiErrorSchema, at: z.number() })),
  nextPollAt: z.nullable(z.number()),
  /**
   * The earliest time the next request may go, whatever asks for it (the alarm, the popup, a
   * worker start, a tracked approval, the panel): set by Retry-After and by the backoff after
   * failures, cleared by a successful poll. The popup can say "next try at …" from it.
   */
  notBefore: z._default(z.nullable(z.number()), null),
  /** When tracked mode last tried the list route again. */
  listProbeAt: z.nullable(z.number()),
  /** Polls in a row on which the list route answered 404 or 405 (lib/schedule.ts: when to switch, when to retry). */
  listMisses: z._default(z.number(), 0),
  /** The list route's poll-interval hint in seconds (POLL_INTERVAL_HEADER), honoured when longer than the interval. */
  serverIntervalSec: z._default(z.nullable(z.number()), null),
  /** How far OpenTrain's clock is from this one, as far as it is trusted (lib/server-clock.ts). */
  serverClock: z._default(serverClockSchema, UNKNOWN_SERVER_CLOCK),
  /**
   * A problem of the extension's own rather than an answer from OpenTrain. `origin_changed`: the
   * settings name another URL than the one the token was saved for, so nothing is sent anywhere.
   * `storage`: the browser refused to store the latest list (the last stored one is still shown).
   */
  problem: z._default(z.nullable(z.object({ kind: z.enum(['origin_changed', 'storage']), at: z.number() })), null),
});
export type PollStatus = z.infer<typeof pollStatusSchema>;

export const trackingSchema = z.object({
  ids: z.array(z.string()),
  updatesCursor: z.nullable(z.string()),
  /** Job titles by job id. */
  jobTitles: idRecordSchema(z.string()),
  jobTitlesAt: z.nullable(z.number()),
});
export type Tracking = z.infer<typeof trackingSchema>;

export function defaultPollStatus(): PollStatus {
  return {
    mode: 'list',
    lastAttemptAt: null,
    lastSuccessAt: null,
    failures: 0,
    error: null,
    nextPollAt: null,
    notBefore: null,
    listProbeAt: null,
    listMisses: 0,
    serverIntervalSec: null,
    serverClock: UNKNOWN_SERVER_CLOCK,
    problem: null,
  };
}

export function defaultTracking(): Tracking {
  return { ids: [], updatesCursor: null, jobTitles: idRecord(), jobTitlesAt: null };
}

export interface RecordInput {
  outcome: PollOutcome;
  /** The status and tracking as they are now, when the poll has finished. */
  pollStatus: PollStatus;
  tracking: Tracking;
  /** The ids tracked when the poll started: ones reported since (the panel, a pasted link) are kept. */
  trackedAtStart: readonly string[];
  nowMs: number;
  /** The reviewer's interval (the server's hint, when longer, is applied here). */
  intervalMs: number;
  /** A number in [0, 1) for the jitter. */
  random: number;
}

export interface PollRecord {
  /** The new list, after a successful poll. */
  listed?: Listed;
  pollStatus: PollStatus;
  tracking: Tracking;
  /** Null after a credential error: polling stops until the token or URL changes. */
  nextPollDelayMs: number | null;
}

export function recordPoll(input: RecordInput): PollRecord {
  const { outcome, nowMs, random } = input;
  const hintSec = outcome.ok ? outcome.pollIntervalSec : input.pollStatus.serverIntervalSec;
  const intervalMs = pollIntervalMs(input.intervalMs, hintSec);
  const startedWith = new Set(input.trackedAtStart);
  const reportedMeanwhile = input.tracking.ids.filter((id) => !startedWith.has(id));
  const tracking = { ...outcome.tracking, ids: [...reportedMeanwhile, ...outcome.tracking.ids] };
  const probe = { mode: outcome.mode, listProbeAt: outcome.listProbeAt, listMisses: outcome.listMisses };

  if (!outcome.ok) {
    const failures = input.pollStatus.failures + 1;
    const { error } = outcome;
    const offline = error.kind === 'network';
    const delay = isCredentialError(error)
      ? null
      : nextPollDelay({
          intervalMs,
          failures,
          retryAfterMs: error.kind === 'rate_limited' ? error.retryAfterMs : null,
          random,
          offline,
        });
    // What never reached OpenTrain (offline) holds nothing back; what it refused or failed does.
    const notBefore = delay != null && !offline ? nowMs + delay : null;
    return {
      tracking,
      pollStatus: { ...input.pollStatus, ...probe, failures, error: { error, at: nowMs }, notBefore },
      nextPollDelayMs: delay,
    };
  }
  return {
    listed: {
      fetchedAt: nowMs,
      serverOffsetMs: outcome.serverClock.offsetMs,
      approvals: outcome.approvals,
      complete: outcome.complete,
      etag: outcome.etag,
    },
    tracking,
    // A storage problem is over once this list is stored; the poller says so again if it is not.
    pollStatus: {
      ...input.pollStatus,
      ...probe,
      serverClock: outcome.serverClock,
      serverIntervalSec: outcome.pollIntervalSec,
      lastSuccessAt: nowMs,
      failures: 0,
      error: null,
      notBefore: null,
      problem: null,
    },
    nextPollDelayMs: nextPollDelay({ intervalMs, failures: 0, random }),
  };
}
