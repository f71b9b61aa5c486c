/**
 * The approval the "open the most urgent approval" shortcut opens: the pending one that expires
 * soonest and is not snoozed; when every one is snoozed, the soonest anyway (the reviewer asked
 * for one). An expiry OpenTrain sent unreadably counts as last. Pure: the clock is passed in.
 */
import { activeSnoozeUntil, type Attention } from './attention';
import { byExpiry, isLive } from './expiry';
import type { PopupList, PopupRow } from './popup-list';

export interface UrgencyContext {
  nowMs: number;
  /** The reviewer's reminder lead (a snooze never runs past the reminder). */
  reminderLeadMin: number;
}

export function mostUrgent(list: NonNullable<PopupList>, attention: Attention, ctx: UrgencyContext): PopupRow | null {
  const serverOffsetMs = list.serverOffsetMs;
  const pending = list.rows.filter((row) => isLive(row, ctx.nowMs, serverOffsetMs)).sort(byExpiry);
  const awake = pending.filter((row) => activeSnoozeUntil(attention, row, { ...ctx, serverOffsetMs }) === null);
  return awake[0] ?? pending[0] ?? null;
}
