/** What became of approvals, learnt from the event feed, reads and the list itself (lib/outcome-learning.ts). */
import { describe, expect, it } from 'vitest';
import { updateEventSchema, updatesSchema } from '@/lib/api/schemas';
import { idRecord } from '@/lib/id-record';
import {
  learnFromApproval,
  learnFromPoll,
  learnFromReads,
  OUTCOME_READS_PER_POLL,
  type OutcomeMemory,
  type PollLearning,
  readsDue,
  resolutionOfApproval,
  resolutionOfEvent,
  wasAnnounced,
} from '@/lib/outcome-learning';
import { type Outcome, RECENT_FOR_MS } from '@/lib/outcomes';
import type { PopupList, PopupRow } from '@/lib/popup-list';
import { DAY, HOUR, MINUTE, SECOND } from '@/lib/time';
import { approval } from '../support/approvals';
import { fixture } from '../support/fixtures';

const NOW = Date.parse('2026-11-22T10:00:00Z');
const OFFSET = 2 * SECOND; // the server's clock runs 2 s ahead

function row(id: string, expiresInMs: number, fields: Partial<PopupRow> = {}): PopupRow {
  return {
    id,
    type: 'milestone_fund',
    status: 'pending',
    subject: `Batch ${id}`,
    headline: `Fund milestone “Batch ${id}”`,
    amountUsd: 300,
    detail: null,
    createdAt: new Date(NOW - HOUR).toISOString(),
    expiresAt: new Date(NOW + expiresInMs).toISOString(),
    ...fields,
  };
}

const list = (fetchedAt: number, rows: PopupRow[], complete = true): NonNullable<PopupList> => ({
  fetchedAt,
  serverOffsetMs: OFFSET,
  complete,
  rows,
});

const empty = (): OutcomeMemory => ({ outcomes: [], resolving: idRecord() });
const announced = idRecord([
  ['a', { new: NOW - HOUR, expiresAt: '' }],
  ['b', { reminder: NOW - HOUR, expiresAt: '' }],
]);

function poll(fields: Partial<PollLearning> & Pick<PollLearning, 'current'>): OutcomeMemory {
  return learnFromPoll({ ...empty(), previous: null, resolutions: [], notified: announced, nowMs: NOW, ...fields });
}

const statuses = (memory: OutcomeMemory) => memory.outcomes.map((o) => [o.row.id, o.status]);

describe('what OpenTrain says', () => {
  it('reads approval.confirmed in both documented forms, any case, for every terminal state', () => {
    const feed = updatesSchema.parse(fixture('updates-poll.json'));
    expect(feed.events.map(resolutionOfEvent)).toEqual([
      null, // proposal.received
      { id: '<APPROVAL_ID>', status: 'confirmed', serverAt: Date.parse('2026-06-12T10:05:00.000Z') },
    ]);
    const event = (data: unknown) =>
      updateEventSchema.parse({ id: '1', type: 'approval.confirmed', createdAt: 'soon', resourceId: 'x', data });
    // The richer form (human-approvals page), its type in upper case; a status in upper case too.
    expect(resolutionOfEvent(event(fixture('approval-confirmed-event.json')))).toEqual({
      id: '<APPROVAL_ID>',
      status: 'confirmed',
      serverAt: null, // an unreadable time: learnt now
    });
    expect(resolutionOfEvent(event({ approvalId: 'x', status: 'DECLINED' }))?.status).toBe('declined');
    expect(resolutionOfEvent(event({ approvalId: 'x', status: 'expired' }))?.status).toBe('expired');
    expect(resolutionOfEvent(event({ approvalId: 'x', status: 'pending' }))).toBeNull();
    expect(resolutionOfEvent(event({ approvalId: 'x', status: 'cancelled' }))).toBeNull(); // not a status we know
    expect(resolutionOfEvent(event({ status: 'confirmed' }))).toBeNull();
  });

  it('reads an approval: its status and resolvedAt; pending is no outcome', () => {
    const confirmed = approval({ id: 'x', status: 'confirmed', resolvedAt: '2026-11-22T09:00:00Z' }, NOW, HOUR);
    expect(resolutionOfApproval(confirmed)).toEqual({
      id: 'x',
      status: 'confirmed',
      serverAt: Date.parse('2026-11-22T09:00:00Z'),
    });
    expect(resolutionOfApproval(approval({ id: 'x' }, NOW, HOUR))).toBeNull();
  });

  it('announced means told as new or reminded', () => {
    expect(wasAnnounced(announced, 'a')).toBe(true);
    expect(wasAnnounced(announced, 'b')).toBe(true);
    expect(wasAnnounced(announced, 'c')).toBe(false);
    expect(wasAnnounced(announced, 'constructor')).toBe(false);
  });
});

describe('after a poll', () => {
  it('records a resolution the poll read, with its row, on the local clock, and only for listed approvals', () => {
    const previous = list(NOW - MINUTE, [row('a', HOUR), row('z', HOUR)]);
    const memory = poll({
      previous,
      current: list(NOW, [row('z', HOUR)]),
      resolutions: [
        { id: 'a', status: 'declined', serverAt: NOW - 30 * SECOND + OFFSET },
        { id: 'never-listed', status: 'confirmed', serverAt: null },
      ],
    });
    expect(memory.outcomes).toEqual([
      { row: previous.rows[0], status: 'declined', resolvedAt: NOW - 30 * SECOND, announced: true },
    ]);
    expect(memory.resolving).toEqual({});
  });

  it('never dates a resolution before the list that last showed it pending (a wrong clock, an old event time)', () => {
    const memory = poll({
      previous: list(NOW - MINUTE, [row('a', HOUR)]),
      current: list(NOW, []),
      resolutions: [{ id: 'a', status: 'confirmed', serverAt: 0 }],
    });
    expect(memory.outcomes[0]?.resolvedAt).toBe(NOW - MINUTE);
  });

  it('an approval that left the list before its expiry waits for a read; announced is kept for it', () => {
    const memory = poll({
      previous: list(NOW - MINUTE, [row('a', HOUR), row('c', HOUR)]),
      current: list(NOW, []),
    });
    expect(memory.outcomes).toEqual([]);
    expect(memory.resolving).toEqual({
      a: { row: row('a', HOUR), announced: true, since: NOW },
      c: { row: row('c', HOUR), announced: false, since: NOW },
    });
  });

  it('an approval last listed pending after its expiry has expired: no read needed', () => {
    // Listed at NOW - MINUTE, when (on the server's clock) it had expired 1 s before.
    const expiredAtListing = row('a', -MINUTE + OFFSET - SECOND);
    const memory = poll({ previous: list(NOW - MINUTE, [expiredAtListing]), current: list(NOW, []) });
    expect(statuses(memory)).toEqual([['a', 'expired']]);
    expect(memory.outcomes[0]?.resolvedAt).toBe(NOW - MINUTE - SECOND);
    expect(memory.resolving).toEqual({});
  });

  it('an approval left before its expiry but gone after it is not guessed: confirmed in its last minute, it must be read', () => {
    const memory = poll({ previous: list(NOW - MINUTE, [row('a', -30 * SECOND)]), current: list(NOW, []) });
    expect(memory.outcomes).toEqual([]);
    expect(Object.keys(memory.resolving)).toEqual(['a']);
  });

  it('an approval still listed as pending after its expiry has expired', () => {
    const memory = poll({ current: list(NOW, [row('a', -SECOND - OFFSET), row('b', HOUR)]) });
    expect(statuses(memory)).toEqual([['a', 'expired']]);
  });

  it('learns nothing from what a list cut at the page cap lacks, nor from a first list', () => {
    expect(poll({ previous: list(NOW - MINUTE, [row('a', HOUR)]), current: list(NOW, [], false) })).toEqual(empty());
    expect(poll({ previous: null, current: list(NOW, [row('a', HOUR)]) })).toEqual(empty());
  });

  it('an approval listed again is no longer waiting for a read', () => {
    const waiting = poll({ previous: list(NOW - MINUTE, [row('a', HOUR)]), current: list(NOW, []) });
    const back = learnFromPoll({
      ...waiting,
      previous: list(NOW, []),
      current: list(NOW + MINUTE, [row('a', HOUR)]),
      resolutions: [],
      notified: announced,
      nowMs: NOW + MINUTE,
    });
    expect(back).toEqual(empty());
  });

  it('records each approval once: a later word changes nothing, the notice stays shown', () => {
    const known: Outcome = {
      row: row('a', HOUR),
      status: 'expired',
      resolvedAt: NOW - MINUTE,
      announced: true,
      noticeShownAt: NOW,
    };
    const memory = learnFromPoll({
      outcomes: [known],
      resolving: idRecord(),
      previous: list(NOW - MINUTE, [row('a', HOUR)]),
      current: list(NOW, []),
      resolutions: [{ id: 'a', status: 'expired', serverAt: NOW }],
      notified: announced,
      nowMs: NOW,
    });
    expect(memory).toEqual({ outcomes: [known], resolving: {} });
  });

  it('forgets, after the week, an approval never read and an outcome', () => {
    const old: Outcome = {
      row: row('o', HOUR),
      status: 'confirmed',
      resolvedAt: NOW - RECENT_FOR_MS,
      announced: false,
    };
    const memory = learnFromPoll({
      outcomes: [old],
      resolving: idRecord([['w', { row: row('w', HOUR), announced: true, since: NOW - RECENT_FOR_MS }]]),
      previous: null,
      current: list(NOW, []),
      resolutions: [],
      notified: announced,
      nowMs: NOW,
    });
    expect(memory).toEqual(empty());
  });
});

describe('reads of approvals that left the list', () => {
  const waiting = (): OutcomeMemory =>
    poll({
      previous: list(
        NOW - MINUTE,
        ['a', 'b', 'c', 'd', 'e'].map((id) => row(id, HOUR)),
      ),
      current: list(NOW, []),
    });

  it('record what they answer; pending and 404 stop waiting unrecorded; a failure is asked again', () => {
    const resolvedAt = new Date(NOW - MINUTE + OFFSET).toISOString();
    const memory = learnFromReads({
      ...waiting(),
      reads: [
        { id: 'a', read: approval({ id: 'a', status: 'confirmed', resolvedAt }, NOW, HOUR) },
        { id: 'b', read: approval({ id: 'b', status: 'declined', resolvedAt: null }, NOW, HOUR) },
        { id: 'c', read: approval({ id: 'c' }, NOW, HOUR) },
        { id: 'd', read: 'gone' },
        { id: 'e', read: 'retry' },
      ],
      notified: idRecord(), // forgotten meanwhile: the entry kept whether it was announced
      serverOffsetMs: OFFSET,
      nowMs: NOW + SECOND,
    });
    expect(memory.outcomes.map((o) => [o.row.id, o.status, o.resolvedAt, o.announced])).toEqual([
      ['b', 'declined', NOW + SECOND, true], // no resolvedAt: when it was learnt
      ['a', 'confirmed', NOW - MINUTE, true],
    ]);
    expect(Object.keys(memory.resolving)).toEqual(['e']);
  });

  it('are made oldest first, at most OUTCOME_READS_PER_POLL a poll', () => {
    const resolving = idRecord(
      Array.from({ length: OUTCOME_READS_PER_POLL + 3 }, (_, i) => [
        `r${i}`,
        { row: row(`r${i}`, HOUR), announced: false, since: NOW - i * SECOND },
      ]),
    );
    const due = readsDue(resolving);
    expect(due).toHaveLength(OUTCOME_READS_PER_POLL);
    expect(due[0]).toBe(`r${OUTCOME_READS_PER_POLL + 2}`);
    expect(due).not.toContain('r0');
  });
});

describe('an approval read for the approval page', () => {
  const rows = [row('a', HOUR)];
  const read = (status: string, id = 'a') =>
    learnFromApproval({
      ...empty(),
      approval: approval({ id, status, resolvedAt: null }, NOW, HOUR),
      rows,
      notified: announced,
      serverOffsetMs: OFFSET,
      nowMs: NOW,
    });

  it('is recorded when it resolved while listed; not when pending, nor when never listed', () => {
    expect(read('confirmed')?.outcomes.map((o) => [o.row.id, o.status, o.resolvedAt])).toEqual([
      ['a', 'confirmed', NOW],
    ]);
    expect(read('pending')).toBeNull();
    expect(read('confirmed', 'elsewhere')).toBeNull();
  });

  it('is not recorded twice', () => {
    const once = read('declined')!;
    const again = learnFromApproval({
      ...once,
      approval: approval({ id: 'a', status: 'declined' }, NOW, HOUR),
      rows,
      notified: announced,
      serverOffsetMs: OFFSET,
      nowMs: NOW + DAY,
    });
    expect(again).toBeNull();
  });
});
