import { describe, expect, it } from 'vitest';
import { passesNotificationFilters } from '@/lib/notification-filter';
import { defaultSettings, settingsSchema } from '@/lib/settings';

describe('notification filters', () => {
  const all = defaultSettings();

  it('pass everything by default', () => {
    for (const type of ['proposal_hire', 'milestone_fund', 'milestone_approve', 'contract_end']) {
      expect(passesNotificationFilters({ type, amountUsd: 1 }, all)).toBe(true);
    }
  });

  it('drop the types left out, but never a type OpenTrain adds later', () => {
    const filters = { notifyTypes: ['milestone_fund'], minAmountUsd: null };
    expect(passesNotificationFilters({ type: 'milestone_fund', amountUsd: 5 }, filters)).toBe(true);
    expect(passesNotificationFilters({ type: 'contract_end', amountUsd: 5 }, filters)).toBe(false);
    expect(passesNotificationFilters({ type: 'refund', amountUsd: 5 }, filters)).toBe(true);
  });

  it('drop amounts below the minimum, and pass an amount not known', () => {
    const filters = { notifyTypes: all.notifyTypes, minAmountUsd: 100 };
    expect(passesNotificationFilters({ type: 'milestone_fund', amountUsd: 99.99 }, filters)).toBe(false);
    expect(passesNotificationFilters({ type: 'milestone_fund', amountUsd: 100 }, filters)).toBe(true);
    expect(passesNotificationFilters({ type: 'proposal_hire', amountUsd: null }, filters)).toBe(true);
  });

  it('read as their defaults from settings stored before they existed', () => {
    const { quietHours, breakThrough, notifyTypes, minAmountUsd, ...before } = defaultSettings();
    const parsed = settingsSchema.parse(before);
    expect(parsed).toEqual(defaultSettings());
  });
});
