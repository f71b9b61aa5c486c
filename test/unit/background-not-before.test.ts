/** Retry-After and backoff hold back every request, whatever asks for it, until the time they set. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Background } from '@/entrypoints/background/background';
import { ALARM_POLL } from '@/entrypoints/background/ports';
import { MINUTE, SECOND } from '@/lib/time';
import { approval } from '../support/approvals';
import { fromPanelOn, fromPopup, Harness, NOW, ORIGIN } from '../support/fake-background';

const interval = 60 * SECOND;

let h: Harness;
let background: Background;
let waitUntil: number;
beforeEach(async () => {
  h = new Harness();
  h.api.add(approval({ id: 'apr_a' }, NOW, 10 * 60 * MINUTE));
  await h.configure();
  background = await h.started();
  h.api.fail({ kind: 'rate_limited', retryAfterMs: 10 * MINUTE });
  await h.fire(background);
  waitUntil = h.now + 10 * MINUTE;
});

const requests = () => h.api.calls.length;

describe('inside a Retry-After window', () => {
  it('is in the stored status, for the popup to say when the next try is', () => {
    expect(h.storage.part('pollStatus')).toMatchObject({ notBefore: waitUntil, nextPollAt: waitUntil });
  });

  it('an early poll alarm arms itself again instead of polling', async () => {
    const before = requests();
    h.now += MINUTE;
    await background.onAlarm(ALARM_POLL);
    expect(requests()).toBe(before);
    expect(h.alarms.armed.get(ALARM_POLL)).toBe(waitUntil);
  });

  it('the popup’s refresh answers “not yet”, with when', async () => {
    const before = requests();
    h.now += MINUTE;
    expect(await background.onMessage({ type: 'refresh' }, fromPopup)).toEqual({
      ok: true,
      polled: false,
      notBefore: waitUntil,
    });
    expect(requests()).toBe(before);
  });

  it('a worker stopped and woken inside it does not poll', async () => {
    const before = requests();
    h.now += 5 * MINUTE; // the last attempt is long overdue
    h.alarms.armed.clear();
    await h.started();
    expect(requests()).toBe(before);
    expect(h.alarms.armed.get(ALARM_POLL)).toBe(waitUntil);
  });

  it('a settings change does not bring the next poll forward', async () => {
    await background.onSettingsChanged(await h.configure(undefined, { intervalSec: 30 }));
    expect(h.alarms.armed.get(ALARM_POLL)).toBe(waitUntil);
  });

  it('the approval page’s panel answers from the last list, saying why', async () => {
    const before = requests();
    const panel = { type: 'panel', approvalId: 'apr_a', fresh: true };
    expect(await background.onMessage(panel, fromPanelOn(`${ORIGIN}/approvals/apr_a`))).toMatchObject({
      ok: true,
      fresh: false,
      problem: { title: 'OpenTrain asked us to slow down (rate limit).', action: 'Nothing to do. Retrying in 10 min.' },
    });
    expect(requests()).toBe(before);
  });

  it('after it, the poll goes, and normal intervals resume', async () => {
    await h.fire(background);
    expect(h.now).toBe(waitUntil);
    expect(h.storage.part('pollStatus')).toMatchObject({ notBefore: null, error: null });
    expect(h.inMs()).toBe(interval);
    expect(await background.onMessage({ type: 'refresh' }, fromPopup)).toEqual({ ok: true, polled: false });
    h.now += 5 * SECOND;
    expect(await background.onMessage({ type: 'refresh' }, fromPopup)).toEqual({ ok: true, polled: true });
  });
});

describe('tracked mode inside a Retry-After window', () => {
  it('a newly tracked approval is read only after it', async () => {
    const tracked = new Harness();
    tracked.api.listRoute = false;
    tracked.api.add(approval({ id: 'apr_t' }, NOW, 10 * 60 * MINUTE));
    await tracked.configure();
    const worker = await tracked.started();
    while (tracked.storage.part('pollStatus').mode !== 'tracked') await tracked.fire(worker);
    tracked.api.fail({ kind: 'rate_limited', retryAfterMs: 10 * MINUTE });
    await tracked.fire(worker);

    expect(await worker.onMessage({ type: 'track', input: 'apr_t' }, fromPopup)).toEqual({
      ok: true,
      approvalId: 'apr_t',
    });
    await worker.onAlarm(ALARM_POLL); // whatever is in flight has settled
    expect(tracked.api.callsTo('approval')).toEqual([]);
    await tracked.fire(worker);
    expect(tracked.api.callsTo('approval').map((c) => c.id)).toEqual(['apr_t']);
    expect(tracked.badge?.text).toBe('1');
  });
});

describe('backoff', () => {
  it('after server errors holds back the popup’s refresh too; being offline does not', async () => {
    h.api.fail({ kind: 'server', status: 503 });
    await h.fire(background);
    const { notBefore } = h.storage.part('pollStatus');
    expect(notBefore).toBe(h.alarms.armed.get(ALARM_POLL));
    expect(await background.onMessage({ type: 'refresh' }, fromPopup)).toMatchObject({ polled: false, notBefore });

    h.api.fail({ kind: 'network' });
    await h.fire(background);
    expect(h.storage.part('pollStatus').notBefore).toBeNull();
    h.now += 5 * SECOND;
    expect(await background.onMessage({ type: 'refresh' }, fromPopup)).toEqual({ ok: true, polled: true });
  });
});
