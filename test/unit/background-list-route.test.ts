/** When the list route answers 404: tracked mode only once that is confirmed, and the route asked again soon. */
import { beforeEach, describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '@/lib/time';
import { approval } from '../support/approvals';
import { Harness, NOW } from '../support/fake-background';

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  h.api.add(approval({ id: 'apr_a' }, NOW, 30 * HOUR));
  await h.configure();
});

describe('the list route', () => {
  it('answering 404 once does not hide new approvals: the next poll reads the list again', async () => {
    const background = await h.started();
    h.api.fail({ kind: 'unsupported', status: 404 }, { route: 'list' });
    await h.fire(background);
    expect(h.storage.part('pollStatus')).toMatchObject({ mode: 'list', listMisses: 1 });
    expect(h.storage.part('popupList')?.rows.map((row) => row.id)).toEqual(['apr_a']);
    expect(h.badge).toMatchObject({ kind: 'problem', text: '?' });

    h.api.add(approval({ id: 'apr_new' }, NOW, 20 * HOUR));
    await h.fire(background);
    expect(h.storage.part('pollStatus')).toMatchObject({ mode: 'list', listMisses: 0 });
    expect(h.badge?.text).toBe('2');
    expect(h.shownIds()).toEqual(['new:apr_a', 'new:apr_new']);
  });

  it('confirmed missing, is asked for again after 1, 2, 4 … minutes, then every 3 hours, until it answers', async () => {
    h.api.listRoute = false;
    const background = await h.started();
    await h.fire(background);
    expect(h.storage.part('pollStatus').mode).toBe('tracked');

    const probedAt: number[] = [h.now];
    while (h.now < NOW + 11 * HOUR) {
      const before = h.api.callsTo('list').length;
      await h.fire(background);
      if (h.api.callsTo('list').length > before) probedAt.push(h.now);
    }
    const gapsInMinutes = probedAt.slice(1).map((at, i) => (at - probedAt[i]!) / MINUTE);
    expect(gapsInMinutes.slice(0, 10)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 180, 180]);

    h.api.listRoute = true;
    h.api.add(approval({ id: 'apr_new' }, NOW, 30 * HOUR));
    while (h.storage.part('pollStatus').mode === 'tracked') await h.fire(background);
    expect(h.storage.part('pollStatus').listMisses).toBe(0);
    expect(h.badge?.text).toBe('2');
  });
});
