/** Ids from the server are data, never object keys with a meaning: `__proto__` is an approval like any other. */
import { beforeEach, describe, expect, it } from 'vitest';
import { HOUR } from '@/lib/time';
import { approval } from '../support/approvals';
import { fromPanelOn, Harness, NOW, ORIGIN } from '../support/fake-background';

/** An id the server may send, like any other. */
const PROTO = '__proto__';

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  h.api.jobs = [...h.api.jobs, { id: PROTO, title: 'Prototype job' }];
  h.api.add(
    approval({ id: 'apr_a' }, NOW, 10 * HOUR),
    approval({ id: PROTO, jobId: PROTO }, NOW, 20 * HOUR),
    approval({ id: 'constructor' }, NOW, 30 * HOUR),
  );
  await h.configure();
});

describe('an approval with the id __proto__ (or constructor)', () => {
  it('is counted, listed, given its context once, and kept across a restart', async () => {
    const background = await h.started();
    expect(h.badge?.text).toBe('3');
    const contexts = await h.storage.contexts();
    expect(Object.hasOwn(contexts, PROTO)).toBe(true);
    expect(contexts[PROTO]).toMatchObject({ jobTitle: 'Prototype job', freelancerName: 'Maria G.' });
    expect(Object.hasOwn(contexts, 'constructor')).toBe(true);
    expect(h.storage.part('tracking').jobTitles[PROTO]).toBe('Prototype job');
    expect(h.storage.part('popupList')?.rows.find((r) => r.id === PROTO)?.detail).toBe(
      'Spanish Sentiment Labeling Contract · Maria G.',
    );
    expect(h.api.callsTo('contract')).toHaveLength(3);

    await h.fire(background);
    const restarted = h.worker();
    h.now += HOUR;
    await h.fire(restarted);
    expect(h.api.callsTo('contract')).toHaveLength(3); // every context was cached, none read again
    expect(
      await restarted.onMessage(
        { type: 'panel', approvalId: PROTO, fresh: false },
        fromPanelOn(`${ORIGIN}/approvals/${PROTO}`),
      ),
    ).toMatchObject({ ok: true, approval: { id: PROTO }, context: { jobTitle: 'Prototype job' } });
    expect(h.badge?.text).toBe('3');
  });

  // planNotifications copies the notified record; into a plain object, an entry keyed `__proto__`
  // would be lost and announced again at every poll.
  it('is announced once', async () => {
    const background = await h.started();
    await h.fire(background);
    await h.fire(background);
    expect(h.shownIds().filter((id) => id === 'new:__proto__')).toHaveLength(1);
  });
});
