/**
 * What became of approvals: the last week's resolved ones (confirmed, declined, expired), for the
 * popup's "Recent" view. The background learns them from `approval.confirmed` events on /updates
 * (which fire for every terminal state), from the approval reads it already makes, and from an
 * approval passing its expiry while listed. Each keeps the row it had while pending, so the
 * popup words it like the pending list.
 */
import * as z from 'zod/mini';
import { popupRowSchema } from './popup-list';
import { DAY } from './time';

/** How long a resolved approval stays in "Recent". */
export const RECENT_FOR_MS = 7 * DAY;
/** At most this many are kept (the newest), however many resolved in the week. */
export const RECENT_MAX = 200;

export const OUTCOME_STATUSES = ['confirmed', 'declined', 'expired'] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

/** A terminal status as OpenTrain words it, in either case; null for `pending` or one this version does not know. */
export function outcomeStatusOf(status: string): OutcomeStatus | null {
  const lower = status.toLowerCase();
  return (OUTCOME_STATUSES as readonly string[]).includes(lower) ? (lower as OutcomeStatus) : null;
}

export const outcomeSchema = z.object({
  /** The approval as its popup row showed it while it was pending. */
  row: popupRowSchema,
  status: z.enum(OUTCOME_STATUSES),
  /** When it resolved (local ms): the server's resolvedAt when known, else when the extension learnt it. */
  resolvedAt: z.number(),
  /** The reviewer was notified about it while it was pending. */
  announced: z.boolean(),
  /** When "expired without a decision" was shown for it (lib/outcome-notifications.ts); never twice. */
  noticeShownAt: z.optional(z.number()),
});
export type Outcome = z.infer<typeof outcomeSchema>;

/** Newest first. */
export const outcomesSchema = z.array(outcomeSchema);
export type Outcomes = z.infer<typeof outcomesSchema>;

/**
 * Adds what resolved to what was known: one entry per approval (the latest word wins), newest
 * first, only the last week's, at most RECENT_MAX.
 */
export function recordOutcomes(known: Outcomes, resolved: readonly Outcome[], nowMs: number): Outcomes {
  const byId = new Map(known.map((outcome) => [outcome.row.id, outcome]));
  for (const outcome of resolved) byId.set(outcome.row.id, outcome);
  return [...byId.values()]
    .filter((outcome) => nowMs - outcome.resolvedAt < RECENT_FOR_MS)
    .sort((a, b) => b.resolvedAt - a.resolvedAt)
    .slice(0, RECENT_MAX);
}
