import { describe, expect, it } from 'vitest';
import type { PollOutcome } from '@/lib/poll-cycle';
import { defaultPollStatus, defaultTracking, recordPoll, type RecordInput } from '@/lib/poll-record';
import { MINUTE, SECOND } from '@/lib/time';
import { approval } from '../support/approvals';

const NOW = Date.parse('2026-11-22T10:00:00Z');
const tracking = defaultTracking();
const ok: PollOutcome = {
  ok: true,
  mode: 'list',
  listProbeAt: null,
  listMisses: 0,
  approvals: [approval({ id: 'apr_a' }, NOW, MINUTE)],
  complete: true,
  serverClock: { offsetMs: 1500, lastObservedMs: 1500 },
  etag: null,
  pollIntervalSec: null,
  tracking,
  requests: 1,
  resolutions: [],
};
const failed = (error: Extract<PollOutcome, { ok: false }>['error']): PollOutcome => ({
  ok: false,
  error,
  mode: 'list',
  listProbeAt: null,
  listMisses: 0,
  tracking,
  requests: 1,
});
const input = (outcome: PollOutcome, over: Partial<RecordInput> = {}): RecordInput => ({
  outcome,
  pollStatus: defaultPollStatus(),
  tracking,
  trackedAtStart: [],
  nowMs: NOW,
  intervalMs: 60 * SECOND,
  random: 0,
  ...over,
});

describe('recording a poll', () => {
  it('a success: the new list, a healthy status, the interval', () => {
    const record = recordPoll(input(ok, { pollStatus: { ...defaultPollStatus(), failures: 4, lastAttemptAt: NOW } }));
    expect(record.listed).toEqual({
      fetchedAt: NOW,
      serverOffsetMs: 1500,
      complete: true,
      etag: null,
      approvals: ok.ok ? ok.approvals : [],
    });
    expect(record.pollStatus).toEqual({
      ...defaultPollStatus(),
      lastAttemptAt: NOW,
      lastSuccessAt: NOW,
      failures: 0,
      error: null,
      serverClock: { offsetMs: 1500, lastObservedMs: 1500 },
    });
    expect(record.nextPollDelayMs).toBe(60 * SECOND);
  });

  it('a failure: the error, one more failure, the last list kept, a backed-off delay', () => {
    const record = recordPoll(
      input(failed({ kind: 'server', status: 500 }), { pollStatus: { ...defaultPollStatus(), failures: 1 } }),
    );
    expect(record.listed).toBeUndefined();
    expect(record.pollStatus).toMatchObject({ failures: 2, error: { error: { kind: 'server' }, at: NOW } });
    expect(record.nextPollDelayMs).toBe(60 * SECOND); // half of 2 × 60 s, with random 0
  });

  it('honours Retry-After, and stops after a credential error', () => {
    expect(recordPoll(input(failed({ kind: 'rate_limited', retryAfterMs: 5 * MINUTE }))).nextPollDelayMs).toBe(
      5 * MINUTE,
    );
    expect(recordPoll(input(failed({ kind: 'unauthorized' }))).nextPollDelayMs).toBeNull();
    expect(recordPoll(input(failed({ kind: 'forbidden' }))).nextPollDelayMs).toBeNull();
    expect(recordPoll(input(failed({ kind: 'network' }), { random: 0.5 })).nextPollDelayMs).toBe(60 * SECOND + 500);
  });

  it('holds back the next request after what OpenTrain refused or failed, not after being offline', () => {
    const at = (error: Extract<PollOutcome, { ok: false }>['error']) =>
      recordPoll(input(failed(error))).pollStatus.notBefore;
    expect(at({ kind: 'rate_limited', retryAfterMs: 5 * MINUTE })).toBe(NOW + 5 * MINUTE);
    expect(at({ kind: 'server', status: 503 })).toBe(NOW + 30 * SECOND);
    expect(at({ kind: 'network' })).toBeNull();
    expect(at({ kind: 'unauthorized' })).toBeNull();
    const recovered = recordPoll(input(ok, { pollStatus: { ...defaultPollStatus(), notBefore: NOW } }));
    expect(recovered.pollStatus.notBefore).toBeNull();
  });

  it('keeps ids reported while the poll ran, before the ones it still follows', () => {
    const outcome = { ...ok, mode: 'tracked' as const, tracking: { ...tracking, ids: ['apr_a'] } };
    const record = recordPoll(
      input(outcome, {
        trackedAtStart: ['apr_a', 'apr_gone'],
        tracking: { ...tracking, ids: ['apr_new', 'apr_a', 'apr_gone'] },
      }),
    );
    expect(record.tracking.ids).toEqual(['apr_new', 'apr_a']);
    expect(record.pollStatus.mode).toBe('tracked');
  });
});
