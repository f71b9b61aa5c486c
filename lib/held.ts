/**
 * Notifications held while the reviewer paused them (popup) or during quiet hours (Options): what
 * would have been announced or reminded meanwhile, for ONE summary notification when the pause or
 * the quiet hours end. Stored as the background-owned `held` part; `notified` stays the memory of
 * what was announced, so nothing held is announced again later. Pure: time and zone passed in.
 */
import * as z from 'zod/mini';
import { isPaused, type Attention } from './attention';
import { idRecord, idRecordSchema } from './id-record';
import { isQuiet, quietEndsAt } from './quiet-hours';
import type { QuietHours } from './settings';

export const MUTE_REASONS = ['paused', 'quiet'] as const;
export type MuteReason = (typeof MUTE_REASONS)[number];

export const heldSchema = z.object({
  /** Why the first of them was held: the summary's title says so. */
  reason: z.nullable(z.enum(MUTE_REASONS)),
  /** Approval id → when its announcement, and its reminder, would have been shown (local ms). */
  approvals: idRecordSchema(z.object({ new: z.optional(z.number()), reminder: z.optional(z.number()) })),
});
export type Held = z.infer<typeof heldSchema>;

export function defaultHeld(): Held {
  return { reason: null, approvals: idRecord() };
}

/** Notifications are held now: why, and when that ends (Infinity: not by itself). */
export interface Muted {
  reason: MuteReason;
  until: number;
}

/**
 * Whether desktop notifications are held now: paused from the popup, or quiet hours. When both,
 * the pause names it, and `until` is the sooner end (the next moment to look again).
 */
export function mutedNow(attention: Attention, quietHours: QuietHours, nowMs: number, timeZone: string): Muted | null {
  const quietUntil = isQuiet(quietHours, nowMs, timeZone) ? quietEndsAt(quietHours, nowMs, timeZone) : null;
  if (isPaused(attention, nowMs)) {
    return { reason: 'paused', until: Math.min(attention.pausedUntil!, quietUntil ?? Number.POSITIVE_INFINITY) };
  }
  return quietUntil === null ? null : { reason: 'quiet', until: quietUntil };
}
