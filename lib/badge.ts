/** The toolbar badge, from one pure function of the state and the time. */
import type { ApiError } from './api/errors';
import { activeSnoozeUntil, type Attention } from './attention';
import { isLive, msUntilExpiry, urgencyOf, type Urgency } from './expiry';
import { formatDuration } from './format';
import type { Muted } from './held';
import type { Translate } from './i18n';
import { problemFor } from './problem';
import { HOUR } from './time';

export const BADGE_COLORS = {
  normal: '#3b5bdb',
  amber: '#b35900',
  red: '#c92a2a',
  problem: '#5c5f66',
} as const;

export type BadgeKind = 'setup' | 'loading' | 'problem' | 'count';

export interface Badge {
  kind: BadgeKind;
  text: string;
  color: string;
  title: string;
  urgency: Urgency | null;
}

export interface BadgeInput {
  hasToken: boolean;
  snapshot: {
    approvals: ReadonlyArray<{ id: string; status: string; expiresAt: string }>;
    fetchedAt: number;
    serverOffsetMs: number;
  } | null;
  error: { error: ApiError; at: number } | null;
  nextPollAt?: number | null;
  /** The UI language, for the time of the last update (see lib/i18n.ts). */
  locale?: string;
  /** The typed `i18n.t`. */
  t: Translate;
  /**
   * Snoozes (lib/attention.ts), with the reminder lead that caps them: an approval snoozed now
   * leaves the count (and the colour), and the tooltip says how many are snoozed.
   */
  attention?: Attention;
  reminderLeadMin?: number;
  /** Desktop notifications held now (pause, quiet hours): the tooltip says until when. */
  muted?: Muted | null;
}

/** Beyond this, the end of a pause or of quiet hours is said with its weekday. */
const SAY_WEEKDAY_BEYOND_MS = 12 * HOUR;

export function countText(count: number): string {
  if (count <= 0) return '';
  return count > 99 ? '99+' : String(count);
}

/** Sentences one after another, as the tooltip reads them. */
const sentences = (...parts: string[]) => parts.filter(Boolean).join(' ');

export function badgeFor(input: BadgeInput, nowMs: number): Badge {
  const { t } = input;
  const tooltip = (text: string) => t('badge.title', [text]);
  if (!input.hasToken) {
    return {
      kind: 'setup',
      text: '!',
      color: BADGE_COLORS.problem,
      title: tooltip(t('badge.setup')),
      urgency: null,
    };
  }
  const { snapshot, error } = input;
  const time = (ms: number) => new Intl.DateTimeFormat(input.locale, { timeStyle: 'short' }).format(ms);
  const retryIn = input.nextPollAt != null ? input.nextPollAt - nowMs : null;
  const problem = error ? problemFor(error.error, retryIn, t) : null;

  let live: Array<{ msLeft: number }> = [];
  let summary = '';
  if (snapshot) {
    const pending = snapshot.approvals.filter((a) => isLive(a, nowMs, snapshot.serverOffsetMs));
    const ctx = { nowMs, serverOffsetMs: snapshot.serverOffsetMs, reminderLeadMin: input.reminderLeadMin ?? 0 };
    const counted = input.attention
      ? pending.filter((a) => activeSnoozeUntil(input.attention!, a, ctx) === null)
      : pending;
    const snoozed = pending.length - counted.length;
    live = counted.map((a) => ({ msLeft: msUntilExpiry(a.expiresAt, nowMs, snapshot.serverOffsetMs) }));
    const soonest = live
      .map((a) => a.msLeft)
      .filter((ms) => !Number.isNaN(ms))
      .sort((a, b) => a - b)[0];
    summary = sentences(
      t('badge.waiting', live.length),
      snoozed ? t('badge.snoozed', snoozed) : '',
      soonest === undefined ? '' : t('badge.nextExpires', [formatDuration(soonest, t)]),
      input.muted ? mutedSentence(input.muted, nowMs, input) : '',
      t('badge.updated', [time(snapshot.fetchedAt)]),
    );
  }

  if (problem?.glyph) {
    const kept = snapshot ? t('badge.lastGoodList', [summary]) : '';
    return {
      kind: 'problem',
      text: problem.glyph,
      color: BADGE_COLORS.problem,
      title: tooltip(sentences(problem.title, problem.action, kept)),
      urgency: null,
    };
  }
  if (!snapshot) {
    return {
      kind: 'loading',
      text: '…',
      color: BADGE_COLORS.problem,
      title: tooltip(t('badge.loading')),
      urgency: null,
    };
  }
  const urgencies = live.map((a) => urgencyOf(a.msLeft));
  const urgency: Urgency = urgencies.includes('red') ? 'red' : urgencies.includes('amber') ? 'amber' : 'normal';
  return {
    kind: 'count',
    text: countText(live.length),
    color: BADGE_COLORS[urgency === 'red' ? 'red' : urgency === 'amber' ? 'amber' : 'normal'],
    title: tooltip(problem ? sentences(summary, problem.title, problem.action) : summary),
    urgency: live.length ? urgency : null,
  };
}

/** "Notifications paused until 14:00." / "Quiet hours until Tue 07:00." */
function mutedSentence({ reason, until }: Muted, nowMs: number, { t, locale }: BadgeInput): string {
  if (!Number.isFinite(until)) return t('badge.quietAlways');
  const format =
    until - nowMs > SAY_WEEKDAY_BEYOND_MS
      ? new Intl.DateTimeFormat(locale, { weekday: 'short', hour: 'numeric', minute: '2-digit' })
      : new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
  const at = format.format(until);
  return reason === 'paused' ? t('badge.paused', [at]) : t('badge.quiet', [at]);
}
