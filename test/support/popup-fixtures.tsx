/**
 * What the popup tests (English and German) share: a frozen clock, three pending approvals of
 * different types with their context, a failing poll status, and the popup rendered from a state.
 */
import { cleanup, render } from '@testing-library/preact';
import { afterEach, beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '@/entrypoints/popup/App';
import type { ApiError } from '@/lib/api/errors';
import type { PopupState } from '@/lib/popup-view';
import { defaultState } from '@/lib/state';
import { HOUR, MINUTE } from '@/lib/time';
import { approval, context } from './approvals';

export const NOW = Date.parse('2026-11-22T10:00:00Z');

/** The fake browser reset and the clock frozen at NOW for each test (timers the popup ticks with). */
export function usePopupClock(): void {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });
}

/** Ending a contract (50 h left), funding a milestone (40 min), releasing a payment (5 h). */
export const approvals = [
  approval({ id: 'late', type: 'contract_end', contractId: 'c2', milestoneId: null }, NOW, 50 * HOUR),
  approval({ id: 'soon', type: 'milestone_fund' }, NOW, 40 * MINUTE),
  approval({ id: 'mid', type: 'milestone_approve' }, NOW, 5 * HOUR),
];

export const contexts = {
  soon: context(),
  mid: context({
    milestone: { id: 'm2', name: 'Polygon QA round 1', status: 'ACTIVE_FUNDED', amountUsd: 1200 },
    freelancerName: 'Kenji T.',
    contractTitle: 'Segmentation QA Contract',
  }),
  late: context({ contractTitle: 'Podcast Transcription Contract', fundedUsd: 600, milestone: undefined }),
};

/** The poll status after one failed poll. */
export const failingStatus = (error: ApiError, nextPollAt: number | null = null): PopupState['pollStatus'] => ({
  ...defaultState().pollStatus,
  failures: 1,
  nextPollAt,
  error: { error, at: NOW },
});

export const showPopup = (state: PopupState) => render(<App initial={state} autoRefresh={false} />);
