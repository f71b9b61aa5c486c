import { describe, expect, it } from 'vitest';
import { type Outcome, RECENT_FOR_MS, RECENT_MAX, recordOutcomes } from '@/lib/outcomes';

const now = Date.parse('2026-11-23T10:00:00Z');
const outcome = (id: string, resolvedAt: number, status: Outcome['status'] = 'confirmed'): Outcome => ({
  row: {
    id,
    type: 'milestone_fund',
    status: 'pending',
    headline: 'Fund milestone',
    amountUsd: 10,
    detail: null,
    createdAt: '2026-11-20T10:00:00Z',
    expiresAt: '2026-11-23T10:00:00Z',
  },
  status,
  resolvedAt,
  announced: true,
});

describe('recent outcomes', () => {
  it('keeps one entry per approval, the latest word winning, newest first', () => {
    const known = [outcome('a', now - 5000), outcome('b', now - 1000)];
    const recorded = recordOutcomes(known, [outcome('a', now, 'declined')], now);
    expect(recorded.map((o) => [o.row.id, o.status])).toEqual([
      ['a', 'declined'],
      ['b', 'confirmed'],
    ]);
  });

  it('forgets what resolved more than a week ago, and keeps at most RECENT_MAX', () => {
    expect(recordOutcomes([outcome('old', now - RECENT_FOR_MS)], [], now)).toEqual([]);
    const many = Array.from({ length: RECENT_MAX + 5 }, (_, i) => outcome(`o${i}`, now - i));
    const kept = recordOutcomes([], many, now);
    expect(kept).toHaveLength(RECENT_MAX);
    expect(kept[0]?.row.id).toBe('o0');
  });
});
