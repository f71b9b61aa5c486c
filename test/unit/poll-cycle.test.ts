/** Polling modes against the sandbox: the list route, and tracked mode when an origin has none. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTrainApi, type OpenTrainApi } from '@/lib/opentrain-api';
import { pollOnce, type PollInput, type PollOutcome } from '@/lib/poll-cycle';
import { defaultTracking } from '@/lib/poll-record';
import { UNKNOWN_SERVER_CLOCK } from '@/lib/server-clock';
import { LIST_MISSES_TO_TRACK, LIST_REPROBE_FIRST_MS } from '@/lib/schedule';
import { SANDBOX_TOKENS } from '@/sandbox/data';
import { startSandbox, type Sandbox } from '@/sandbox/server';

let sandbox: Sandbox;
let api: OpenTrainApi;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.state.reset();
  api = openTrainApi({ origin: sandbox.origin, token: SANDBOX_TOKENS.full });
});

const base = (): PollInput => ({
  api,
  nowMs: Date.now(),
  mode: 'list',
  listProbeAt: null,
  listMisses: 0,
  listed: null,
  tracking: defaultTracking(),
  serverClock: UNKNOWN_SERVER_CLOCK,
});
/** A poll after the list route already answered 404 on the polls before: this one confirms it. */
const missedBefore = (): PollInput => ({ ...base(), listMisses: LIST_MISSES_TO_TRACK - 1 });
const listedOf = (outcome: PollOutcome): PollInput['listed'] => {
  if (!outcome.ok) throw new Error(outcome.error.kind);
  return {
    fetchedAt: Date.now(),
    serverOffsetMs: outcome.serverClock.offsetMs,
    approvals: outcome.approvals,
    complete: outcome.complete,
  };
};
const paths = () => sandbox.state.log.map((e) => `${e.path}${e.query}`);

describe('list mode', () => {
  it('reads the pending list in one request', async () => {
    const outcome = await pollOnce(base());
    expect(outcome).toMatchObject({ ok: true, mode: 'list', requests: 1 });
    expect(outcome.ok && outcome.approvals).toHaveLength(4);
  });

  it('reports a failure with the last mode kept', async () => {
    sandbox.state.faults.push({ count: 1, status: 503 });
    expect(await pollOnce(base())).toMatchObject({ ok: false, mode: 'list', error: { kind: 'server', status: 503 } });
  });
});

describe('tracked mode', () => {
  it('is entered when the list route answers 404 on two polls in a row, following what the list last showed', async () => {
    const listed = listedOf(await pollOnce(base()));
    sandbox.state.listRoute = false;
    const once = await pollOnce({ ...base(), listed });
    expect(once).toMatchObject({ ok: false, error: { kind: 'unsupported', status: 404 }, mode: 'list', listMisses: 1 });
    sandbox.state.log = [];
    const outcome = await pollOnce({ ...base(), listed, listMisses: once.listMisses });
    expect(outcome).toMatchObject({ ok: true, mode: 'tracked', listMisses: 2 });
    if (!outcome.ok) return;
    expect(outcome.approvals.map((a) => a.id).sort()).toEqual(listed!.approvals.map((a) => a.id).sort());
    expect(outcome.tracking.ids.sort()).toEqual(listed!.approvals.map((a) => a.id).sort());
    expect(outcome.listProbeAt).not.toBeNull();
    // One probe of the list, one read of the event feed: known approvals are not read again.
    expect(paths()).toEqual(['/api/public/v1/approvals?status=pending&limit=100', '/api/public/v1/updates?limit=100']);
    expect(outcome.tracking.updatesCursor).not.toBeNull();
  });

  it('reads a newly tracked approval once, then learns its resolution from /updates', async () => {
    sandbox.state.listRoute = false;
    const first = await pollOnce({ ...missedBefore(), tracking: { ...base().tracking, ids: ['apr_release_polygon'] } });
    expect(first.ok && first.approvals.map((a) => a.id)).toEqual(['apr_release_polygon']);
    expect(paths()).toContain('/api/public/v1/approvals/apr_release_polygon');

    sandbox.state.resolve(sandbox.state.world.approvals.get('apr_release_polygon')!, 'declined');
    sandbox.state.log = [];
    if (!first.ok) return;
    const second = await pollOnce({
      ...base(),
      mode: 'tracked',
      listProbeAt: first.listProbeAt,
      listMisses: first.listMisses,
      listed: listedOf(first),
      tracking: first.tracking,
    });
    expect(second.ok && second.approvals).toEqual([]);
    expect(second.ok && second.tracking.ids).toEqual([]);
    // No list probe (too soon), no per-approval read: only the feed.
    expect(paths()).toEqual([`/api/public/v1/updates?cursor=${first.tracking.updatesCursor}&limit=100`]);
  });

  it('drops an id the token cannot see (404) and keeps the others', async () => {
    sandbox.state.listRoute = false;
    const outcome = await pollOnce({
      ...missedBefore(),
      tracking: { ...base().tracking, ids: ['apr_nope', 'apr_end_lena'] },
    });
    expect(outcome.ok && outcome.approvals.map((a) => a.id)).toEqual(['apr_end_lena']);
    expect(outcome.ok && outcome.tracking.ids).toEqual(['apr_end_lena']);
  });

  it('goes back to the list once the route answers again, after the re-probe delay', async () => {
    const now = Date.now();
    const tracked = {
      ...base(),
      mode: 'tracked' as const,
      listMisses: LIST_MISSES_TO_TRACK,
      listProbeAt: now - LIST_REPROBE_FIRST_MS + 1_000,
    };
    sandbox.state.log = [];
    expect(await pollOnce(tracked)).toMatchObject({ ok: true, mode: 'tracked' });
    expect(paths().some((p) => p.startsWith('/api/public/v1/approvals?'))).toBe(false);
    expect(await pollOnce({ ...tracked, listProbeAt: now - LIST_REPROBE_FIRST_MS })).toMatchObject({
      ok: true,
      mode: 'list',
      listMisses: 0,
    });
  });
});
