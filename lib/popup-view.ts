/**
 * What the popup shows, derived from the stored state and the time: its state, the banner
 * (what happened, what to do) and the rows, soonest expiry first.
 */
import { isLive } from './expiry';
import type { Translate } from './i18n';
import type { PopupRow } from './popup-list';
import { problemFor } from './problem';
import type { State } from './state';

export type PopupKind = 'setup' | 'loading' | 'empty' | 'list';

export interface PopupBanner {
  id:
    | 'blocked'
    | 'missing-payments-scope'
    | 'offline'
    | 'error'
    | 'rate-limited'
    | 'incomplete'
    | 'origin-changed'
    | 'not-stored';
  tone: 'error' | 'info';
  title: string;
  action: string;
  /** The banner's button: open the options page. */
  toOptions: boolean;
}

export interface PopupView {
  kind: PopupKind;
  banner: PopupBanner | null;
  tracked: boolean;
  rows: PopupRow[];
  updatedAt: number | null;
  serverOffsetMs: number;
}

export type PopupState = Pick<State, 'token' | 'pollStatus' | 'popupList'>;

function bannerFor(state: PopupState, nowMs: number, t: Translate): PopupBanner | null {
  const { problem: own, error: failure, notBefore, nextPollAt } = state.pollStatus;
  if (own?.kind === 'origin_changed') {
    const [title, action] = [t('background.originChanged.title'), t('background.originChanged.action')];
    return { id: 'origin-changed', tone: 'error', title, action, toOptions: true };
  }
  if (own?.kind === 'storage' && !(failure && problemFor(failure.error, null, t).blocking)) {
    const [title, action] = [t('background.listNotSaved.title'), t('background.listNotSaved.action')];
    return { id: 'not-stored', tone: 'error', title, action, toOptions: false };
  }
  if (failure) {
    const { error } = failure;
    // The next request may not go before notBefore (Retry-After, backoff): that is when it retries.
    const next = notBefore ?? nextPollAt;
    const retryIn = next != null ? next - nowMs : null;
    const problem = problemFor(error, retryIn, t);
    if (error.kind === 'forbidden' && error.requiredScopes?.includes('payments:read')) {
      return {
        id: 'missing-payments-scope',
        tone: 'error',
        title: t('popup.banner.missingPaymentsScope'),
        action: problem.action,
        toOptions: true,
      };
    }
    if (problem.blocking)
      return { id: 'blocked', tone: 'error', title: problem.title, action: problem.action, toOptions: true };
    if (error.kind === 'network')
      return {
        id: 'offline',
        tone: 'error',
        title: t('popup.banner.offline'),
        action: problem.action,
        toOptions: false,
      };
    if (error.kind === 'rate_limited')
      return { id: 'rate-limited', tone: 'info', title: problem.title, action: problem.action, toOptions: false };
    return {
      id: 'error',
      tone: 'error',
      title: state.popupList ? t('popup.banner.withLastList', [problem.title]) : problem.title,
      action: problem.action,
      toOptions: false,
    };
  }
  if (state.popupList && !state.popupList.complete) {
    return {
      id: 'incomplete',
      tone: 'info',
      title: t('popup.banner.incomplete', state.popupList.rows.length),
      action: t('popup.banner.incompleteAction'),
      toOptions: false,
    };
  }
  return null;
}

export function popupView(state: PopupState, nowMs: number, t: Translate): PopupView {
  const list = state.popupList;
  const tracked = state.pollStatus.mode === 'tracked';
  const serverOffsetMs = list?.serverOffsetMs ?? 0;
  if (!state.token) return { kind: 'setup', banner: null, tracked: false, rows: [], updatedAt: null, serverOffsetMs };
  const banner = bannerFor(state, nowMs, t);
  if (!list) return { kind: 'loading', banner, tracked, rows: [], updatedAt: null, serverOffsetMs };
  // Stored soonest first; what expired since is no longer waiting.
  const rows = list.rows.filter((row) => isLive(row, nowMs, serverOffsetMs));
  return { kind: rows.length ? 'list' : 'empty', banner, tracked, rows, updatedAt: list.fetchedAt, serverOffsetMs };
}
