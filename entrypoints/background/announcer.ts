/**
 * What the reviewer sees without opening anything: the toolbar badge, and the notifications
 * planned from the last list (new approvals, reminders, resolved ones taken down, what arrived
 * while paused or quiet). Between polls the one tick alarm brings it back for the next reminder,
 * badge colour change, end of a snooze, of the pause or of quiet hours.
 */
import { isCredentialError } from '@/lib/api/errors';
import { isApprovalId } from '@/lib/api/origin';
import { BADGE_COLORS, badgeFor, type Badge } from '@/lib/badge';
import { nextUrgencyChangeAt } from '@/lib/expiry';
import { mutedNow } from '@/lib/held';
import { approvalIdForNotification, planNotifications } from '@/lib/notifications';
import { approvalIdForExpiredNotice } from '@/lib/outcome-notifications';
import type { PollStatus } from '@/lib/poll-record';
import { SECOND } from '@/lib/time';
import { showExpiredNotices } from './outcome-recorder';
import { ALARM_TICK, type Ports } from './ports';
import type { StateMirror } from './state-mirror';
import type { Translate } from '@/lib/i18n';
import * as texts from './texts';

export type Announcer = ReturnType<typeof createAnnouncer>;

/** The badge for a problem of the extension's own, which lib/badge.ts does not know (yet). */
function ownProblem({ problem, error }: PollStatus, t: Translate): Badge | null {
  if (!problem) return null;
  // A token OpenTrain refuses matters more than a list that could not be stored.
  if (problem.kind === 'storage' && error && isCredentialError(error.error)) return null;
  const [text, words] = problem.kind === 'storage' ? ['?', texts.listNotSaved(t)] : ['!', texts.originChanged(t)];
  return { kind: 'problem', text, color: BADGE_COLORS.problem, title: texts.badgeTitle(t, words), urgency: null };
}

export function createAnnouncer(
  mirror: StateMirror,
  ports: Pick<Ports, 'alarms' | 'notifier' | 'badge' | 'tabs' | 'now' | 'timeZone' | 't' | 'locale'>,
) {
  /** Whether notifications are held now: paused, or quiet hours in the zone the reviewer is in now. */
  const muted = (now: number) =>
    mutedNow(mirror.state.attention, mirror.state.settings.quietHours, now, ports.timeZone());

  async function paintBadge() {
    const { credential, popupList, pollStatus, attention, settings } = mirror.state;
    const listed = popupList && { ...popupList, approvals: popupList.rows };
    const now = ports.now();
    await ports.badge.set(
      ownProblem(pollStatus, ports.t) ??
        badgeFor(
          {
            hasToken: Boolean(credential),
            snapshot: listed,
            error: pollStatus.error,
            nextPollAt: pollStatus.nextPollAt,
            t: ports.t,
            locale: ports.locale,
            attention,
            reminderLeadMin: settings.reminderLeadMin,
            muted: muted(now),
          },
          now,
        ),
    );
  }

  /** Notifications due now, and the tick alarm for the next reminder or urgency change. */
  async function notifyAndTick() {
    const { contexts, notified, settings, attention, held } = mirror.state;
    const listed = mirror.listed();
    if (!listed) return;
    const now = ports.now();
    const plan = planNotifications({
      approvals: listed.approvals,
      contexts,
      notified,
      settings,
      nowMs: now,
      serverOffsetMs: listed.serverOffsetMs,
      t: ports.t,
      locale: ports.locale,
      attention,
      muted: muted(now),
      held,
    });
    // Remember before showing: a worker stopped in between misses one, never repeats one. Not
    // remembered, not shown: it would be shown again at every poll (the badge says why).
    const heldChanged = JSON.stringify(plan.held) !== JSON.stringify(held);
    if (!(await mirror.save({ notified: plan.notified, ...(heldChanged && { held: plan.held }) }))) return paintBadge();
    await Promise.all(plan.clear.map((id) => ports.notifier.clear(id)));
    await Promise.all(plan.show.map((spec) => ports.notifier.show(spec)));
    await showExpiredNotices(mirror, ports);
    const changes = listed.approvals
      .map((a) => nextUrgencyChangeAt(a.expiresAt, now, listed.serverOffsetMs))
      .filter((t): t is number => t != null);
    const next = Math.min(...changes, plan.nextAt ?? Infinity);
    await ports.alarms.clear(ALARM_TICK);
    if (Number.isFinite(next)) await ports.alarms.create(ALARM_TICK, Math.max(next, now + SECOND));
  }

  return {
    paintBadge,
    notifyAndTick,
    async onTick() {
      await notifyAndTick();
      await paintBadge();
    },
    async onNotificationClicked(notificationId: string) {
      const approvalId = approvalIdForNotification(notificationId) ?? approvalIdForExpiredNotice(notificationId);
      if (approvalId && isApprovalId(approvalId))
        await ports.tabs.openApproval(mirror.state.settings.origin, approvalId);
      await ports.notifier.clear(notificationId);
    },
  };
}
