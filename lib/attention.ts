/**
 * The reviewer's attention: approvals snoozed from the popup, and notifications paused. Stored as
 * the `attention` part, written by the popup (the background only reads it), so entries that have
 * run out are pruned when the popup next writes. Pure: time, the server's clock offset and the
 * time zone are passed in.
 *
 * The rule that matters: nothing may let an approval expire unseen. A snooze never runs past the
 * approval's reminder time (its expiry less the reminder lead), however it was chosen or stored.
 */
import * as z from 'zod/mini';
import { msUntilExpiry } from './expiry';
import { idRecord, idRecordSchema } from './id-record';
import { atWallClock } from './local-time';
import { HOUR, MINUTE } from './time';

export const SNOOZE_CHOICES = ['1h', '4h', 'tomorrow', 'reminder'] as const;
export type SnoozeChoice = (typeof SNOOZE_CHOICES)[number];

export const PAUSE_CHOICES = ['1h', 'tomorrow'] as const;
export type PauseChoice = (typeof PAUSE_CHOICES)[number];

/** "Until tomorrow" means tomorrow at this local time, in minutes after midnight. */
export const TOMORROW_AT_MIN = 9 * 60;

export const attentionSchema = z.object({
  /** Approval id → when its snooze ends (local ms) and when it was set. */
  snoozed: idRecordSchema(z.object({ until: z.number(), at: z.number() })),
  /** Desktop notifications are held until this moment (local ms), or null. */
  pausedUntil: z.nullable(z.number()),
});
export type Attention = z.infer<typeof attentionSchema>;

export function defaultAttention(): Attention {
  return { snoozed: idRecord(), pausedUntil: null };
}

/** What the snooze rules need to know about an approval and the reviewer. */
export interface SnoozeContext {
  nowMs: number;
  expiresAt: string;
  serverOffsetMs: number;
  reminderLeadMin: number;
  timeZone: string;
}

/** When the approval's reminder falls due (local ms), or NaN when its expiry is unreadable. */
export function reminderAt(expiresAt: string, nowMs: number, serverOffsetMs: number, reminderLeadMin: number): number {
  return nowMs + msUntilExpiry(expiresAt, nowMs, serverOffsetMs) - reminderLeadMin * MINUTE;
}

/**
 * When a snooze chosen now ends, capped at the reminder; null when it cannot be snoozed (the
 * reminder is due, or the expiry is unreadable, so nothing may hide it).
 */
export function snoozeUntil(choice: SnoozeChoice, ctx: SnoozeContext): number | null {
  const cap = reminderAt(ctx.expiresAt, ctx.nowMs, ctx.serverOffsetMs, ctx.reminderLeadMin);
  if (!(cap > ctx.nowMs)) return null;
  const wanted =
    choice === '1h'
      ? ctx.nowMs + HOUR
      : choice === '4h'
        ? ctx.nowMs + 4 * HOUR
        : choice === 'tomorrow'
          ? atWallClock(ctx.nowMs, ctx.timeZone, 1, TOMORROW_AT_MIN)
          : cap;
  return Math.min(wanted, cap);
}

/** The snooze in force for an approval now (its end, capped at the reminder), or null. */
export function activeSnoozeUntil(
  attention: Attention,
  approval: { id: string; expiresAt: string },
  ctx: Omit<SnoozeContext, 'expiresAt' | 'timeZone'>,
): number | null {
  const entry = attention.snoozed[approval.id];
  if (!entry) return null;
  const until = Math.min(
    entry.until,
    reminderAt(approval.expiresAt, ctx.nowMs, ctx.serverOffsetMs, ctx.reminderLeadMin),
  );
  return until > ctx.nowMs ? until : null;
}

/** Snoozes that have run out are dropped, so the stored record stays small. */
function pruned(snoozed: Attention['snoozed'], nowMs: number): Attention['snoozed'] {
  return idRecord(Object.entries(snoozed).filter(([, entry]) => entry.until > nowMs));
}

export function snooze(attention: Attention, id: string, until: number, nowMs: number): Attention {
  const snoozed = pruned(attention.snoozed, nowMs);
  snoozed[id] = { until, at: nowMs };
  return { ...attention, snoozed };
}

export function unsnooze(attention: Attention, id: string, nowMs: number): Attention {
  const snoozed = pruned(attention.snoozed, nowMs);
  delete snoozed[id];
  return { ...attention, snoozed };
}

export function pauseUntil(choice: PauseChoice, nowMs: number, timeZone: string): number {
  return choice === '1h' ? nowMs + HOUR : atWallClock(nowMs, timeZone, 1, TOMORROW_AT_MIN);
}

export function isPaused(attention: Attention, nowMs: number): boolean {
  return attention.pausedUntil !== null && attention.pausedUntil > nowMs;
}
