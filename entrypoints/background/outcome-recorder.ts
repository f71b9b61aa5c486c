/**
 * What became of the approvals the reviewer had pending (the `outcomes` part, read by the popup's
 * Recent view): learnt after each poll from its answers and from the list itself, from one read of
 * each approval that left the list (within the poll's read budget), and from the approval page's
 * fresh reads (lib/outcome-learning.ts). And the "expired without a decision" notification
 * (lib/outcome-notifications.ts), shown by the announcer when notifications may be shown.
 */
import type { Approval } from '@/lib/api/schemas';
import { mapLimited } from '@/lib/concurrency';
import { mutedNow } from '@/lib/held';
import type { OpenTrainApi } from '@/lib/opentrain-api';
import {
  learnFromApproval,
  learnFromPoll,
  learnFromReads,
  type OutcomeMemory,
  type OutcomeRead,
  type Resolution,
  readsDue,
} from '@/lib/outcome-learning';
import { planExpiredNotices } from '@/lib/outcome-notifications';
import { READS_IN_FLIGHT } from '@/lib/poll-cycle';
import type { PopupList } from '@/lib/popup-list';
import type { Ports } from './ports';
import type { StateMirror } from './state-mirror';

export type OutcomeRecorder = ReturnType<typeof createOutcomeRecorder>;

/** Whether storing `next` would change anything (outcomes are only added and dropped, never edited here). */
function changes(before: OutcomeMemory, next: OutcomeMemory): boolean {
  const ids = (memory: OutcomeMemory) =>
    `${memory.outcomes.map((o) => o.row.id).join(',')}|${Object.keys(memory.resolving).join(',')}`;
  return ids(before) !== ids(next);
}

export function createOutcomeRecorder(mirror: StateMirror, ports: Pick<Ports, 'now'>) {
  const memory = (): OutcomeMemory => ({ outcomes: mirror.state.outcomes, resolving: mirror.state.resolving });
  const store = async (next: OutcomeMemory | null) => {
    if (next && changes(memory(), next)) await mirror.save({ outcomes: next.outcomes, resolving: next.resolving });
  };

  /** One read of an approval that left the list; a rate limit stops the rest until the next poll. */
  async function readLeft(api: OpenTrainApi, ids: readonly string[]): Promise<OutcomeRead[]> {
    let limited = false;
    return mapLimited(ids, READS_IN_FLIGHT, async (id): Promise<OutcomeRead> => {
      if (limited) return { id, read: 'retry' };
      const read = await api.getApproval(id);
      if (read.ok) return { id, read: read.data.approval };
      limited ||= read.error.kind === 'rate_limited';
      // Not found: this token may not see it (or it is gone); its outcome is never guessed.
      if (read.error.kind === 'not_found') return { id, read: 'gone' };
      // A token problem stops polling, and a transient one passes: ask again at a later poll.
      return { id, read: 'retry' };
    });
  }

  return {
    /**
     * After a poll stored its list (`previous` is the list it replaced): records what it teaches,
     * then reads approvals that left the list. Returns how many reads it made (the poll's budget).
     */
    async afterPoll(api: OpenTrainApi, generation: string, previous: PopupList, resolutions: readonly Resolution[]) {
      const current = mirror.state.popupList;
      if (!current) return 0;
      const { notified } = mirror.state;
      await store(learnFromPoll({ ...memory(), previous, current, resolutions, notified, nowMs: ports.now() }));
      const due = readsDue(mirror.state.resolving);
      if (!due.length) return 0;
      const reads = await readLeft(api, due);
      if (mirror.generation() !== generation) return due.length; // another token or URL meanwhile: not its answers
      const serverOffsetMs = mirror.state.popupList?.serverOffsetMs ?? current.serverOffsetMs;
      await store(learnFromReads({ ...memory(), reads, notified, serverOffsetMs, nowMs: ports.now() }));
      return due.length;
    },
    /** An approval read for the approval page's panel: recorded if it resolved while listed. */
    async afterRead(approval: Approval, serverOffsetMs: number) {
      const { popupList, notified } = mirror.state;
      const rows = popupList?.rows ?? [];
      await store(learnFromApproval({ ...memory(), approval, rows, notified, serverOffsetMs, nowMs: ports.now() }));
    },
  };
}

/**
 * Shows the "expired without a decision" notifications that are due, each once: remembered
 * before shown (a worker stopped in between misses one, never repeats one). Held while
 * notifications are paused or quiet hours last (the announcer's tick comes back when they end).
 */
export async function showExpiredNotices(
  mirror: StateMirror,
  ports: Pick<Ports, 'notifier' | 'now' | 'timeZone' | 't' | 'locale'>,
): Promise<void> {
  const { outcomes, settings, attention } = mirror.state;
  const nowMs = ports.now();
  const held = mutedNow(attention, settings.quietHours, nowMs, ports.timeZone()) !== null;
  const plan = planExpiredNotices({ outcomes, settings, held, nowMs, t: ports.t, locale: ports.locale });
  if (!plan.show.length || !(await mirror.save({ outcomes: plan.outcomes }))) return;
  await Promise.all(plan.show.map((spec) => ports.notifier.show(spec)));
}
