/** What the list route's headers ask of polling: If-None-Match for an unchanged list, and a longer interval. */
import { beforeEach, describe, expect, it } from 'vitest';
import { HOUR, SECOND } from '@/lib/time';
import { approval } from '../support/approvals';
import { Harness, NOW } from '../support/fake-background';

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  h.api.add(approval({ id: 'apr_a' }, NOW, 10 * HOUR), approval({ id: 'apr_b' }, NOW, 20 * HOUR));
  await h.configure();
});

describe('the list’s ETag', () => {
  it('is sent back; “unchanged” keeps the list, only its time refreshed; a changed list comes whole', async () => {
    const background = await h.started();
    const first = h.storage.part('popupList')!;
    expect(first.etag).toBeTruthy();
    expect(h.api.callsTo('list')[0]?.ifNoneMatch).toBeUndefined();

    await h.fire(background);
    expect(h.api.callsTo('list')[1]?.ifNoneMatch).toBe(first.etag);
    expect(h.storage.part('popupList')).toEqual({ ...first, fetchedAt: h.now });
    expect(h.api.callsTo('contract')).toHaveLength(2);
    expect(h.badge?.text).toBe('2');

    h.api.add(approval({ id: 'apr_c' }, NOW, 30 * HOUR));
    await h.fire(background);
    expect(h.storage.part('popupList')?.rows.map((row) => row.id)).toEqual(['apr_a', 'apr_b', 'apr_c']);
    expect(h.storage.part('popupList')?.etag).not.toBe(first.etag);
    expect(h.shownIds()).toEqual(['new:apr_a', 'new:apr_b', 'new:apr_c']);
  });
});

describe('the poll-interval hint', () => {
  it('makes polling slower when it asks for more than the interval, never faster', async () => {
    h.api.pollIntervalSec = 300;
    const background = await h.started();
    expect(h.inMs()).toBe(300 * SECOND);
    expect(h.storage.part('pollStatus').serverIntervalSec).toBe(300);
    await background.onSettingsChanged(await h.configure(undefined, { intervalSec: 120 }));
    expect(h.inMs()).toBe(300 * SECOND);

    h.api.pollIntervalSec = 10;
    await h.fire(background);
    expect(h.inMs()).toBe(120 * SECOND);
    h.api.pollIntervalSec = 365 * 24 * 3600; // a server that asks for a year gets the longest interval there is
    await h.fire(background);
    expect(h.inMs()).toBe(HOUR);
  });
});
