// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { i18n } from '#i18n';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Countdown } from '@/components/Countdown';
import type { ApiError } from '@/lib/api/errors';
import { popupListFor } from '@/lib/popup-list';
import type { PopupState } from '@/lib/popup-view';
import { defaultState } from '@/lib/state';
import { HOUR, MINUTE } from '@/lib/time';
import { approval } from '../support/approvals';
import { useLocale } from '../support/i18n';
import { approvals as common, contexts, failingStatus, NOW, showPopup, usePopupClock } from '../support/popup-fixtures';

beforeAll(() => useLocale('en', 'en-US'));
usePopupClock();

const approvals = [...common, approval({ id: 'gone', type: 'milestone_fund' }, NOW, -MINUTE)];
function stateWith({
  token = 'ot_pat_x' as string | null,
  list = approvals,
  withContexts = contexts,
  pollStatus = defaultState().pollStatus,
  loaded = true,
}: {
  token?: string | null;
  list?: typeof approvals;
  withContexts?: typeof contexts;
  pollStatus?: PopupState['pollStatus'];
  loaded?: boolean;
} = {}): PopupState {
  const snapshot = { fetchedAt: NOW - 2 * MINUTE, serverOffsetMs: 0, complete: true, approvals: list };
  return { token, pollStatus, popupList: loaded ? popupListFor(snapshot, withContexts, i18n.t) : null };
}
const failing = (error: ApiError) => ({ pollStatus: failingStatus(error) });
const show = showPopup;

describe('popup states', () => {
  it('no token: one button to the options page', () => {
    const openOptions = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue();
    show(stateWith({ token: null }));
    expect(screen.getByTestId('state-setup').textContent).toContain('Connect your OpenTrain account');
    fireEvent.click(screen.getByRole('button', { name: 'Open Options to add your API token' }));
    expect(openOptions).toHaveBeenCalled();
  });

  it('first load', () => {
    show(stateWith({ loaded: false }));
    expect(screen.getByTestId('state-loading').textContent).toBe('Loading your pending approvals…');
  });

  it('empty', () => {
    show(stateWith({ list: [] }));
    expect(screen.getByTestId('state-empty').textContent).toBe('Nothing waiting for you.');
    expect(screen.getByTestId('count').textContent).toBe('0');
  });

  it('the list: soonest expiry first, in words, amounts in USD, expired ones gone', () => {
    show(stateWith());
    const rows = screen.getAllByTestId('approval-row');
    expect(rows.map((r) => r.dataset.approvalId)).toEqual(['soon', 'mid', 'late']);
    expect(rows[0]!.textContent).toContain('Fund milestone “First labeling batch”$300.00');
    expect(rows[0]!.textContent).toContain('Spanish Sentiment Labeling Contract · Maria G.');
    expect(rows[0]!.textContent).toContain('expires in 40 min');
    expect(rows[0]!.textContent).toContain('asked 1 hour ago');
    expect(rows[1]!.textContent).toContain('Release payment “Polygon QA round 1”$1,200.00');
    expect(rows[2]!.textContent).toContain('End contract “Podcast Transcription Contract”$600.00');
    expect(screen.getByTestId('count').textContent).toBe('3');
    expect(screen.getByTestId('updated').textContent).toBe('Updated 2 minutes ago');
    expect(screen.getByRole('list', { name: 'Pending approvals, soonest expiry first' })).toBeTruthy();
  });

  it('a row stored before rows kept their subject shows its stored headline', () => {
    const state = stateWith({ list: [approval({ id: 'soon', type: 'milestone_fund' }, NOW, 40 * MINUTE)] });
    const { subject: _, ...legacy } = state.popupList!.rows[0]!;
    show({ ...state, popupList: { ...state.popupList!, rows: [{ ...legacy, headline: 'Stored headline' }] } });
    expect(screen.getByTestId('approval-row').textContent).toContain('Stored headline$300.00');
  });

  it('an unknown type still gets a row, with its raw type', () => {
    show(stateWith({ list: [approval({ id: 'new', type: 'budget_increase' }, NOW, 10 * HOUR)] }));
    expect(screen.getByTestId('approval-row').textContent).toContain('Approve “budget_increase”');
  });

  it('an error keeps the last good list, with a banner saying what failed and what to do', () => {
    show(stateWith(failing({ kind: 'server', status: 500 })));
    expect(screen.getAllByTestId('approval-row')).toHaveLength(3);
    const banner = screen.getByRole('alert');
    expect(banner.textContent).toContain('OpenTrain answered with an error (HTTP 500). Showing the last list we got.');
    expect(banner.textContent).toContain('Retrying automatically.');
  });

  it('offline', () => {
    show(stateWith(failing({ kind: 'network' })));
    expect(screen.getByRole('alert').textContent).toContain('You seem to be offline: showing the last list we got.');
    expect(screen.getAllByTestId('approval-row')).toHaveLength(3);
  });

  it('a token missing payments:read, with the way to the options page', () => {
    const openOptions = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue();
    show(stateWith({ ...failing({ kind: 'forbidden', requiredScopes: ['payments:read'] }), loaded: false }));
    const banner = screen.getByRole('alert');
    expect(banner.textContent).toContain('This token cannot read approvals: it lacks the payments:read scope.');
    expect(banner.textContent).toContain('Settings → API keys');
    fireEvent.click(within(banner).getByRole('button', { name: 'Open Options' }));
    expect(openOptions).toHaveBeenCalled();
  });

  it('a rejected token', () => {
    show(stateWith(failing({ kind: 'unauthorized' })));
    expect(screen.getByRole('alert').textContent).toContain('OpenTrain rejected the API token');
  });

  it('tracked mode explains itself and takes a pasted link', async () => {
    const sendMessage = vi
      .spyOn(fakeBrowser.runtime, 'sendMessage')
      .mockResolvedValue({ ok: true, approvalId: 'apr_9' } as never);
    show(stateWith({ pollStatus: { ...defaultState().pollStatus, mode: 'tracked' } }));
    expect(screen.getByTestId('tracked-mode').textContent).toContain('does not list approvals');
    const field = screen.getByLabelText('Approval link') as HTMLInputElement;
    fireEvent.input(field, { target: { value: 'https://app.opentrain.ai/approvals/apr_9' } });
    fireEvent.submit(field.form!);
    await vi.waitFor(() => expect(screen.getByRole('status').textContent).toBe('Following approval apr_9.'));
    expect(sendMessage).toHaveBeenCalledWith({ type: 'track', input: 'https://app.opentrain.ai/approvals/apr_9' });
  });

  it('arrow keys move through the rows', () => {
    show(stateWith());
    const buttons = screen.getAllByRole('button', { name: /^Open in OpenTrain/ });
    buttons[0]!.focus();
    fireEvent.keyDown(buttons[0]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(buttons[1]);
    fireEvent.keyDown(buttons[1]!, { key: 'End' });
    expect(document.activeElement).toBe(buttons[2]);
    fireEvent.keyDown(buttons[2]!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(buttons[1]);
    expect(buttons[0]!.getAttribute('aria-label')).toBe(
      'Open in OpenTrain: Fund milestone “First labeling batch”, $300.00',
    );
  });
});

describe('the countdown', () => {
  const at = (left: number) => {
    cleanup();
    render(<Countdown expiresAt={new Date(NOW + left).toISOString()} nowMs={NOW} serverOffsetMs={0} />);
    const el = screen.getByTestId('countdown');
    return [el.textContent, el.dataset.urgency];
  };
  it('is plain over 6 h, amber under 6 h, red under 1 h, and "expired" once past', () => {
    expect(at(3 * HOUR + 12 * MINUTE)).toEqual(['expires in 3 h 12 min', 'amber']);
    expect(at(6 * HOUR + MINUTE)).toEqual(['expires in 6 h 1 min', 'normal']);
    expect(at(6 * HOUR)).toEqual(['expires in 6 h', 'amber']);
    expect(at(HOUR)).toEqual(['expires in 1 h', 'red']);
    expect(at(30 * 1000)).toEqual(['expires in under 1 min', 'red']);
    expect(at(-1)).toEqual(['expired', 'expired']);
  });

  it('ticks with the clock in the popup', async () => {
    show(stateWith({ list: [approval({ id: 'soon', type: 'milestone_fund' }, NOW, 61 * MINUTE)] }));
    expect(screen.getByTestId('countdown').dataset.urgency).toBe('amber');
    await act(() => {
      vi.advanceTimersByTime(2 * MINUTE);
    });
    expect(screen.getByTestId('countdown').textContent).toBe('expires in 59 min');
    expect(screen.getByTestId('countdown').dataset.urgency).toBe('red');
  });
});
