/** OpenTrain's clock, as its `Date` header shows it: a large offset is used only once two polls agree on it. */
import { beforeEach, describe, expect, it } from 'vitest';
import { DAY, HOUR, SECOND } from '@/lib/time';
import { approval } from '../support/approvals';
import { fromPanelOn, Harness, NOW, ORIGIN } from '../support/fake-background';

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  h.api.add(approval({ id: 'apr_a' }, NOW, 10 * HOUR));
  await h.configure();
});

describe('the server clock', () => {
  it('one Date header two days off hides nothing; two in a row are believed; a sane one is used at once', async () => {
    const background = await h.started();
    h.api.serverOffsetMs = 2 * DAY; // a proxy or cache with a wrong clock
    const panel = await background.onMessage(
      { type: 'panel', approvalId: 'apr_a', fresh: true },
      fromPanelOn(`${ORIGIN}/approvals/apr_a`),
    );
    expect(panel).toMatchObject({ ok: true, fresh: true, serverOffsetMs: 0 });
    await h.fire(background);
    expect(h.badge?.text).toBe('1');
    expect(h.storage.part('popupList')?.serverOffsetMs).toBe(0);
    expect(h.storage.part('pollStatus').serverClock).toEqual({ offsetMs: 0, lastObservedMs: 2 * DAY });

    await h.fire(background); // the server insists: its clock is believed, and the approval has expired
    expect(h.storage.part('popupList')?.serverOffsetMs).toBe(2 * DAY);
    expect(h.badge?.text).toBe('');

    h.api.serverOffsetMs = 3 * SECOND;
    await h.fire(background);
    expect(h.storage.part('popupList')?.serverOffsetMs).toBe(3 * SECOND);
    expect(h.badge?.text).toBe('1');
  });

  it('in tracked mode, one poll whose answers are two days off does not drop what is followed', async () => {
    h.api.listRoute = false;
    const background = await h.started();
    await h.fire(background);
    await background.onMessage({ type: 'track', input: 'apr_a' }, fromPanelOn(`${ORIGIN}/approvals/apr_a`));
    await h.fire(background);
    expect(h.badge?.text).toBe('1');

    h.api.serverOffsetMs = 2 * DAY;
    await h.fire(background);
    h.api.serverOffsetMs = 0;
    await h.fire(background);
    expect(h.storage.part('tracking').ids).toEqual(['apr_a']);
    expect(h.badge?.text).toBe('1');
  });
});
