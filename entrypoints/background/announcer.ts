/**
 * What the reviewer sees without opening anything: the toolbar badge, and the notifications
 * planned from the last list (new approvals, reminders, resolved ones taken down). Between
 * polls the tick alarm brings it back for the next reminder or badge colour change.
 */
import { isApprovalId } from '@/lib/api/origin';
import { badgeFor } from '@/lib/badge';
import { nextUrgencyChangeAt } from '@/lib/expiry';
import { approvalIdForNotification, planNotifications } from '@/lib/notifications';
import { SECOND } from '@/lib/time';
import { ALARM_TICK, type Ports } from './ports';
import type { StateMirror } from './state-mirror';

export type Announcer = ReturnType<typeof createAnnouncer>;

export function createAnnouncer(
  mirror: StateMirror,
  ports: Pick<Ports, 'alarms' | 'notifier' | 'badge' | 'tabs' | 'now'>,
) {
  async function paintBadge() {
    const { token, snapshot, pollStatus } = mirror.state;
    await ports.badge.set(
      badgeFor(
        { hasToken: Boolean(token), snapshot, error: pollStatus.error, nextPollAt: pollStatus.nextPollAt },
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
