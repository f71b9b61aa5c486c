import { describe, expect, it } from 'vitest';
import { formatTimeOfDay, isQuiet, parseTimeOfDay, quietEndsAt } from '@/lib/quiet-hours';
import type { QuietHours } from '@/lib/settings';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const quiet = (fields: Partial<QuietHours>): QuietHours => ({
  enabled: true,
  days: [0, 1, 2, 3, 4, 5, 6],
  startMin: 22 * 60,
  endMin: 7 * 60,
  ...fields,
});

// 2026-11-23 is a Monday, 2026-11-27 a Friday.
describe('a quiet period across midnight', () => {
  const fridayNights = quiet({ days: [5] });

  it('runs from the start on the day it starts into the next morning', () => {
    expect(isQuiet(fridayNights, at('2026-11-27T21:59:00Z'), 'UTC')).toBe(false);
    expect(isQuiet(fridayNights, at('2026-11-27T22:00:00Z'), 'UTC')).toBe(true);
    expect(isQuiet(fridayNights, at('2026-11-28T06:59:00Z'), 'UTC')).toBe(true); // Saturday morning: Friday's
    expect(isQuiet(fridayNights, at('2026-11-28T07:00:00Z'), 'UTC')).toBe(false);
    expect(iso(quietEndsAt(fridayNights, at('2026-11-27T23:30:00Z'), 'UTC'))).toBe('2026-11-28T07:00:00.000Z');
    expect(iso(quietEndsAt(fridayNights, at('2026-11-28T03:00:00Z'), 'UTC'))).toBe('2026-11-28T07:00:00.000Z');
  });

  it('counts by the day it starts on: Friday morning belongs to Thursday night, which is not chosen', () => {
    expect(isQuiet(fridayNights, at('2026-11-27T03:00:00Z'), 'UTC')).toBe(false);
    expect(isQuiet(fridayNights, at('2026-11-28T23:00:00Z'), 'UTC')).toBe(false); // Saturday night
    expect(quietEndsAt(fridayNights, at('2026-11-27T03:00:00Z'), 'UTC')).toBeNull();
  });
});

describe('other shapes', () => {
  it('a period within one day', () => {
    const lunch = quiet({ days: [1, 2, 3, 4, 5], startMin: 12 * 60, endMin: 13 * 60 + 30 });
    expect(isQuiet(lunch, at('2026-11-23T12:00:00Z'), 'UTC')).toBe(true);
    expect(isQuiet(lunch, at('2026-11-23T13:30:00Z'), 'UTC')).toBe(false);
    expect(isQuiet(lunch, at('2026-11-22T12:30:00Z'), 'UTC')).toBe(false); // Sunday
    expect(iso(quietEndsAt(lunch, at('2026-11-23T12:10:00Z'), 'UTC'))).toBe('2026-11-23T13:30:00.000Z');
  });

  it('start equal to end is the whole day; whole days in a row are one period', () => {
    const weekend = quiet({ days: [6, 0], startMin: 9 * 60, endMin: 9 * 60 });
    expect(isQuiet(weekend, at('2026-11-28T00:00:00Z'), 'UTC')).toBe(true); // Saturday, before 09:00 too
    expect(isQuiet(weekend, at('2026-11-29T23:59:00Z'), 'UTC')).toBe(true); // Sunday night
    expect(isQuiet(weekend, at('2026-11-30T00:00:00Z'), 'UTC')).toBe(false); // Monday
    expect(isQuiet(weekend, at('2026-11-27T23:59:00Z'), 'UTC')).toBe(false); // Friday
    expect(iso(quietEndsAt(weekend, at('2026-11-28T10:00:00Z'), 'UTC'))).toBe('2026-11-30T00:00:00.000Z');
  });

  it('quiet all day every day never ends by itself', () => {
    expect(quietEndsAt(quiet({ startMin: 0, endMin: 0 }), at('2026-11-28T10:00:00Z'), 'UTC')).toBe(Infinity);
  });

  it('off, or with no day chosen, is never quiet', () => {
    expect(isQuiet(quiet({ enabled: false }), at('2026-11-27T23:00:00Z'), 'UTC')).toBe(false);
    expect(isQuiet(quiet({ days: [] }), at('2026-11-27T23:00:00Z'), 'UTC')).toBe(false);
  });
});

describe('time zones', () => {
  const nights = quiet({});

  it('are read at each call: a reviewer who travels is quiet by the zone they are in now', () => {
    const instant = at('2026-11-23T22:30:00Z');
    expect(isQuiet(nights, instant, 'Europe/Berlin')).toBe(true); // 23:30 there
    expect(isQuiet(nights, instant, 'America/New_York')).toBe(false); // 17:30 there
    expect(isQuiet(nights, instant, 'Asia/Tokyo')).toBe(false); // 07:30 the next morning: over
    expect(isQuiet(nights, instant, 'Asia/Kolkata')).toBe(true); // 04:00 the next morning
    expect(iso(quietEndsAt(nights, instant, 'Europe/Berlin'))).toBe('2026-11-24T06:00:00.000Z');
  });

  it('a zone change between two calls moves the end to the new zone’s morning', () => {
    const midnight = at('2026-11-23T23:00:00Z');
    expect(iso(quietEndsAt(nights, midnight, 'Europe/Berlin'))).toBe('2026-11-24T06:00:00.000Z');
    expect(iso(quietEndsAt(nights, midnight + 60_000, 'Europe/London'))).toBe('2026-11-24T07:00:00.000Z');
  });

  it('a night with a daylight-saving change ends at 07:00 local, an hour shorter or longer', () => {
    // Berlin: +1 → +2 at 01:00 UTC on 2026-03-29; +2 → +1 at 01:00 UTC on 2026-10-25.
    const saturdayNights = quiet({ days: [6] });
    expect(iso(quietEndsAt(saturdayNights, at('2026-03-28T21:30:00Z'), 'Europe/Berlin'))).toBe(
      '2026-03-29T05:00:00.000Z',
    );
    expect(iso(quietEndsAt(saturdayNights, at('2026-10-24T21:30:00Z'), 'Europe/Berlin'))).toBe(
      '2026-10-25T06:00:00.000Z',
    );
    expect(isQuiet(saturdayNights, at('2026-03-29T04:59:00Z'), 'Europe/Berlin')).toBe(true);
    expect(isQuiet(saturdayNights, at('2026-03-29T05:00:00Z'), 'Europe/Berlin')).toBe(false);
  });

  it('an end the clock skips (02:30 the night it jumps from 02:00 to 03:00) ends at the jump', () => {
    const shortNight = quiet({ days: [6], endMin: 2 * 60 + 30 });
    expect(iso(quietEndsAt(shortNight, at('2026-03-28T23:00:00Z'), 'Europe/Berlin'))).toBe('2026-03-29T01:00:00.000Z');
  });

  it('an end the clock passes twice (02:30 the night it goes back) ends at each', () => {
    const shortNight = quiet({ days: [6], endMin: 2 * 60 + 30 });
    // 02:10 summer time: over at the first 02:30.
    expect(iso(quietEndsAt(shortNight, at('2026-10-25T00:10:00Z'), 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z');
    // The hour again, 02:10 winter time: the wall clock reads before the end once more.
    expect(isQuiet(shortNight, at('2026-10-25T01:10:00Z'), 'Europe/Berlin')).toBe(true);
    expect(iso(quietEndsAt(shortNight, at('2026-10-25T01:10:00Z'), 'Europe/Berlin'))).toBe('2026-10-25T01:30:00.000Z');
  });
});

describe('times of day as the form types them', () => {
  it('reads HH:MM (seconds allowed) and refuses anything else', () => {
    expect(['22:00', '07:05', '7:05', '23:59:30', '00:00'].map(parseTimeOfDay)).toEqual([1320, 425, 425, 1439, 0]);
    expect(['', '24:00', '12:60', 'noon', '12'].map(parseTimeOfDay)).toEqual([null, null, null, null, null]);
  });

  it('writes minutes back as HH:MM', () => {
    expect([0, 425, 1439, 1440 + 60].map(formatTimeOfDay)).toEqual(['00:00', '07:05', '23:59', '01:00']);
  });
});
