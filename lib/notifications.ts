/**
 * Which desktop notifications to show and clear after a poll or a reminder tick.
 * Each approval is announced once and reminded once, whatever restarts happen in
 * between: the `notified` record is persisted and is the only memory of what was shown.
 */
import type { Approval } from './api/schemas';
import { headline, summaryLine } from './approval-text';
import type { ApprovalContext } from './context';
import { byExpiry, isLive, msUntilExpiry } from './expiry';
import { formatDuration } from './format';
import { sentence, type Translate } from './i18n';
import { idRecord } from './id-record';
import type { Notified } from './state';
import { DAY, MINUTE } from './time';

/** More new approvals than this in one poll are announced in one grouped notification. */
export const GROUP_ABOVE = 3;

export interface NotificationSpec {
  id: string;
  title: string;
  message: string;
}

export interface NotifyInput {
  approvals: ReadonlyArray<Approval>;
  contexts: Readonly<Record<string, ApprovalContext>>;
  notified: Notified;
  settings: { notifyNew: boolean; notifyReminders: boolean; reminderLeadMin: number };
  nowMs: number;
  serverOffsetMs: number;
  /** The UI language, for amounts (see lib/i18n.ts). */
  locale?: string;
  /** The typed `i18n.t`. */
  t: Translate;
}

export interface NotifyPlan {
  show: NotificationSpec[];
  clear: string[];
  notified: Notified;
  /** When the next reminder falls due (for the reminder alarm), or null. */
  nextReminderAt: number | null;
}

/** Notification ids carry what a click needs, so a restarted worker can still act on one. */
export const notificationId = {
  new: (approvalId: string) => `new:${approvalId}`,
  reminder: (approvalId: string) => `reminder:${approvalId}`,
  group: (approvalIds: string[]) => `group:${approvalIds.slice(0, 10).join(',')}`,
};

/** The approval a notification click should open. */
export function approvalIdForNotification(id: string): string | null {
  const [kind, rest] = [id.slice(0, id.indexOf(':')), id.slice(id.indexOf(':') + 1)];
  if (kind === 'new' || kind === 'reminder') return rest || null;
  if (kind === 'group') return rest.split(',')[0] || null;
  return null;
}

export function planNotifications(input: NotifyInput): NotifyPlan {
  const { nowMs, serverOffsetMs, settings, locale } = input;
  const { t } = input;
  const leadMs = settings.reminderLeadMin * MINUTE;
  const notified: Notified = Object.assign(idRecord(), input.notified);
  const live = input.approvals.filter((a) => isLive(a, nowMs, serverOffsetMs)).sort(byExpiry);
  const liveIds = new Set(live.map((a) => a.id));
  const show: NotificationSpec[] = [];
  const clear: string[] = [];
  const msLeft = (a: Approval) => msUntilExpiry(a.expiresAt, nowMs, serverOffsetMs);
  const summary = (a: Approval) => sentence(summaryLine(a, input.contexts[a.id], t, locale));

  const fresh = live.filter((a) => notified[a.id]?.new === undefined);
  const groupId = fresh.length > GROUP_ABOVE ? notificationId.group(fresh.map((a) => a.id)) : undefined;
  for (const approval of fresh) {
    // Within the reminder window already: the announcement says how soon, no second ping.
    const dueNow = msLeft(approval) <= leadMs;
    notified[approval.id] = {
      ...notified[approval.id],
      new: nowMs,
      expiresAt: approval.expiresAt,
      ...(dueNow && { reminder: nowMs }),
      ...(groupId && { group: groupId }),
    };
    delete notified[approval.id]!.gone;
  }
  if (settings.notifyNew && fresh.length) {
    if (groupId) {
      const names = fresh.slice(0, 2).map((a) => headline(a, input.contexts[a.id], t));
      const soonest = msLeft(fresh[0]!);
      show.push({
        id: groupId,
        title: t('notification.group.title', fresh.length),
        message: [
          t('notification.group.list', [names.join('; '), t('notification.group.more', fresh.length - names.length)]),
          Number.isNaN(soonest)
            ? t('notification.group.soonestUnknown')
            : t('notification.group.soonest', [formatDuration(soonest, t)]),
        ].join(' '),
      });
    } else {
      for (const approval of fresh) {
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
  }

  let nextReminderAt: number | null = null;
  for (const approval of live) {
    const entry = notified[approval.id]!;
    if (entry.reminder !== undefined) continue;
    const left = msLeft(approval);
    if (Number.isNaN(left)) continue;
    if (left <= leadMs) {
      notified[approval.id] = { ...entry, reminder: nowMs };
      if (settings.notifyReminders) {
        show.push({
          id: notificationId.reminder(approval.id),
          title: t('notification.reminder.title', [formatDuration(left, t)]),
          message: t('notification.reminder.message', [summary(approval)]),
        });
      }
    } else if (settings.notifyReminders) {
      const due = nowMs + left - leadMs;
      nextReminderAt = nextReminderAt === null ? due : Math.min(nextReminderAt, due);
    }
  }

  // Resolved elsewhere, or expired: take its notifications down once, and remember it for a while
  // so that an approval that briefly leaves and comes back is not announced twice.
  const groupsStillLive = new Set(live.map((a) => notified[a.id]?.group).filter(Boolean));
  for (const [id, entry] of Object.entries(notified)) {
    if (liveIds.has(id)) continue;
    if (entry.gone === undefined) {
      clear.push(notificationId.new(id), notificationId.reminder(id));
      if (entry.group && !groupsStillLive.has(entry.group) && !clear.includes(entry.group)) clear.push(entry.group);
      notified[id] = { ...entry, gone: nowMs };
    } else if (nowMs - entry.gone > DAY && !(Date.parse(entry.expiresAt) > nowMs)) {
      delete notified[id];
    }
  }
  return { show, clear, notified, nextReminderAt };
}
