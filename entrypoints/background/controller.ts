/**
 * The background's behaviour: state in memory mirrored to storage, the poll loop, badge,
 * notifications and messages. Browser calls go through the small adapters beside it.
 */
import { approvalIdFromLink, checkOrigin, isApprovalId } from '@/lib/api/origin';
import { isCredentialError } from '@/lib/api/errors';
import { badgeFor } from '@/lib/badge';
import { enrichApprovals, pruneContexts } from '@/lib/enrich';
import { isLive, nextUrgencyChangeAt } from '@/lib/expiry';
import {
  ALLOWED,
  classifySender,
  messageSchema,
  REFUSED,
  type Message,
  type PanelResponse,
  type ResponseFor,
  type SenderInfo,
} from '@/lib/messages';
import { approvalIdForNotification, planNotifications } from '@/lib/notifications';
import { openTrainApi, type OpenTrainApi } from '@/lib/opentrain-api';
import { pollOnce } from '@/lib/poll-cycle';
import { popupListFor } from '@/lib/popup-list';
import { problemFor } from '@/lib/problem';
import { isStale, mayRefresh, nextPollDelay } from '@/lib/schedule';
import { clampInterval, minIntervalSec } from '@/lib/settings';
import { defaultState, type State } from '@/lib/state';
import { readState, writeParts } from '@/lib/store';
import { SECOND } from '@/lib/time';
import { clearNotification, showNotification } from './notifier';
import { openApprovalTab } from './tabs';
import { setBadge } from './toolbar';
import { syncContentScript } from './content-script-registration';

export const ALARM_POLL = 'poll';
export const ALARM_TICK = 'tick';
/** Tracked ids kept at most (the approvals a reviewer opened or pasted). */
const MAX_TRACKED = 200;

declare const __OT_PRESET__: { origin: string | null; token: string | null };
/** 30 s in store builds; the e2e flavour may shorten it to exercise timeouts quickly. */
declare const __OT_REQUEST_TIMEOUT_MS__: number;

export function createBackground() {
  let state: State = defaultState();
  let inFlight: Promise<void> | null = null;
  let lastStartedAt: number | null = null;
  const area = browser.storage.local;

  /** Test and demo builds can preset the URL and token; production builds define nulls. */
  async function applyPreset() {
    const preset = typeof __OT_PRESET__ === 'undefined' ? null : __OT_PRESET__;
    if (!preset?.origin || state.token) return;
    const origin = checkOrigin(preset.origin);
    if (!origin.ok) return;
    state.settings = { ...state.settings, origin: origin.origin };
    state.token = preset.token;
    await writeParts(area, { settings: state.settings, token: state.token });
  }

  const save = async (parts: Partial<State>) => {
    Object.assign(state, parts);
    // The popup paints from a list derived from these two: keep it in step.
    if ('snapshot' in parts || 'contexts' in parts) {
      state.popupList = popupListFor(state.snapshot, state.contexts);
      parts = { ...parts, popupList: state.popupList };
    }
    await writeParts(area, parts);
  };

  const ready = (async () => {
    const loaded = await readState(area);
    for (const reason of loaded.resets) console.warn(`[OpenTrain approvals] ${reason}`);
    state = loaded.state;
    if (state.snapshot && !state.popupList) await save({ contexts: state.contexts }); // a reset popup list is rebuilt
    await applyPreset();
  })();

  const intervalMs = () =>
    clampInterval(state.settings.intervalSec, minIntervalSec(import.meta.env.BROWSER, import.meta.env.MODE === 'e2e')) *
    SECOND;

  const connect = (): OpenTrainApi | null =>
    state.token
      ? openTrainApi({ origin: state.settings.origin, token: state.token, timeoutMs: __OT_REQUEST_TIMEOUT_MS__ })
      : null;
  const generation = () => `${state.settings.origin}\n${state.token ?? ''}`;

  async function paintBadge() {
    const now = Date.now();
    await setBadge(
      badgeFor(
        {
          hasToken: Boolean(state.token),
          snapshot: state.snapshot,
          error: state.pollStatus.error,
          nextPollAt: state.pollStatus.nextPollAt,
        },
        now,
      ),
    );
  }

  async function schedulePoll(delayMs: number | null) {
    await browser.alarms.clear(ALARM_POLL);
    const nextPollAt = delayMs == null ? null : Date.now() + delayMs;
    if (nextPollAt != null) await browser.alarms.create(ALARM_POLL, { when: nextPollAt });
    await save({ pollStatus: { ...state.pollStatus, nextPollAt } });
  }

  /** Reminders due and badge colour changes between polls. */
  async function notifyAndTick() {
    const snapshot = state.snapshot;
    if (!snapshot) return;
    const now = Date.now();
    const plan = planNotifications({
      approvals: snapshot.approvals,
      contexts: state.contexts,
      notified: state.notified,
      settings: state.settings,
      nowMs: now,
      serverOffsetMs: snapshot.serverOffsetMs,
    });
    // Remember before showing: a worker stopped in between misses one, never repeats one.
    await save({ notified: plan.notified });
    await Promise.all(plan.clear.map(clearNotification));
    await Promise.all(plan.show.map(showNotification));
    const changes = snapshot.approvals
      .map((a) => nextUrgencyChangeAt(a.expiresAt, now, snapshot.serverOffsetMs))
      .filter((t): t is number => t != null);
    const next = Math.min(...changes, plan.nextReminderAt ?? Infinity);
    await browser.alarms.clear(ALARM_TICK);
    if (Number.isFinite(next)) await browser.alarms.create(ALARM_TICK, { when: Math.max(next, now + SECOND) });
  }

  function poll(): Promise<void> {
    inFlight ??= doPoll().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  async function doPoll() {
    const api = connect();
    if (!api) {
      await schedulePoll(null);
      await paintBadge();
      return;
    }
    const started = Date.now();
    const gen = generation();
    lastStartedAt = started;
    // If the worker is stopped mid-poll, this alarm brings it back to try again. (Should it fire
    // while this poll is still running, poll() joins the one in flight.)
    await browser.alarms.create(ALARM_POLL, { when: started + intervalMs() + __OT_REQUEST_TIMEOUT_MS__ });
    await save({ pollStatus: { ...state.pollStatus, lastAttemptAt: started } });
    const trackedAtStart = new Set(state.tracking.ids);
    const outcome = await pollOnce({
      api,
      nowMs: started,
      mode: state.pollStatus.mode,
      listProbeAt: state.pollStatus.listProbeAt,
      snapshot: state.snapshot,
      tracking: state.tracking,
    });
    if (generation() !== gen) return; // the token or URL changed meanwhile: this answer is stale
    // Keep the ids reported (the panel, a pasted link) while this poll ran.
    const reportedMeanwhile = state.tracking.ids.filter((id) => !trackedAtStart.has(id));
    const tracking = { ...outcome.tracking, ids: [...reportedMeanwhile, ...outcome.tracking.ids] };

    if (!outcome.ok) {
      const failures = state.pollStatus.failures + 1;
      await save({
        tracking,
        pollStatus: {
          ...state.pollStatus,
          mode: outcome.mode,
          listProbeAt: outcome.listProbeAt,
          failures,
          error: { error: outcome.error, at: Date.now() },
        },
      });
      const retryAfterMs = outcome.error.kind === 'rate_limited' ? outcome.error.retryAfterMs : null;
      const offline = outcome.error.kind === 'network';
      await schedulePoll(
        isCredentialError(outcome.error)
          ? null
          : nextPollDelay({ intervalMs: intervalMs(), failures, retryAfterMs, random: Math.random(), offline }),
      );
      await paintBadge();
      return;
    }

    const now = Date.now();
    await save({
      snapshot: {
        origin: api.origin,
        fetchedAt: now,
        serverOffsetMs: outcome.serverOffsetMs,
        approvals: outcome.approvals,
        complete: outcome.complete,
      },
      tracking,
      pollStatus: {
        ...state.pollStatus,
        mode: outcome.mode,
        listProbeAt: outcome.listProbeAt,
        lastSuccessAt: now,
        failures: 0,
        error: null,
      },
    });
    await schedulePoll(nextPollDelay({ intervalMs: intervalMs(), failures: 0, random: Math.random() }));
    await paintBadge();

    // Context for approvals not seen before; the badge above did not wait for it.
    const live = outcome.approvals.filter((a) => isLive(a, now, outcome.serverOffsetMs));
    const enriched = await enrichApprovals({
      api,
      approvals: live,
      contexts: state.contexts,
      jobTitles: state.tracking.jobTitles,
      jobTitlesAt: state.tracking.jobTitlesAt,
      nowMs: now,
    });
    if (generation() !== gen) return;
    await save({
      contexts: pruneContexts(
        enriched.contexts,
        outcome.approvals.map((a) => a.id),
      ),
      tracking: { ...state.tracking, jobTitles: enriched.jobTitles, jobTitlesAt: enriched.jobTitlesAt },
    });
    await notifyAndTick();
  }

  async function track(input: string): Promise<ResponseFor['track']> {
    const id = approvalIdFromLink(input, state.settings.origin);
    if (!id) {
      return {
        ok: false,
        message: `That is not an approval link on ${state.settings.origin}. Paste a link like ${state.settings.origin}/approvals/… from the agent’s message.`,
      };
    }
    if (!state.tracking.ids.includes(id)) {
      await save({ tracking: { ...state.tracking, ids: [id, ...state.tracking.ids].slice(0, MAX_TRACKED) } });
    }
    return { ok: true, approvalId: id };
  }

  async function panel(approvalId: string, fresh: boolean): Promise<PanelResponse> {
    const collapsed = state.panelCollapsed;
    if (!isApprovalId(approvalId)) {
      return {
        ok: false,
        reason: 'invalid_id',
        collapsed,
        problem: {
          title: 'This page’s address does not hold a valid approval id.',
          action: 'Open the approval from the link the agent shared.',
        },
      };
    }
    const api = connect();
    if (!api) {
      return {
        ok: false,
        reason: 'not_configured',
        collapsed,
        problem: {
          title: 'The OpenTrain Approvals Companion is not connected.',
          action: 'Open the extension’s Options and add your OpenTrain API token.',
        },
      };
    }
    const offset = state.snapshot?.serverOffsetMs ?? 0;
    const others = (approval: { id: string; contractId?: string | null }) =>
      approval.contractId
        ? (state.snapshot?.approvals ?? []).filter(
            (a) => a.id !== approval.id && a.contractId === approval.contractId && isLive(a, Date.now(), offset),
          ).length
        : 0;
    const cachedAnswer = (problem?: PanelResponse & { ok: false }): PanelResponse | null => {
      const cached = state.snapshot?.approvals.find((a) => a.id === approvalId);
      if (!cached) return null;
      return {
        ok: true,
        approval: cached,
        context: state.contexts[approvalId] ?? null,
        serverOffsetMs: offset,
        othersOnContract: others(cached),
        collapsed,
        fresh: false,
        ...(problem && { problem: problem.problem }),
      };
    };
    if (!fresh) {
      return (
        cachedAnswer() ?? {
          ok: false,
          reason: 'not_cached',
          collapsed,
          problem: { title: 'Loading this approval…', action: '' },
        }
      );
    }
    await track(approvalId);
    const gen = generation();
    const read = await api.getApproval(approvalId);
    if (!read.ok) {
      const problem = problemFor(read.error);
      const failure = {
        ok: false as const,
        reason: read.error.kind === 'not_found' ? ('not_found' as const) : ('error' as const),
        collapsed,
        problem: { title: problem.title, action: problem.action },
      };
      return read.error.kind === 'not_found' ? failure : (cachedAnswer(failure) ?? failure);
    }
    const approval = read.data.approval;
    const enriched = await enrichApprovals({
      api,
      approvals: [approval],
      contexts: state.contexts,
      jobTitles: state.tracking.jobTitles,
      jobTitlesAt: state.tracking.jobTitlesAt,
      nowMs: Date.now(),
      force: true,
    });
    const context = enriched.contexts[approval.id] ?? null;
    if (generation() === gen && state.snapshot?.approvals.some((a) => a.id === approval.id)) {
      await save({ contexts: { ...state.contexts, [approval.id]: context! } });
    }
    return {
      ok: true,
      approval,
      context,
      serverOffsetMs: read.meta.serverOffsetMs ?? offset,
      othersOnContract: others(approval),
      collapsed,
      fresh: true,
    };
  }

  async function handle(message: Message): Promise<ResponseFor[Message['type']]> {
    switch (message.type) {
      case 'refresh': {
        if (!state.token) return { ok: false, message: 'Add your OpenTrain API token in Options first.' };
        if (!mayRefresh(inFlight !== null, lastStartedAt, Date.now())) {
          await inFlight;
          return { ok: true, polled: false };
        }
        await poll();
        return { ok: true, polled: true };
      }
      case 'track': {
        const result = await track(message.input);
        if (result.ok && state.pollStatus.mode === 'tracked') void poll();
        return result;
      }
      case 'panel':
        return panel(message.approvalId, message.fresh);
      case 'open':
        if (!isApprovalId(message.approvalId)) return { ok: false, message: 'Not an approval id.' };
        await openApprovalTab(state.settings.origin, message.approvalId);
        return { ok: true };
      case 'testNotification':
        await showNotification({
          id: `test:${Date.now()}`,
          title: 'Notifications work',
          message: 'This is how a new OpenTrain approval will reach you.',
        });
        return { ok: true };
      case 'setPanelCollapsed':
        await save({ panelCollapsed: message.collapsed });
        return { ok: true };
    }
  }

  return {
    async start() {
      await ready;
      await syncContentScript(state.settings.origin);
      const existing = await browser.alarms.get(ALARM_POLL);
      const blocked = state.pollStatus.error && isCredentialError(state.pollStatus.error.error);
      if (state.token && !blocked && isStale(state.pollStatus.lastAttemptAt, intervalMs(), Date.now())) {
        await poll();
      } else if (state.token && !blocked && !existing) {
        await schedulePoll(intervalMs());
      }
      await paintBadge();
    },
    async onAlarm(name: string) {
      await ready;
      if (name === ALARM_POLL) await poll();
      if (name === ALARM_TICK) {
        await notifyAndTick();
        await paintBadge();
      }
    },
    async onOnline() {
      await ready;
      if (state.pollStatus.error?.error.kind === 'network' || state.pollStatus.error?.error.kind === 'timeout')
        await poll();
    },
    async onSettingsChanged() {
      await ready;
      const before = generation();
      const stored = await readState(area);
      state.settings = stored.state.settings;
      state.token = stored.state.token;
      if (generation() !== before) {
        // A new token or URL: start again, but remember what was already announced.
        const fresh = defaultState();
        await save({ snapshot: null, contexts: {}, tracking: fresh.tracking, pollStatus: fresh.pollStatus });
        await syncContentScript(state.settings.origin);
        // A poll for the old settings may be in flight: its answer is discarded, then poll afresh.
        await inFlight;
        await poll();
      } else if (state.token) {
        await schedulePoll(intervalMs());
      }
      await paintBadge();
    },
    async onNotificationClicked(notificationId: string) {
      await ready;
      const approvalId = approvalIdForNotification(notificationId);
      if (approvalId && isApprovalId(approvalId)) await openApprovalTab(state.settings.origin, approvalId);
      await clearNotification(notificationId);
    },
    async onMessage(raw: unknown, sender: SenderInfo): Promise<unknown> {
      await ready;
      const kind = classifySender(sender, browser.runtime.id, browser.runtime.getURL('/'), state.settings.origin);
      const parsed = messageSchema.safeParse(raw);
      if (!kind || !parsed.success || !ALLOWED[kind].has(parsed.data.type)) {
        return REFUSED;
      }
      return handle(parsed.data);
    },
  };
}
