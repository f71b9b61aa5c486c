/**
 * The poll loop: one poll at a time, its outcome recorded, the next one armed as a one-shot
 * alarm (backed off after failures, none after a credential error), then the context of new
 * approvals read and the notifications they call for.
 */
import { isCredentialError } from '@/lib/api/errors';
import { CONTEXT_READS_PER_POLL, enrichApprovals, pruneContexts } from '@/lib/enrich';
import { isLive } from '@/lib/expiry';
import type { OpenTrainApi } from '@/lib/opentrain-api';
import { pollOnce } from '@/lib/poll-cycle';
import { recordPoll } from '@/lib/poll-record';
import { popupListFor, type Listed } from '@/lib/popup-list';
import { contextRetryDelay, isStale, mayRefresh, pollIntervalMs } from '@/lib/schedule';
import { clampInterval } from '@/lib/settings';
import { SECOND } from '@/lib/time';
import type { Announcer } from './announcer';
import type { OutcomeRecorder } from './outcome-recorder';
import { ALARM_POLL, type BackgroundConfig, type Ports } from './ports';
import type { StateMirror } from './state-mirror';

export type Poller = ReturnType<typeof createPoller>;

export function createPoller(
  mirror: StateMirror,
  announcer: Announcer,
  ports: Pick<Ports, 'alarms' | 'now' | 'random' | 't'>,
  config: Pick<BackgroundConfig, 'minIntervalSec' | 'requestTimeoutMs'>,
  outcomes: OutcomeRecorder,
) {
  let inFlight: Promise<void> | null = null;
  let lastStartedAt: number | null = null;
  /** Polls in a row whose context reads had gaps that may pass (in memory: a restart polls anyway). */
  let contextRetries = 0;

  const reviewerIntervalMs = () => clampInterval(mirror.state.settings.intervalSec, config.minIntervalSec) * SECOND;
  /** The reviewer's interval, or the server's hint when longer. */
  const intervalMs = () => pollIntervalMs(reviewerIntervalMs(), mirror.state.pollStatus.serverIntervalSec);
  /** How long until a request may go (Retry-After, backoff); 0 when it may go now. */
  const waitMs = () => Math.max(0, (mirror.state.pollStatus.notBefore ?? 0) - ports.now());

  async function schedule(delayMs: number | null) {
    await ports.alarms.clear(ALARM_POLL);
    const nextPollAt = delayMs == null ? null : ports.now() + delayMs;
    if (nextPollAt != null) await ports.alarms.create(ALARM_POLL, nextPollAt);
    await mirror.save({ pollStatus: { ...mirror.state.pollStatus, nextPollAt } });
  }

  /** Polls now, or joins the poll in flight. */
  function poll(): Promise<void> {
    inFlight ??= pollNow().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  async function pollNow() {
    const api = mirror.api();
    if (!api) {
      const use = mirror.credential();
      const originChanged = !use.ok && use.reason === 'origin_changed';
      const problem = originChanged ? { kind: 'origin_changed' as const, at: ports.now() } : null;
      await mirror.save({ pollStatus: { ...mirror.state.pollStatus, problem } });
      await schedule(null);
      await announcer.paintBadge();
      return;
    }
    const wait = waitMs();
    if (wait > 0) {
      // Early (a worker woken, a stale alarm, a tracked approval): come back when it may go.
      await schedule(wait);
      await announcer.paintBadge();
      return;
    }
    const started = ports.now();
    const generation = mirror.generation();
    lastStartedAt = started;
    // If the worker is stopped mid-poll, this alarm brings it back to try again. (Should it fire
    // while this poll is still running, poll() joins the one in flight.)
    await ports.alarms.create(ALARM_POLL, started + intervalMs() + config.requestTimeoutMs);
    await mirror.save({ pollStatus: { ...mirror.state.pollStatus, lastAttemptAt: started } });
    const { pollStatus, tracking, popupList: previous } = mirror.state;
    const outcome = await pollOnce({
      api,
      nowMs: started,
      mode: pollStatus.mode,
      listProbeAt: pollStatus.listProbeAt,
      listMisses: pollStatus.listMisses,
      listed: mirror.listed(),
      tracking,
      serverClock: pollStatus.serverClock,
    });
    if (mirror.generation() !== generation) return; // the token or URL changed meanwhile: this answer is stale
    const { nextPollDelayMs, listed, ...parts } = recordPoll({
      outcome,
      pollStatus: mirror.state.pollStatus,
      tracking: mirror.state.tracking,
      trackedAtStart: tracking.ids,
      nowMs: ports.now(),
      intervalMs: reviewerIntervalMs(),
      random: ports.random(),
    });
    // Not stored, the new list is not shown either: the badge says why instead (a storage problem).
    const stored = await mirror.save({
      ...parts,
      ...(listed && { popupList: popupListFor(listed, mirror.state.contexts, ports.t) }),
    });
    await schedule(nextPollDelayMs);
    await announcer.paintBadge();
    if (!listed || !stored) return;
    // What became of approvals (from the same read budget as the context), before the notifications.
    const resolutions = outcome.ok ? outcome.resolutions : [];
    const outcomeReads = await outcomes.afterPoll(api, generation, previous, resolutions);
    await readContexts(api, generation, listed, CONTEXT_READS_PER_POLL - outcomeReads);
  }

  /** Context for approvals not seen before (the badge did not wait for it), then the notifications. */
  async function readContexts(api: OpenTrainApi, generation: string, listed: Listed, readCap: number) {
    const { contexts, tracking } = mirror.state;
    const now = listed.fetchedAt;
    const enriched = await enrichApprovals({
      api,
      approvals: listed.approvals.filter((a) => isLive(a, now, listed.serverOffsetMs)),
      contexts,
      jobTitles: tracking.jobTitles,
      jobTitlesAt: tracking.jobTitlesAt,
      nowMs: now,
      readCap,
    });
    if (mirror.generation() !== generation) return;
    const pending = listed.approvals.map((a) => a.id);
    const stored = await mirror.save({
      contexts: pruneContexts(enriched.contexts, pending),
      tracking: { ...mirror.state.tracking, jobTitles: enriched.jobTitles, jobTitlesAt: enriched.jobTitlesAt },
    });
    if (stored) await announcer.notifyAndTick();
    else await announcer.paintBadge();
    await retryContextGaps(enriched.gaps);
  }

  /** Gaps that may pass bring the next poll forward (the list costs a 304 when nothing changed). */
  async function retryContextGaps(gaps: boolean) {
    if (!gaps) {
      contextRetries = 0;
      return;
    }
    const delay = contextRetryDelay(contextRetries++, intervalMs());
    const { nextPollAt } = mirror.state.pollStatus;
    if (delay === null || nextPollAt == null) return;
    const retryAt = ports.now() + Math.max(delay, waitMs());
    if (retryAt < nextPollAt) await schedule(retryAt - ports.now());
  }

  const blocked = () => {
    const failure = mirror.state.pollStatus.error;
    return Boolean(failure && isCredentialError(failure.error));
  };

  return {
    poll,
    /** Resolves when no poll is in flight (its contexts read and notifications planned). */
    async idle(): Promise<void> {
      await inFlight?.catch(() => {});
    },
    /**
     * A poll the popup asked for: at most one in flight, none just after the last, none before
     * OpenTrain may be asked again (then `notBefore` says when).
     */
    async refresh(): Promise<{ polled: boolean; notBefore?: number }> {
      const { notBefore } = mirror.state.pollStatus;
      if (notBefore != null && waitMs() > 0) return { polled: false, notBefore };
      if (!mayRefresh(inFlight !== null, lastStartedAt, ports.now())) {
        await inFlight;
        return { polled: false };
      }
      await poll();
      return { polled: true };
    },
    /** A worker start: poll if the last attempt is overdue and a request may go, else make sure the next one is armed. */
    async resume() {
      const armed = await ports.alarms.exists(ALARM_POLL);
      if (!mirror.credential().ok || blocked()) return;
      const overdue = isStale(mirror.state.pollStatus.lastAttemptAt, intervalMs(), ports.now());
      if (overdue && waitMs() === 0) await poll();
      else if (!armed) await schedule(Math.max(intervalMs(), waitMs()));
    },
    /** A new URL or token: a poll for the old ones may be in flight; its answer is discarded, then poll afresh. */
    async restart() {
      await inFlight;
      await poll();
    },
    /** Settings changed but not the URL or token: the interval may have. */
    async reschedule() {
      if (mirror.credential().ok) await schedule(Math.max(intervalMs(), waitMs()));
    },
    /** Back online after a network failure or timeout: poll at once. */
    async onOnline() {
      const kind = mirror.state.pollStatus.error?.error.kind;
      if (kind === 'network' || kind === 'timeout') await poll();
    },
  };
}
