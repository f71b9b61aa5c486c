/** "Expired without a decision" (lib/outcome-notifications.ts): once, only for what was announced, as the settings say. */
import { beforeAll, describe, expect, it } from 'vitest';
import { i18n } from '#i18n';
import {
  approvalIdForExpiredNotice,
  EXPIRED_NOTICE_WITHIN_MS,
  type ExpiredNoticeInput,
  expiredNoticeId,
  planExpiredNotices,
} from '@/lib/outcome-notifications';
import type { Outcome } from '@/lib/outcomes';
import { defaultSettings } from '@/lib/state';
import { MINUTE } from '@/lib/time';
import { useLocale } from '../support/i18n';

const NOW = Date.parse('2026-11-22T10:00:00Z');

function outcome(id: string, fields: Partial<Outcome> = {}): Outcome {
  return {
    row: {
      id,
      type: 'milestone_fund',
      status: 'pending',
      subject: 'First labeling batch',
      headline: 'Fund milestone “First labeling batch”',
      amountUsd: 300,
      detail: 'Spanish Sentiment Labeling Contract · Maria G.',
      createdAt: '2026-11-19T10:00:00Z',
      expiresAt: '2026-11-22T09:59:00Z',
    },
    status: 'expired',
    resolvedAt: NOW - MINUTE,
    announced: true,
    ...fields,
  };
}

const plan = (outcomes: Outcome[], fields: Partial<ExpiredNoticeInput> = {}) =>
  planExpiredNotices({
    outcomes,
    settings: defaultSettings(),
    held: false,
    nowMs: NOW,
    t: i18n.t,
    locale: 'en',
    ...fields,
  });

describe('expired without a decision', () => {
  it('tells once which approval expired and that the agent must ask again; the outcome remembers it', () => {
    const first = plan([outcome('a')]);
    expect(first.show).toEqual([
      {
        id: 'expired:a',
        title: 'Expired without a decision',
        message:
          'Fund milestone “First labeling batch”, $300.00. Nobody confirmed or declined it in time, so the agent must ask again with a new approval.',
      },
    ]);
    expect(first.outcomes).toEqual([{ ...outcome('a'), noticeShownAt: NOW }]);
    expect(plan(first.outcomes, { nowMs: NOW + MINUTE }).show).toEqual([]);
  });

  it('says nothing about an approval the reviewer was never told about, nor one someone decided', () => {
    const outcomes = [
      outcome('quiet', { announced: false }),
      outcome('yes', { status: 'confirmed' }),
      outcome('no', { status: 'declined' }),
    ];
    const planned = plan(outcomes);
    expect(planned.show).toEqual([]);
    expect(planned.outcomes).toBe(outcomes); // nothing to store
  });

  it('waits while notifications are held, and is shown once they resume, within a day of the expiry', () => {
    expect(plan([outcome('a')], { held: true }).show).toEqual([]);
    expect(plan([outcome('a')], { nowMs: NOW + 30 * MINUTE }).show.map((s) => s.id)).toEqual(['expired:a']);
    expect(plan([outcome('a')], { nowMs: NOW - MINUTE + EXPIRED_NOTICE_WITHIN_MS }).show).toEqual([]);
  });

  it('follows the settings: none with both notification kinds off, none for what the filters leave out', () => {
    const settings = defaultSettings();
    expect(plan([outcome('a')], { settings: { ...settings, notifyNew: false } }).show).toHaveLength(1);
    expect(plan([outcome('a')], { settings: { ...settings, notifyNew: false, notifyReminders: false } }).show).toEqual(
      [],
    );
    expect(plan([outcome('a')], { settings: { ...settings, notifyTypes: ['contract_end'] } }).show).toEqual([]);
    expect(plan([outcome('a')], { settings: { ...settings, minAmountUsd: 500 } }).show).toEqual([]);
  });

  it('words a row stored without a subject by its stored headline, and one without an amount without it', () => {
    const row = {
      ...outcome('a').row,
      subject: undefined,
      headline: 'Hire Amara O.',
      type: 'proposal_hire',
      amountUsd: null,
    };
    expect(plan([outcome('a', { row })]).show[0]?.message).toMatch(/^Hire Amara O\. Nobody confirmed/);
  });

  it('a click on it opens the approval', () => {
    expect(approvalIdForExpiredNotice(expiredNoticeId('apr_1'))).toBe('apr_1');
    expect(approvalIdForExpiredNotice('new:apr_1')).toBeNull();
    expect(approvalIdForExpiredNotice('expired:')).toBeNull();
  });
});

describe('in German', () => {
  beforeAll(() => useLocale('de'));

  it('says the same', () => {
    const [notice] = plan([outcome('a')], { locale: 'de' }).show;
    expect(notice?.title).toBe('Abgelaufen ohne Entscheidung');
    expect(notice?.message).toContain('muss der Agent mit einer neuen Freigabe erneut fragen');
    expect(notice?.message).toContain('300,00');
  });
});
