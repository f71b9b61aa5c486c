/**
 * "Expired without a decision": one desktop notification when an approval the reviewer was told
 * about (announced as new, or reminded) expires without anyone confirming or declining it, saying
 * that the agent must ask again. Once per approval: the outcome records when it was shown, before
 * it is shown. Confirmed and declined approvals get none (someone decided).
 *
 * It follows the reviewer's notification settings: none while both new-approval and reminder
 * notifications are off, none for an approval the filters leave out (type, minimum amount). While
 * notifications are held (paused, quiet hours) it waits, and is shown once they resume, unless the
 * approval expired more than EXPIRED_NOTICE_WITHIN_MS before: the popup's Recent view has it.
 */
import { headlineFor } from './approval-text';
import { formatUsd } from './format';
import { sentence, type Translate } from './i18n';
import { type NotificationFilters, passesNotificationFilters } from './notification-filter';
import type { NotificationSpec } from './notifications';
import type { Outcome, Outcomes } from './outcomes';
import { DAY } from './time';

/** A notice held back longer than this after the expiry is not shown any more. */
export const EXPIRED_NOTICE_WITHIN_MS = DAY;

const PREFIX = 'expired:';

export const expiredNoticeId = (approvalId: string) => `${PREFIX}${approvalId}`;

/** The approval an "expired" notification is about (a click opens its page), or null. */
export function approvalIdForExpiredNotice(notificationId: string): string | null {
  return notificationId.startsWith(PREFIX) ? notificationId.slice(PREFIX.length) || null : null;
}

export interface ExpiredNoticeInput {
  outcomes: Outcomes;
  settings: { notifyNew: boolean; notifyReminders: boolean } & NotificationFilters;
  /** Desktop notifications are held now (paused, quiet hours): due notices wait. */
  held: boolean;
  nowMs: number;
  t: Translate;
  /** The UI language, for amounts. */
  locale?: string;
}

export interface ExpiredNoticePlan {
  show: NotificationSpec[];
  /** The outcomes with the shown ones marked (the same array when nothing is shown). */
  outcomes: Outcomes;
}

function isDue(outcome: Outcome, input: ExpiredNoticeInput): boolean {
  const { settings } = input;
  return (
    outcome.status === 'expired' &&
    outcome.announced &&
    outcome.noticeShownAt === undefined &&
    input.nowMs - outcome.resolvedAt < EXPIRED_NOTICE_WITHIN_MS &&
    (settings.notifyNew || settings.notifyReminders) &&
    passesNotificationFilters(outcome.row, settings)
  );
}

/** 'Fund milestone “First labeling batch”, $300.00.' from the row it had while pending. */
function summary({ row }: Outcome, t: Translate, locale?: string): string {
  const headline = row.subject === undefined ? row.headline : headlineFor(row.type, row.subject, t);
  const amount = formatUsd(row.amountUsd, locale);
  return sentence(amount ? `${headline}, ${amount}` : headline);
}

export function planExpiredNotices(input: ExpiredNoticeInput): ExpiredNoticePlan {
  if (input.held) return { show: [], outcomes: input.outcomes };
  const due = new Set(input.outcomes.filter((outcome) => isDue(outcome, input)));
  if (!due.size) return { show: [], outcomes: input.outcomes };
  const { t, locale, nowMs } = input;
  const show = [...due].map((outcome) => ({
    id: expiredNoticeId(outcome.row.id),
    title: t('notification.expired.title'),
    message: t('notification.expired.message', [summary(outcome, t, locale)]),
  }));
  const outcomes = input.outcomes.map((outcome) => (due.has(outcome) ? { ...outcome, noticeShownAt: nowMs } : outcome));
  return { show, outcomes };
}
