/**
 * The reviewer's settings: their stored shape, defaults and limits, in one place for both
 * the options form (which clamps what is typed) and the background (which clamps what it uses).
 */
import * as z from 'zod/mini';
import { checkOrigin, DEFAULT_ORIGIN } from './api/origin';
import { KNOWN_TYPES } from './approval-text';
import { HOUR } from './time';

/** How often to poll, in seconds. The floor is the browser's (see minIntervalSec). */
export const INTERVAL_SEC = { default: 60, max: HOUR / 1000 } as const;
/** How long before an approval expires its reminder comes, in minutes. */
export const REMINDER_LEAD_MIN = { default: 120, min: 5, max: 24 * 60 } as const;

/** While paused or quiet, or filtered out, an approval expiring within this is still notified (with breakThrough on). */
export const BREAK_THROUGH_WITHIN_MS = HOUR;

// Limits are applied where values are typed and used, not here: a stored value out of range
// must not reset the whole part (URL and account with it).
/** Quiet hours: on the days listed, from start to end (local minutes after midnight; end before start runs past midnight). */
export const quietHoursSchema = z.object({
  enabled: z.boolean(),
  /** 0 = Sunday … 6 = Saturday: the days a quiet period starts on. */
  days: z.array(z.number()),
  startMin: z.number(),
  endMin: z.number(),
});
export type QuietHours = z.infer<typeof quietHoursSchema>;

export function defaultQuietHours(): QuietHours {
  return { enabled: false, days: [0, 1, 2, 3, 4, 5, 6], startMin: 22 * 60, endMin: 7 * 60 };
}

export const settingsSchema = z.object({
  /**
   * Checked again on every read, since anything that can write storage could have written it:
   * an address the options page would refuse reads as the default.
   */
  origin: z.pipe(
    z.string(),
    z.transform((origin) => {
      const checked = checkOrigin(origin);
      return checked.ok ? checked.origin : DEFAULT_ORIGIN;
    }),
  ),
  intervalSec: z.number(),
  notifyNew: z.boolean(),
  notifyReminders: z.boolean(),
  reminderLeadMin: z.number(),
  // Added with version 4 (the reviewer's day): defaults fill them in for settings stored before.
  quietHours: z._default(quietHoursSchema, defaultQuietHours),
  /** While paused or quiet, or filtered out, an approval expiring within an hour is still notified. */
  breakThrough: z._default(z.boolean(), true),
  /** Notification filters (lib/notification-filter.ts). */
  notifyTypes: z._default(z.array(z.string()), () => [...KNOWN_TYPES]),
  minAmountUsd: z._default(z.nullable(z.number()), null),
  /** Who the saved token belongs to, from GET /auth/me at save time. */
  account: z.optional(
    z.nullable(
      z.object({
        name: z.nullable(z.string()),
        tokenLabel: z.nullable(z.string()),
        scopes: z.array(z.string()),
        isOwner: z.boolean(),
      }),
    ),
  ),
});
export type Settings = z.infer<typeof settingsSchema>;

export function defaultSettings(origin = DEFAULT_ORIGIN): Settings {
  return {
    origin,
    intervalSec: INTERVAL_SEC.default,
    notifyNew: true,
    notifyReminders: true,
    reminderLeadMin: REMINDER_LEAD_MIN.default,
    quietHours: defaultQuietHours(),
    breakThrough: true,
    notifyTypes: [...KNOWN_TYPES],
    minAmountUsd: null,
    account: null,
  };
}

/** The shortest interval a browser's alarms allow (unpacked test builds have no floor). */
export function minIntervalSec(browserName: string, unrestricted = false): number {
  if (unrestricted) return 1;
  return browserName === 'firefox' ? 60 : 30;
}

export function clampInterval(seconds: number, minimum: number): number {
  if (!Number.isFinite(seconds)) return Math.max(minimum, INTERVAL_SEC.default);
  return Math.min(INTERVAL_SEC.max, Math.max(minimum, Math.round(seconds)));
}

/** A reminder lead within the limits; an empty or unreadable entry is the default. */
export function clampReminderLead(minutes: number): number {
  return Math.min(
    REMINDER_LEAD_MIN.max,
    Math.max(REMINDER_LEAD_MIN.min, Math.round(minutes || REMINDER_LEAD_MIN.default)),
  );
}
