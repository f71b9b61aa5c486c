/**
 * Wall-clock time in a named time zone (the reviewer's, from Intl), for rules that speak in local
 * time: "until tomorrow 9:00", quiet hours. Pure: the instant and the zone are passed in, so a
 * change of zone (travel) or a daylight-saving shift is just another input.
 */
import { DAY, MINUTE } from './time';

export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** Minutes since local midnight, 0–1439. */
  minutes: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      weekday: 'short',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** A zone Intl knows, or UTC (a stored or reported zone that is not one must not throw). */
export function knownTimeZone(timeZone: string | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    formatter(timeZone);
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** The reviewer's zone as the browser reports it. */
export function currentTimeZone(): string {
  return knownTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
}

export function wallClock(ms: number, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const part of formatter(knownTimeZone(timeZone)).formatToParts(ms)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** The zone's offset from UTC at an instant, in ms (to the minute). */
function offsetAt(ms: number, timeZone: string): number {
  const wall = wallClock(ms, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, 0, wall.minutes);
  return asUtc - Math.floor(ms / MINUTE) * MINUTE;
}

/**
 * The instant at `minutes` past local midnight, `dayOffset` days after the local date of `ms`.
 * A wall time that does not exist (skipped by a daylight-saving change) comes out shifted by the
 * change; one that exists twice comes out as its first occurrence.
 */
export function atWallClock(ms: number, timeZone: string, dayOffset: number, minutes: number): number {
  const zone = knownTimeZone(timeZone);
  const today = wallClock(ms, zone);
  const guess = Date.UTC(today.year, today.month - 1, today.day + dayOffset, 0, minutes);
  const target = new Date(guess);
  // The zone's offset a day before and a day after: one of them holds at the wall time asked for.
  const before = guess - offsetAt(guess - DAY, zone);
  const after = guess - offsetAt(guess + DAY, zone);
  const matches = [before, after].filter((candidate) => {
    const wall = wallClock(candidate, zone);
    return (
      wall.day === target.getUTCDate() &&
      wall.month === target.getUTCMonth() + 1 &&
      wall.minutes === target.getUTCHours() * 60 + target.getUTCMinutes()
    );
  });
  return matches.length ? Math.min(...matches) : before;
}
