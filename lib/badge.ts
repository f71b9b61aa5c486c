/** The toolbar badge, from one pure function of the state and the time. */
import type { ApiError } from './api/errors';
import { isLive, msUntilExpiry, urgencyOf, type Urgency } from './expiry';
import { formatDuration } from './format';
import { problemFor } from './problem';

export const BADGE_COLORS = {
  normal: '#3b5bdb',
  amber: '#b35900',
  red: '#c92a2a',
  problem: '#5c5f66',
} as const;

export type BadgeKind = 'setup' | 'loading' | 'problem' | 'count';

export interface Badge {
  kind: BadgeKind;
  text: string;
  color: string;
  title: string;
  urgency: Urgency | null;
}

export interface BadgeInput {
  hasToken: boolean;
  snapshot: {
    approvals: ReadonlyArray<{ id: string; status: string; expiresAt: string }>;
    fetchedAt: number;
    serverOffsetMs: number;
  } | null;
  error: { error: ApiError; at: number } | null;
  nextPollAt?: number | null;
  locale?: string;
}

const PREFIX = 'OpenTrain approvals';

export function countText(count: number): string {
  if (count <= 0) return '';
  return count > 99 ? '99+' : String(count);
}

export function badgeFor(input: BadgeInput, nowMs: number): Badge {
  if (!input.hasToken) {
    return {
      kind: 'setup',
      text: '!',
      color: BADGE_COLORS.problem,
      title: `${PREFIX}: not connected. Open the extension’s Options and add your OpenTrain API token.`,
      urgency: null,
    };
  }
  const { snapshot, error } = input;
  const time = (ms: number) => new Intl.DateTimeFormat(input.locale, { timeStyle: 'short' }).format(ms);
  const retryIn = input.nextPollAt != null ? input.nextPollAt - nowMs : null;
  const problem = error ? problemFor(error.error, retryIn) : null;

  let live: Array<{ msLeft: number }> = [];
  let summary = '';
  if (snapshot) {
    live = snapshot.approvals
      .filter((a) => isLive(a, nowMs, snapshot.serverOffsetMs))
      .map((a) => ({ msLeft: msUntilExpiry(a.expiresAt, nowMs, snapshot.serverOffsetMs) }));
    const soonest = live
      .map((a) => a.msLeft)
      .filter((ms) => !Number.isNaN(ms))
      .sort((a, b) => a - b)[0];
    const count = live.length;
    summary =
      count === 0 ? 'No approvals waiting for you.' : `${count} approval${count === 1 ? '' : 's'} waiting for you.`;
    if (soonest !== undefined) summary += ` Next expires in ${formatDuration(soonest)}.`;
    summary += ` Updated ${time(snapshot.fetchedAt)}.`;
  }

  if (problem?.glyph) {
    const kept = snapshot ? ` Last good list: ${summary}` : '';
    return {
      kind: 'problem',
      text: problem.glyph,
      color: BADGE_COLORS.problem,
      title: `${PREFIX}: ${problem.title} ${problem.action}${kept}`,
      urgency: null,
    };
  }
  if (!snapshot) {
    return {
      kind: 'loading',
      text: '…',
      color: BADGE_COLORS.problem,
      title: `${PREFIX}: loading your pending approvals…`,
      urgency: null,
    };
  }
  const urgencies = live.map((a) => urgencyOf(a.msLeft));
  const urgency: Urgency = urgencies.includes('red') ? 'red' : urgencies.includes('amber') ? 'amber' : 'normal';
  const note = problem ? ` ${problem.title} ${problem.action}` : '';
  return {
    kind: 'count',
    text: countText(live.length),
    color: BADGE_COLORS[urgency === 'red' ? 'red' : urgency === 'amber' ? 'amber' : 'normal'],
    title: `${PREFIX}: ${summary}${note}`,
    urgency: live.length ? urgency : null,
  };
}
