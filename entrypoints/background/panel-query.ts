/**
 * The answer to the approval-page panel: the approval and its context, from the last list at
 * once, then freshly read (and followed, for tracked mode). A failed fresh read falls back to
 * the cached answer with the problem attached; an approval that is gone does not.
 */
import { isApprovalId } from '@/lib/api/origin';
import { enrichApprovals } from '@/lib/enrich';
import { idRecord } from '@/lib/id-record';
import { isLive } from '@/lib/expiry';
import type { PanelResponse } from '@/lib/messages';
import { problemFor } from '@/lib/problem';
import { observeServerOffset } from '@/lib/server-clock';
import type { OutcomeRecorder } from './outcome-recorder';
import type { Ports } from './ports';
import type { StateMirror } from './state-mirror';
import * as texts from './texts';
import type { Tracker } from './tracker';

type PanelFailure = Extract<PanelResponse, { ok: false }>;

export function createPanelQuery(
  mirror: StateMirror,
  tracker: Tracker,
  ports: Pick<Ports, 'now' | 't'>,
  outcomes: OutcomeRecorder,
) {
  return async function panel(approvalId: string, fresh: boolean): Promise<PanelResponse> {
    const collapsed = mirror.state.panelCollapsed;
    if (!isApprovalId(approvalId)) {
      return { ok: false, reason: 'invalid_id', collapsed, problem: texts.invalidApprovalPage(ports.t) };
    }
    const api = mirror.api();
    if (!api) {
      const use = mirror.credential();
      const problem =
        !use.ok && use.reason === 'origin_changed' ? texts.originChanged(ports.t) : texts.notConnected(ports.t);
      return { ok: false, reason: 'not_configured', collapsed, problem };
    }

    const listed = mirror.listed();
    const offset = listed?.serverOffsetMs ?? 0;
    /** Other live approvals on the same contract, from the last list. */
    const others = (approval: { id: string; contractId?: string | null }) =>
      approval.contractId
        ? (listed?.approvals ?? []).filter(
            (a) => a.id !== approval.id && a.contractId === approval.contractId && isLive(a, ports.now(), offset),
          ).length
        : 0;
    const cachedAnswer = (failure?: PanelFailure): PanelResponse | null => {
      const cached = listed?.approvals.find((a) => a.id === approvalId);
      if (!cached) return null;
      return {
        ok: true,
        approval: cached,
        context: mirror.state.contexts[approvalId] ?? null,
        serverOffsetMs: offset,
        othersOnContract: others(cached),
        collapsed,
        fresh: false,
        ...(failure && { problem: failure.problem }),
      };
    };
    if (!fresh)
      return cachedAnswer() ?? { ok: false, reason: 'not_cached', collapsed, problem: texts.loadingApproval(ports.t) };

    await tracker.track(approvalId);
    // OpenTrain asked for a pause (Retry-After), or is failing (backoff): the panel waits too.
    const { notBefore, error } = mirror.state.pollStatus;
    if (notBefore != null && notBefore > ports.now() && error) {
      const { title, action } = problemFor(error.error, notBefore - ports.now(), ports.t);
      const failure: PanelFailure = { ok: false, reason: 'error', collapsed, problem: { title, action } };
      return cachedAnswer(failure) ?? failure;
    }
    const generation = mirror.generation();
    const read = await api.getApproval(approvalId);
    if (!read.ok) {
      const { title, action } = problemFor(read.error, null, ports.t);
      const gone = read.error.kind === 'not_found';
      const failure: PanelFailure = {
        ok: false,
        reason: gone ? 'not_found' : 'error',
        collapsed,
        problem: { title, action },
      };
      return gone ? failure : (cachedAnswer(failure) ?? failure);
    }
    const approval = read.data.approval;
    // Resolved meanwhile (this page is where the reviewer decides): a word for the Recent view.
    if (mirror.generation() === generation) await outcomes.afterRead(approval, offset);
    const { contexts, tracking } = mirror.state;
    const enriched = await enrichApprovals({
      api,
      approvals: [approval],
      contexts,
      jobTitles: tracking.jobTitles,
      jobTitlesAt: tracking.jobTitlesAt,
      nowMs: ports.now(),
      force: true,
    });
    const context = enriched.contexts[approval.id] ?? null;
    // Kept for the popup and the next panel only while it is in the list, for the same URL and token.
    if (
      context &&
      mirror.generation() === generation &&
      mirror.state.popupList?.rows.some((row) => row.id === approval.id)
    ) {
      await mirror.save({ contexts: idRecord([...Object.entries(mirror.state.contexts), [approval.id, context]]) });
    }
    return {
      ok: true,
      approval,
      context,
      // One answer's clock is used only as far as the rule for the server's clock trusts it.
      serverOffsetMs: observeServerOffset(mirror.state.pollStatus.serverClock, read.meta.serverOffsetMs).offsetMs,
      othersOnContract: others(approval),
      collapsed,
      fresh: true,
    };
  };
}
