/**
 * Which desktop notifications to show and clear after a poll or a reminder tick.
 * Each approval is announced once and reminded once, whatever restarts happen in
 * between: the `notified` record is persisted and is the only memory of what was shown.
 * Snoozes, the pause, quiet hours and the filters decide which of them are shown
 * (see planNotifications); what is held while paused or quiet comes back as one summary.
 */
import type { Approval } from './api/schemas';
import { activeSnoozeUntil, defaultAttention, type Attention } from './attention';
import { amountOf, headline, summaryLine } from './approval-text';
import type { ApprovalContext } from './context';
import { byExpiry, isLive, msUntilExpiry } from './expiry';
import { formatDuration } from './format';
import { defaultHeld, type Held, type Muted } from './held';
import { sentence, type Translate } from './i18n';
import { idRecord } from './id-record';
import { passesNotificationFilters } from './notification-filter';
import { BREAK_THROUGH_WITHIN_MS, defaultSettings, type Settings } from './settings';
import type { Notified } from './state';
import { DAY, MINUTE } from './time';

/** More new approvals than this in one poll are announced in one grouped notification. */
export const GROUP_ABOVE = 3;

export interface NotificationSpec {
  id: string;
  title: string;
  message: string;
}

/** The settings planning reads; the rules added later (break-through, filters) default as for a new install. */
export type NotifySettings = Pick<Settings, 'notifyNew' | 'notifyReminders' | 'reminderLeadMin'> &
  Partial<Pick<Settings, 'breakThrough' | 'notifyTypes' | 'minAmountUsd'>>;

export interface NotifyInput {
  approvals: ReadonlyArray<Approval>;
  contexts: Readonly<Record<string, ApprovalContext>>;
  notified: Notified;
  settings: NotifySettings;
  nowMs: number;
  serverOffsetMs: number;
  /** The UI language, for amounts (see lib/i18n.ts). */
  locale?: string;
  /** The typed `i18n.t`. */
  t: Translate;
  /** Snoozes, written by the popup (lib/attention.ts); none when left out. */
  attention?: Attention;
  /** Why desktop notifications are held now (pause, quiet hours; lib/held.ts), or null. */
  muted?: Muted | null;
  /** What was held so far. */
  held?: Held;
}

export interface NotifyPlan {
  show: NotificationSpec[];
  clear: string[];
  notified: Notified;
  held: Held;
  /**
   * When to plan again (for the tick alarm): the next reminder or break-through falls due, a
   * snooze ends (the approval counts again), the pause or the quiet hours end; or null.
   */
  nextAt: number | null;
}

/** Notification ids carry what a click needs, so a restarted worker can still act on one. */
export const notificationId = {
  new: (approvalId: string) => `new:${approvalId}`,
  reminder: (approvalId: string) => `reminder:${approvalId}`,
  group: (approvalIds: string[]) => `group:${approvalIds.slice(0, 10).join(',')}`,
  /** What arrived while notifications were held, soonest expiry first. */
  summary: (approvalIds: string[]) => `summary:${approvalIds.slice(0, 10).join(',')}`,
};

/** The approval a notification click should open (of a group or a summary: the soonest to expire). */
export function approvalIdForNotification(id: string): string | null {
  const [kind, rest] = [id.slice(0, id.indexOf(':')), id.slice(id.indexOf(':') + 1)];
  if (kind === 'new' || kind === 'reminder') return rest || null;
  if (kind === 'group' || kind === 'summary') return rest.split(',')[0] || null;
  return null;
}

/** What becomes of a notification that falls due: shown, held for the summary, or not shown at all. */
type Fate = 'show' | 'hold' | 'drop';

/**
 * The rules, in order:
 * - a snoozed approval is not notified (its snooze ends at its reminder at the latest);
 * - an approval the filters leave out (types, minimum amount) is not notified, except its last
 *   call: with break-through on, once it expires within the hour, it is reminded like any other;
 * - while paused or quiet, notifications are held for one summary at the end, except for an
 *   approval expiring within the hour when break-through is on;
 * - what is due but not shown is remembered as done: nothing is announced twice.
 */
export function planNotifications(input: NotifyInput): NotifyPlan {
  const { nowMs, serverOffsetMs, locale, t } = input;
  const defaults = defaultSettings();
  const settings = {
    breakThrough: defaults.breakThrough,
    notifyTypes: defaults.notifyTypes,
    minAmountUsd: defaults.minAmountUsd,
    ...input.settings,
  };
  const leadMs = settings.reminderLeadMin * MINUTE;
  const attention = input.attention ?? defaultAttention();
  const muted = input.muted ?? null;
  const notified: Notified = Object.assign(idRecord(), input.notified);
  const held: Held = {
    reason: input.held?.reason ?? null,
    approvals: Object.assign(idRecord(), input.held?.approvals),
  };
  const live = input.approvals.filter((a) => isLive(a, nowMs, serverOffsetMs)).sort(byExpiry);
  const liveIds = new Set(live.map((a) => a.id));
  const show: NotificationSpec[] = [];
  const clear: string[] = [];
  /** Moments to plan again at. */
  const wakes: number[] = [];
  const msLeft = (a: Approval) => msUntilExpiry(a.expiresAt, nowMs, serverOffsetMs);
  const summary = (a: Approval) => sentence(summaryLine(a, input.contexts[a.id], t, locale));
  const reminderFor = (a: Approval, left: number): NotificationSpec => ({
    id: notificationId.reminder(a.id),
    title: t('notification.reminder.title', [formatDuration(left, t)]),
    message: t('notification.reminder.message', [summary(a)]),
  });

  const snoozedUntil = (a: Approval) =>
    activeSnoozeUntil(attention, a, { nowMs, serverOffsetMs, reminderLeadMin: settings.reminderLeadMin });
  const wanted = (a: Approval) =>
    passesNotificationFilters({ type: a.type, amountUsd: amountOf(a, input.contexts[a.id]) }, settings);
  /** Expiring within the hour, with break-through on: nothing holds it back but a snooze. */
  const urgent = (a: Approval) => settings.breakThrough && msLeft(a) <= BREAK_THROUGH_WITHIN_MS;
  /** How long before expiry its reminder comes: a filtered approval's only at its last call. */
  const reminderLeadFor = (a: Approval) =>
    !wanted(a) && settings.breakThrough ? Math.min(leadMs, BREAK_THROUGH_WITHIN_MS) : leadMs;
  const fateOf = (a: Approval): Fate => {
    if (snoozedUntil(a) !== null) return 'drop';
    if (!wanted(a) && !urgent(a)) return 'drop';
    if (muted && !urgent(a)) return 'hold';
    return 'show';
  };
  const hold = (id: string, kinds: { new?: number; reminder?: number }) => {
    held.reason ??= muted?.reason ?? null;
    held.approvals[id] = { ...held.approvals[id], ...kinds };
  };

  const fresh = live.filter((a) => notified[a.id]?.new === undefined);
  const dueNow = new Set(fresh.filter((a) => msLeft(a) <= reminderLeadFor(a)).map((a) => a.id));
  for (const approval of fresh) {
    // Within the reminder window already: the announcement says how soon, no second ping.
    notified[approval.id] = {
      ...notified[approval.id],
      new: nowMs,
      expiresAt: approval.expiresAt,
      ...(dueNow.has(approval.id) && { reminder: nowMs }),
    };
    delete notified[approval.id]!.gone;
  }
  const announce: Approval[] = [];
  if (settings.notifyNew) {
    for (const approval of fresh) {
      const fate = fateOf(approval);
      if (fate === 'show') announce.push(approval);
      if (fate === 'hold') hold(approval.id, { new: nowMs, ...(dueNow.has(approval.id) && { reminder: nowMs }) });
    }
  }
  if (announce.length > GROUP_ABOVE) {
    const groupId = notificationId.group(announce.map((a) => a.id));
    for (const approval of announce) notified[approval.id] = { ...notified[approval.id]!, group: groupId };
    const names = announce.slice(0, 2).map((a) => headline(a, input.contexts[a.id], t));
    const soonest = msLeft(announce[0]!);
    show.push({
      id: groupId,
      title: t('notification.group.title', announce.length),
      message: [
        t('notification.group.list', [names.join('; '), t('notification.group.more', announce.length - names.length)]),
        soonestSentence(soonest, t),
      ].join(' '),
    });
  } else {
    for (const approval of announce) {
      const left = msLeft(approval);
      show.push({
        id: notificationId.new(approval.id),
        title: t('notification.new.title'),
        message: Number.isNaN(left)
          ? t('notification.new.messageNoExpiry', [summary(approval)])
          : t('notification.new.message', [summary(approval), formatDuration(left, t)]),
      });
    }
  }

  for (const approval of live) {
    const entry = notified[approval.id]!;
    const left = msLeft(approval);
    if (Number.isNaN(left)) continue;
    // Held while paused or quiet, and now expiring within the hour: it breaks through.
    if (muted && held.approvals[approval.id] && settings.breakThrough && settings.notifyReminders) {
      if (left <= BREAK_THROUGH_WITHIN_MS && snoozedUntil(approval) === null) {
        show.push(reminderFor(approval, left));
        notified[approval.id] = { ...entry, reminder: entry.reminder ?? nowMs };
        delete held.approvals[approval.id];
        continue;
      }
      wakes.push(nowMs + left - BREAK_THROUGH_WITHIN_MS);
    }
    if (entry.reminder !== undefined) continue;
    const lead = reminderLeadFor(approval);
    if (left <= lead) {
      notified[approval.id] = { ...entry, reminder: nowMs };
      if (!settings.notifyReminders) continue;
      const fate = fateOf(approval);
      if (fate === 'show') show.push(reminderFor(approval, left));
      if (fate === 'hold') hold(approval.id, { reminder: nowMs });
    } else if (settings.notifyReminders) {
      wakes.push(nowMs + left - lead);
    }
  }

  // Snoozed: what is on screen for it is taken down, once per snooze; it counts again when the snooze ends.
  for (const approval of live) {
    const until = snoozedUntil(approval);
    if (until === null) continue;
    wakes.push(until);
    const entry = notified[approval.id]!;
    const snoozedAt = attention.snoozed[approval.id]!.at;
    if (entry.snoozedAt === snoozedAt) continue;
    clear.push(notificationId.new(approval.id), notificationId.reminder(approval.id));
    notified[approval.id] = { ...entry, snoozedAt };
  }

  // Only what is still pending is held; once notifications flow again, one summary of it.
  for (const id of Object.keys(held.approvals)) if (!liveIds.has(id)) delete held.approvals[id];
  if (!muted) {
    const arrived = live.filter((a) => held.approvals[a.id] && snoozedUntil(a) === null && (wanted(a) || urgent(a)));
    if (arrived.length) {
      const spec = summaryOf(arrived, held, msLeft(arrived[0]!), t);
      for (const approval of arrived) notified[approval.id] = { ...notified[approval.id]!, summary: spec.id };
      show.push(spec);
    }
    Object.assign(held, defaultHeld());
  } else if (Number.isFinite(muted.until)) {
    wakes.push(muted.until);
  }

  // Resolved elsewhere, or expired: take its notifications down once, and remember it for a while
  // so that an approval that briefly leaves and comes back is not announced twice.
  const stillLive = new Set(live.flatMap((a) => [notified[a.id]?.group, notified[a.id]?.summary]).filter(Boolean));
  for (const [id, entry] of Object.entries(notified)) {
    if (liveIds.has(id)) continue;
    if (entry.gone === undefined) {
      clear.push(notificationId.new(id), notificationId.reminder(id));
      for (const shared of [entry.group, entry.summary]) {
        if (shared && !stillLive.has(shared) && !clear.includes(shared)) clear.push(shared);
      }
      notified[id] = { ...entry, gone: nowMs };
    } else if (nowMs - entry.gone > DAY && !(Date.parse(entry.expiresAt) > nowMs)) {
      delete notified[id];
    }
  }
  return { show, clear, notified, held, nextAt: wakes.length ? Math.min(...wakes) : null };
}

function soonestSentence(soonestMs: number, t: Translate): string {
  return Number.isNaN(soonestMs)
    ? t('notification.group.soonestUnknown')
    : t('notification.group.soonest', [formatDuration(soonestMs, t)]);
}

/**
 * "While notifications were paused: 3 new approvals, 1 expiring soon. The soonest expires in
 * 40 min." An approval held for its reminder counts as expiring soon, not as new too.
 */
function summaryOf(arrived: Approval[], held: Held, soonestMs: number, t: Translate): NotificationSpec {
  const expiring = arrived.filter((a) => held.approvals[a.id]?.reminder !== undefined).length;
  const fresh = arrived.length - expiring;
  const counts =
    fresh && expiring
      ? t('notification.summary.both', [
          t('notification.summary.new', fresh),
          t('notification.summary.expiring', expiring),
        ])
      : fresh
        ? t('notification.summary.new', fresh)
        : t('notification.summary.expiring', expiring);
  return {
    id: notificationId.summary(arrived.map((a) => a.id)),
    title: held.reason === 'quiet' ? t('notification.summary.titleQuiet') : t('notification.summary.titlePaused'),
    message: [sentence(counts), soonestSentence(soonestMs, t)].join(' '),
  };
}
