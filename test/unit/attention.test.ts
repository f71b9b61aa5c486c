import { describe, expect, it } from 'vitest';
import {
  activeSnoozeUntil,
  defaultAttention,
  isPaused,
  pauseUntil,
  reminderAt,
  snooze,
  snoozeUntil,
  unsnooze,
} from '@/lib/attention';
import { HOUR, MINUTE } from '@/lib/time';

const now = Date.parse('2026-11-23T10:00:00Z');
const ctx = (expiresInH: number, extra: Partial<Parameters<typeof snoozeUntil>[1]> = {}) => ({
  nowMs: now,
  expiresAt: new Date(now + expiresInH * HOUR).toISOString(),
  serverOffsetMs: 0,
  reminderLeadMin: 120,
  timeZone: 'Europe/Berlin',
  ...extra,
});

describe('snooze', () => {
  it('ends after the chosen time when the reminder is far off', () => {
    expect(snoozeUntil('1h', ctx(48))).toBe(now + HOUR);
    expect(snoozeUntil('4h', ctx(48))).toBe(now + 4 * HOUR);
    // 10:00 UTC is 11:00 in Berlin; tomorrow 9:00 there is 08:00 UTC.
    expect(snoozeUntil('tomorrow', ctx(48))).toBe(Date.parse('2026-11-24T08:00:00Z'));
    expect(snoozeUntil('reminder', ctx(48))).toBe(now + 46 * HOUR);
  });

  it('never runs past the reminder before expiry', () => {
    // Expires in 5 h, reminder 2 h before: every snooze ends at most 3 h from now.
    expect(snoozeUntil('4h', ctx(5))).toBe(now + 3 * HOUR);
    expect(snoozeUntil('tomorrow', ctx(5))).toBe(now + 3 * HOUR);
    expect(snoozeUntil('1h', ctx(5))).toBe(now + HOUR);
  });

  it('counts the expiry in server time', () => {
    // The server runs 30 min ahead: the approval expires 30 min sooner by the local clock.
    expect(snoozeUntil('reminder', ctx(48, { serverOffsetMs: 30 * MINUTE }))).toBe(now + 46 * HOUR - 30 * MINUTE);
  });

  it('is refused inside the reminder window and for an unreadable expiry', () => {
    expect(snoozeUntil('1h', ctx(1.5))).toBeNull();
    expect(snoozeUntil('1h', ctx(48, { expiresAt: 'soon' }))).toBeNull();
    expect(reminderAt('soon', now, 0, 120)).toBeNaN();
  });

  it('is in force until it ends, and a stored one never outlives the reminder', () => {
    const approval = { id: 'a', expiresAt: new Date(now + 5 * HOUR).toISOString() };
    const stored = snooze(defaultAttention(), 'a', now + 10 * HOUR, now);
    const at = (ms: number) => ({ nowMs: ms, serverOffsetMs: 0, reminderLeadMin: 120 });
    expect(activeSnoozeUntil(stored, approval, at(now))).toBe(now + 3 * HOUR);
    expect(activeSnoozeUntil(stored, approval, at(now + 3 * HOUR))).toBeNull();
    // A longer reminder lead chosen later shortens it too.
    expect(activeSnoozeUntil(stored, approval, { ...at(now), reminderLeadMin: 300 })).toBeNull();
    expect(activeSnoozeUntil(stored, { ...approval, id: 'b' }, at(now))).toBeNull();
  });

  it('prunes ended snoozes when one is added or undone', () => {
    let attention = snooze(defaultAttention(), 'old', now + HOUR, now);
    attention = snooze(attention, 'new', now + 5 * HOUR, now + 2 * HOUR);
    expect(Object.keys(attention.snoozed)).toEqual(['new']);
    expect(attention.snoozed.new).toEqual({ until: now + 5 * HOUR, at: now + 2 * HOUR });
    expect(Object.keys(unsnooze(attention, 'new', now).snoozed)).toEqual([]);
  });

  it('keeps an approval whose id is __proto__', () => {
    const attention = snooze(defaultAttention(), '__proto__', now + HOUR, now);
    expect(Object.keys(attention.snoozed)).toEqual(['__proto__']);
  });
});

describe('pause', () => {
  it('lasts an hour or until tomorrow 9:00 local', () => {
    expect(pauseUntil('1h', now, 'UTC')).toBe(now + HOUR);
    expect(pauseUntil('tomorrow', now, 'America/New_York')).toBe(Date.parse('2026-11-24T14:00:00Z'));
  });

  it('is in force only before its end', () => {
    const attention = { ...defaultAttention(), pausedUntil: now + HOUR };
    expect(isPaused(attention, now)).toBe(true);
    expect(isPaused(attention, now + HOUR)).toBe(false);
    expect(isPaused(defaultAttention(), now)).toBe(false);
  });
});
