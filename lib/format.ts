/** Formatting for people: money, countdowns, relative times. Locale-aware, no browser calls. */
import { DAY, HOUR, MINUTE } from './time';

const usdFormatters = new Map<string, Intl.NumberFormat>();

export function formatUsd(amount: number | null | undefined, locale?: string): string | null {
  if (amount == null || !Number.isFinite(amount)) return null;
  const key = locale ?? '';
  let formatter = usdFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' });
    usdFormatters.set(key, formatter);
  }
  return formatter.format(amount);
}

/** "2 d 4 h", "3 h 12 min", "42 min", "under 1 min". */
export function formatDuration(ms: number): string {
  if (ms < MINUTE) return 'under 1 min';
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  return `${minutes} min`;
}

/** The countdown a reviewer reads: "expires in 3 h 12 min", "expired", "expiry unknown". */
export function formatCountdown(msLeft: number): string {
  if (Number.isNaN(msLeft)) return 'expiry unknown';
  if (msLeft <= 0) return 'expired';
  return `expires in ${formatDuration(msLeft)}`;
}

const relativeFormatters = new Map<string, Intl.RelativeTimeFormat>();

/** "2 minutes ago", "in 3 hours", "now": Intl.RelativeTimeFormat in the reader's locale. */
export function formatRelative(thenMs: number, nowMs: number, locale?: string): string {
  const key = locale ?? '';
  let formatter = relativeFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormatters.set(key, formatter);
  }
  const diff = thenMs - nowMs;
  const abs = Math.abs(diff);
  if (abs < MINUTE) return formatter.format(0, 'second');
  if (abs < HOUR) return formatter.format(Math.round(diff / MINUTE), 'minute');
  if (abs < DAY) return formatter.format(Math.round(diff / HOUR), 'hour');
  return formatter.format(Math.round(diff / DAY), 'day');
}

export function formatDateTime(ms: number, locale?: string): string {
  if (Number.isNaN(ms)) return 'unknown time';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

export function formatDate(ms: number, locale?: string): string {
  if (Number.isNaN(ms)) return 'unknown date';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(ms);
}
