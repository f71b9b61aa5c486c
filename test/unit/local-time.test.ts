import { describe, expect, it } from 'vitest';
import { atWallClock, knownTimeZone, wallClock } from '@/lib/local-time';

const iso = (ms: number) => new Date(ms).toISOString();

describe('wall-clock time in a zone', () => {
  it('reads the local date, weekday and minutes', () => {
    // 2026-11-23 is a Monday; 23:30 UTC is already Tuesday 00:30 in Berlin.
    expect(wallClock(Date.parse('2026-11-23T23:30:00Z'), 'Europe/Berlin')).toEqual({
      year: 2026,
      month: 11,
      day: 24,
      weekday: 2,
      minutes: 30,
    });
    expect(wallClock(Date.parse('2026-11-23T23:30:00Z'), 'America/New_York').weekday).toBe(1);
  });

  it('finds tomorrow 9:00 in the zone, across a month end', () => {
    const now = Date.parse('2026-11-30T20:00:00Z');
    expect(iso(atWallClock(now, 'Europe/Berlin', 1, 9 * 60))).toBe('2026-12-01T08:00:00.000Z');
    expect(iso(atWallClock(now, 'Asia/Tokyo', 1, 9 * 60))).toBe('2026-12-02T00:00:00.000Z');
  });

  it('keeps the wall time across a daylight-saving change', () => {
    // Berlin moves from +1 to +2 at 01:00 UTC on 2026-03-29.
    const saturday = Date.parse('2026-03-28T12:00:00Z');
    expect(iso(atWallClock(saturday, 'Europe/Berlin', 1, 9 * 60))).toBe('2026-03-29T07:00:00.000Z');
    expect(iso(atWallClock(saturday, 'Europe/Berlin', 1, 90))).toBe('2026-03-29T00:30:00.000Z');
    // 02:30 does not exist that night: it comes out as 03:30 summer time.
    expect(iso(atWallClock(saturday, 'Europe/Berlin', 1, 150))).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 exists twice on 2026-10-25: the first one.
    expect(iso(atWallClock(Date.parse('2026-10-24T12:00:00Z'), 'Europe/Berlin', 1, 150))).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });

  it('reads an unknown zone as UTC', () => {
    expect(knownTimeZone('Mars/Olympus')).toBe('UTC');
    expect(knownTimeZone(undefined)).toBe('UTC');
    expect(iso(atWallClock(Date.parse('2026-11-23T10:00:00Z'), 'Mars/Olympus', 0, 60))).toBe(
      '2026-11-23T01:00:00.000Z',
    );
  });
});
