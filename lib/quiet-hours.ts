/**
 * Quiet hours (Options): on the chosen days, from a start time to an end time in the reviewer's
 * local time, no desktop notification is shown (lib/held.ts holds them for one summary). Pure:
 * the instant and the time zone are passed in every time, so a reviewer who travels (a new zone)
 * or a daylight-saving day is just another input.
 *
 * The rules: `days` are the days a quiet period STARTS on (0 = Sunday … 6 = Saturday). An end
 * before the start runs past midnight into the next day (Friday 22:00 → Saturday 07:00 is
 * Friday's). A start equal to the end means the whole day, midnight to midnight. Times are wall
 * clock: 07:00 is 07:00 local on a daylight-saving day too (that night is an hour shorter or longer).
 */
import { atWallClock, wallClock } from './local-time';
import type { QuietHours } from './settings';
import { DAY, MINUTE } from './time';

/** A day's minutes: a stored start or end outside 0…1439 is read modulo a day. */
const MINUTES_A_DAY = DAY / MINUTE;
const minuteOfDay = (minutes: number) => ((Math.round(minutes) % MINUTES_A_DAY) + MINUTES_A_DAY) % MINUTES_A_DAY;

/** Which kind of period the settings describe. */
function shapeOf(quiet: QuietHours): { start: number; end: number; kind: 'allDay' | 'sameDay' | 'overnight' } {
  const start = minuteOfDay(quiet.startMin);
  const end = minuteOfDay(quiet.endMin);
  return { start, end, kind: start === end ? 'allDay' : start < end ? 'sameDay' : 'overnight' };
}

/** Whether a quiet period is under way at `nowMs` in `timeZone`. */
export function isQuiet(quiet: QuietHours, nowMs: number, timeZone: string): boolean {
  if (!quiet.enabled || !quiet.days.length) return false;
  const { start, end, kind } = shapeOf(quiet);
  const wall = wallClock(nowMs, timeZone);
  const startsOn = (weekday: number) => quiet.days.includes(weekday);
  const yesterday = (wall.weekday + 6) % 7;
  switch (kind) {
    case 'allDay':
      return startsOn(wall.weekday);
    case 'sameDay':
      return startsOn(wall.weekday) && wall.minutes >= start && wall.minutes < end;
    case 'overnight':
      return (startsOn(wall.weekday) && wall.minutes >= start) || (startsOn(yesterday) && wall.minutes < end);
  }
}

/**
 * Where the wall clock says the period under way at `atMs` ends: a later instant, not always the
 * first one that is no longer quiet (a daylight-saving change can skip the end's wall time).
 */
function wallEnd(quiet: QuietHours, atMs: number, timeZone: string): number {
  const { start, end, kind } = shapeOf(quiet);
  const wall = wallClock(atMs, timeZone);
  const endsTomorrow = kind === 'allDay' || (kind === 'overnight' && wall.minutes >= start);
  const candidate = atWallClock(atMs, timeZone, endsTomorrow ? 1 : 0, kind === 'allDay' ? 0 : end);
  if (candidate > atMs) return candidate;
  // The night a clock goes back, the end's wall time came once already (its first occurrence):
  // what is left runs on the wall clock, with no second change the same night.
  const left =
    (((kind === 'allDay' ? 0 : end) - wall.minutes + MINUTES_A_DAY) % MINUTES_A_DAY || MINUTES_A_DAY) * MINUTE;
  return Math.floor(atMs / MINUTE) * MINUTE + left;
}

/** The first whole minute in (fromMs, toMs] that is not quiet; `toMs` must not be quiet. */
function firstNotQuiet(quiet: QuietHours, fromMs: number, toMs: number, timeZone: string): number {
  let low = Math.floor(fromMs / MINUTE); // quiet
  let high = Math.ceil(toMs / MINUTE); // not quiet
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (isQuiet(quiet, mid * MINUTE, timeZone)) low = mid;
    else high = mid;
  }
  return high * MINUTE;
}

/** Quiet periods that follow one another without a gap (whole days, most often) are one. */
const MAX_PERIODS_IN_A_ROW = 8;

/**
 * When the quiet period under way at `nowMs` ends (the first instant that is not quiet), or null
 * when it is not quiet now. Back-to-back periods count as one; quiet all day every day never
 * ends (Infinity).
 */
export function quietEndsAt(quiet: QuietHours, nowMs: number, timeZone: string): number | null {
  if (!isQuiet(quiet, nowMs, timeZone)) return null;
  let at = nowMs;
  for (let i = 0; i < MAX_PERIODS_IN_A_ROW; i++) {
    const end = wallEnd(quiet, at, timeZone);
    if (!isQuiet(quiet, end, timeZone)) return firstNotQuiet(quiet, at, end, timeZone);
    at = end;
  }
  return Number.POSITIVE_INFINITY;
}

/** "HH:MM" (as an `<input type="time">` gives it, seconds allowed) → minutes after midnight, or null. */
export function parseTimeOfDay(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(text.trim());
  if (!match) return null;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : null;
}

/** Minutes after midnight → "HH:MM", as an `<input type="time">` takes it. */
export function formatTimeOfDay(minutes: number): string {
  const m = minuteOfDay(minutes);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
