/**
 * Formatting for people: money, countdowns, relative times. Intl in the `locale` given (the UI
 * language, see lib/i18n.ts), words from the catalogue through `t`; no browser calls.
 */
import type { Translate } from './i18n';
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

/** "2 d 4 h", "3 h 12 min", "42 min", "under 1 min" (in German "2 Tg. 4 Std."…). */
export function formatDuration(ms: number, t: Translate): string {
  if (ms < MINUTE) return t('format.duration.underMinute');
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  const pair = (a: string, b: string) => t('format.duration.pair', [a, b]);
  if (days > 0) {
    const d = t('format.duration.days', days);
    return hours > 0 ? pair(d, t('format.duration.hours', hours)) : d;
  }
  if (hours > 0) {
    const h = t('format.duration.hours', hours);
    return minutes > 0 ? pair(h, t('format.duration.minutes', minutes)) : h;
  }
  return t('format.duration.minutes', minutes);
}

/** The countdown a reviewer reads: "expires in 3 h 12 min", "expired", "expiry unknown". */
export function formatCountdown(msLeft: number, t: Translate): string {
  if (Number.isNaN(msLeft)) return t('format.expiryUnknown');
  if (msLeft <= 0) return t('format.expired');
  return t('format.expiresIn', [formatDuration(msLeft, t)]);
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

export function formatDateTime(ms: number, t: Translate, locale?: string): string {
  if (Number.isNaN(ms)) return t('format.unknownTime');
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

export function formatDate(ms: number, t: Translate, locale?: string): string {
  if (Number.isNaN(ms)) return t('format.unknownDate');
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(ms);
}

/** "10%", in German "10 %". */
export function formatPercent(fraction: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(fraction);
}
