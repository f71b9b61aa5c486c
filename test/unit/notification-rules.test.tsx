// @vitest-environment happy-dom
/** Options: quiet hours, break-through and filters, saved on their own without a token check. */
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Options } from '@/entrypoints/options/Options';
import { formFromRules, rulesFromForm, weekdayName } from '@/lib/notification-rules';
import { defaultSettings } from '@/lib/state';
import { fixture } from '../support/fixtures';

describe('the form read into rules', () => {
  const form = formFromRules(defaultSettings());

  it('starts from the stored rules, times as HH:MM', () => {
    expect(form).toMatchObject({
      quietEnabled: false,
      start: '22:00',
      end: '07:00',
      minAmount: '',
      breakThrough: true,
    });
    expect(rulesFromForm(form)).toEqual({
      ok: true,
      rules: {
        quietHours: defaultSettings().quietHours,
        breakThrough: true,
        notifyTypes: defaultSettings().notifyTypes,
        minAmountUsd: null,
      },
    });
  });

  it('refuses times that do not read, quiet hours on with no day, and a negative amount', () => {
    expect(rulesFromForm({ ...form, start: '' })).toEqual({ ok: false, problem: 'time' });
    expect(rulesFromForm({ ...form, end: '25:00' })).toEqual({ ok: false, problem: 'time' });
    expect(rulesFromForm({ ...form, quietEnabled: true, days: [] })).toEqual({ ok: false, problem: 'days' });
    expect(rulesFromForm({ ...form, quietEnabled: false, days: [] }).ok).toBe(true);
    expect(rulesFromForm({ ...form, minAmount: '-1' })).toEqual({ ok: false, problem: 'amount' });
    expect(rulesFromForm({ ...form, minAmount: 'abc' })).toEqual({ ok: false, problem: 'amount' });
  });

  it('reads an amount of 0 and more, days in order, known types only', () => {
    const read = rulesFromForm({ ...form, minAmount: ' 0 ', days: [5, 1, 5], notifyTypes: ['contract_end', 'x'] });
    expect(read).toMatchObject({
      ok: true,
      rules: { minAmountUsd: 0, quietHours: { days: [1, 5] }, notifyTypes: ['contract_end'] },
    });
  });

  it('names weekdays in the page’s language', () => {
    expect([1, 0].map((d) => weekdayName(d, 'en'))).toEqual(['Monday', 'Sunday']);
    expect(weekdayName(3, 'de')).toBe('Mittwoch');
  });
});

describe('the options page’s rules', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(cleanup);

  it('saves quiet hours and filters into the settings alone: no token check, the rest kept', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    const stored = { ...defaultSettings(), intervalSec: 90, account: null };
    await fakeBrowser.storage.local.set({ token: 'ot_pat_old', settings: stored });
    render(<Options initialSettings={stored} hasToken />);
    fireEvent.click(screen.getByLabelText('Hold notifications during quiet hours'));
    fireEvent.click(screen.getByLabelText('Sunday'));
    fireEvent.input(screen.getByLabelText('From'), { target: { value: '21:30' } });
    fireEvent.input(screen.getByLabelText('Until'), { target: { value: '06:45' } });
    fireEvent.click(screen.getByLabelText('Hire'));
    fireEvent.input(screen.getByLabelText('Minimum amount (USD)'), { target: { value: '250' } });
    fireEvent.click(screen.getByLabelText(/^Let an approval that expires within 1 h through/));
    fireEvent.click(screen.getByRole('button', { name: 'Apply quiet hours and filters' }));
    await vi.waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('Quiet hours and filters are in effect.'),
    );
    expect(fetch).not.toHaveBeenCalled();
    expect((await fakeBrowser.storage.local.get('settings')).settings).toEqual({
      ...stored,
      quietHours: { enabled: true, days: [1, 2, 3, 4, 5, 6], startMin: 21 * 60 + 30, endMin: 6 * 60 + 45 },
      breakThrough: false,
      notifyTypes: ['milestone_fund', 'milestone_approve', 'contract_end'],
      minAmountUsd: 250,
    });
    expect((await fakeBrowser.storage.local.get('token')).token).toBe('ot_pat_old');
  });

  it('says what is wrong, and stores nothing', async () => {
    await fakeBrowser.storage.local.set({ settings: defaultSettings() });
    render(<Options initialSettings={defaultSettings()} hasToken={false} />);
    fireEvent.input(screen.getByLabelText('Minimum amount (USD)'), { target: { value: '-5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply quiet hours and filters' }));
    await vi.waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'Enter a minimum amount of 0 or more, or leave it empty for any amount.',
      ),
    );
    fireEvent.input(screen.getByLabelText('Minimum amount (USD)'), { target: { value: '' } });
    fireEvent.click(screen.getByLabelText('Hold notifications during quiet hours'));
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) {
      fireEvent.click(screen.getByLabelText(day));
    }
    fireEvent.click(screen.getByRole('button', { name: 'Apply quiet hours and filters' }));
    await vi.waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('Choose at least one day for quiet hours, or turn them off.'),
    );
    expect((await fakeBrowser.storage.local.get('settings')).settings).toEqual(defaultSettings());
  });

  it('keeps saved rules when the connection is saved afterwards', async () => {
    fakeBrowser.permissions.request = vi.fn().mockResolvedValue(true);
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      new Response(JSON.stringify(fixture('auth-me.json')), { status: 200 }),
    );
    await fakeBrowser.storage.local.set({ token: 'ot_pat_old', settings: defaultSettings() });
    render(<Options initialSettings={defaultSettings()} hasToken />);
    fireEvent.click(screen.getByLabelText('End contract'));
    fireEvent.click(screen.getByRole('button', { name: 'Apply quiet hours and filters' }));
    await vi.waitFor(() =>
      expect(screen.getByTestId('rules-status').textContent).toBe('Quiet hours and filters are in effect.'),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(screen.getByTestId('options-status').textContent).toContain('Saved.'));
    const { settings } = await fakeBrowser.storage.local.get('settings');
    expect(settings).toMatchObject({ notifyTypes: ['proposal_hire', 'milestone_fund', 'milestone_approve'] });
  });
});
