/**
 * The options form for quiet hours, break-through and notification filters: what the reviewer
 * types, read into the settings they are stored as, or the one problem that stops the save.
 */
import { KNOWN_TYPES } from './approval-text';
import { formatTimeOfDay, parseTimeOfDay } from './quiet-hours';
import type { Settings } from './settings';

/** The settings this form writes (Options' Save writes the rest). */
export type NotificationRules = Pick<Settings, 'quietHours' | 'breakThrough' | 'notifyTypes' | 'minAmountUsd'>;

/** The form as typed: times and the amount as text. */
export interface RulesForm {
  quietEnabled: boolean;
  /** 0 = Sunday … 6 = Saturday */
  days: readonly number[];
  start: string;
  end: string;
  breakThrough: boolean;
  notifyTypes: readonly string[];
  minAmount: string;
}

export type RulesProblem = 'time' | 'days' | 'amount';

/** The week as the form lists it, Monday first. */
export const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;

/** "Monday", "Montag": a weekday's name in the locale (2026-11-22 was a Sunday). */
export function weekdayName(weekday: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, 10, 22 + weekday));
}

export function formFromRules(rules: NotificationRules): RulesForm {
  return {
    quietEnabled: rules.quietHours.enabled,
    days: [...rules.quietHours.days],
    start: formatTimeOfDay(rules.quietHours.startMin),
    end: formatTimeOfDay(rules.quietHours.endMin),
    breakThrough: rules.breakThrough,
    notifyTypes: [...rules.notifyTypes],
    minAmount: rules.minAmountUsd === null ? '' : String(rules.minAmountUsd),
  };
}

/** The rules to store, or why not: times must read as times of day, the amount be empty or 0 and more. */
export function rulesFromForm(
  form: RulesForm,
): { ok: true; rules: NotificationRules } | { ok: false; problem: RulesProblem } {
  const startMin = parseTimeOfDay(form.start);
  const endMin = parseTimeOfDay(form.end);
  if (startMin === null || endMin === null) return { ok: false, problem: 'time' };
  if (form.quietEnabled && !form.days.length) return { ok: false, problem: 'days' };
  const amountText = form.minAmount.trim();
  const minAmountUsd = amountText === '' ? null : Number(amountText);
  if (minAmountUsd !== null && !(Number.isFinite(minAmountUsd) && minAmountUsd >= 0)) {
    return { ok: false, problem: 'amount' };
  }
  const days = [...new Set(form.days)].filter((d) => Number.isInteger(d) && d >= 0 && d <= 6).sort((a, b) => a - b);
  return {
    ok: true,
    rules: {
      quietHours: { enabled: form.quietEnabled, days, startMin, endMin },
      breakThrough: form.breakThrough,
      notifyTypes: KNOWN_TYPES.filter((type) => form.notifyTypes.includes(type)),
      minAmountUsd,
    },
  };
}
