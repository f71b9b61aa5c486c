/**
 * What the reviewer sees without opening anything: the toolbar badge, and the notifications
 * planned from the last list (new approvals, reminders, resolved ones taken down). Between
 * polls the tick alarm brings it back for the next reminder or badge colour change.
 */
import { isApprovalId } from '@/lib/api/origin';
import { BADGE_COLORS, badgeFor, type Badge } from '@/lib/badge';
import { nextUrgencyChangeAt } from '@/lib/expiry';
import { approvalIdForNotification, planNotifications } from '@/lib/notifications';
import type { PollStatus } from '@/lib/poll-record';
import { SECOND } from '@/lib/time';
import { ALARM_TICK, type Ports } from './ports';
import type { StateMirror } from './state-mirror';
import * as texts from './texts';

export type Announcer = ReturnType<typeof createAnnouncer>;

/** The badge for a problem of the extension's own, which lib/badge.ts does not know (yet). */
function ownProblem(problem: PollStatus['problem']): Badge | null {
  if (!problem) return null;
  const title = texts.badgeTitle(texts.originChanged());
  return { kind: 'problem', text: '!', color: BADGE_COLORS.problem, title, urgency: null };
}

export function createAnnouncer(
  mirror: StateMirror,
  ports: Pick<Ports, 'alarms' | 'notifier' | 'badge' | 'tabs' | 'now'>,
) {
  async function paintBadge() {
    const { credential, snapshot, pollStatus } = mirror.state;
    const own = ownProblem(pollStatus.problem);
    await ports.badge.set(
      own ??
        badgeFor(
          { hasToken: Boolean(credential), snapshot, error: pollStatus.error, nextPollAt: pollStatus.nextPollAt },
          ports.now(),
        ),
    );
  }

  /** Notifications due now, and the tick alarm for the next reminder or urgency change. */
  async function notifyAndTick() {
    const { snapshot, contexts, notified, settings } = mirror.state;
    if (!snapshot) return;
    const now = ports.now();
    const plan = planNotifications({
      approvals: snapshot.approvals,
      contexts,
      notified,
      settings,
      nowMs: now,
      serverOffsetMs: snapshot.serverOffsetMs,
    });
    // Remember before showing: a worker stopped in between misses one, never repeats one.
    await mirror.save({ notified: plan.notified });
    await Promise.all(plan.clear.map((id) => ports.notifier.clear(id)));
    await Promise.all(plan.show.map((spec) => ports.notifier.show(spec)));
    const changes = snapshot.approvals
      .map((a) => nextUrgencyChangeAt(a.expiresAt, now, snapshot.serverOffsetMs))
      .filter((t): t is number => t != null);
    const next = Math.min(...changes, plan.nextReminderAt ?? Infinity);
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
      const approvalId = approvalIdForNotification(notificationId);
      if (approvalId && isApprovalId(approvalId))
        await ports.tabs.openApproval(mirror.state.settings.origin, approvalId);
      await ports.notifier.clear(notificationId);
    },
  };
}
