/** What the client refuses to read, follow or send, with a fake fetch (no server). */
import { describe, expect, it } from 'vitest';
import { getApproval } from '@/lib/api/approvals-route';
import { checkOrigin } from '@/lib/api/origin';
import { getContract } from '@/lib/api/reads';
import { type ApiConfig, apiGetIfChanged, MAX_RESPONSE_BYTES, POLL_INTERVAL_HEADER } from '@/lib/api/request';
import { approvalListSchema, TEXT_LIMITS } from '@/lib/api/schemas';
import { MAX_UNCONFIRMED_OFFSET_MS, observeServerOffset, UNKNOWN_SERVER_CLOCK } from '@/lib/server-clock';
import { DAY, MINUTE } from '@/lib/time';
import { fixture } from '../support/fixtures';

const TOKEN = 'ot_pat_test_secret';

function fakeApi(respond: (url: string) => Response) {
  const calls: string[] = [];
  const config: ApiConfig = {
    origin: 'https://app.opentrain.ai',
    token: TOKEN,
    fetch: async (input) => {
      calls.push(String(input));
      return respond(String(input));
    },
  };
  return { config, calls };
}

function streamOf(
  totalBytes: number,
  chunkBytes = 64 * 1024,
): { body: ReadableStream<Uint8Array>; sent: () => number } {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      const chunk = new Uint8Array(Math.min(chunkBytes, totalBytes - sent)).fill(32);
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { body, sent: () => sent };
}

describe('answers too large to read', () => {
  it('refuses an answer whose Content-Length is over the cap, without reading it', async () => {
    const { config } = fakeApi(
      () => new Response('{}', { headers: { 'Content-Length': String(MAX_RESPONSE_BYTES + 1) } }),
    );
    const result = await getContract(config, 'ctr_1');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toEqual({ kind: 'too_large', limitBytes: MAX_RESPONSE_BYTES });
  });

  it('stops downloading a streamed answer once it passes the cap', async () => {
    const stream = streamOf(7_000_000);
    const { config } = fakeApi(() => new Response(stream.body));
    const result = await getContract(config, 'ctr_1');
    expect(!result.ok && result.error.kind).toBe('too_large');
    // The rest of the 7 MB is never pulled.
    expect(stream.sent()).toBeLessThan(MAX_RESPONSE_BYTES + 256 * 1024);
  });

  it('reads an answer just under the cap', async () => {
    const body = JSON.stringify(fixture('contract-get.json'));
    const { config } = fakeApi(() => new Response(body.padEnd(MAX_RESPONSE_BYTES - 10, ' ')));
    expect((await getContract(config, 'ctr_1')).ok).toBe(true);
  });
});

describe('text fields', () => {
  it('cuts a huge milestone description and title to their limits when parsed', async () => {
    const doc = fixture('contract-get.json') as { contract: { title: string; milestones: { description: string }[] } };
    doc.contract.title = 'T'.repeat(50_000);
    for (const m of doc.contract.milestones) m.description = 'D'.repeat(500_000);
    const { config } = fakeApi(() => new Response(JSON.stringify(doc)));
    const result = await getContract(config, 'ctr_1');
    if (!result.ok) throw new Error(result.error.kind);
    expect(result.data.contract.title).toHaveLength(TEXT_LIMITS.name);
    expect(result.data.contract.title?.endsWith('…')).toBe(true);
    for (const m of result.data.contract.milestones) expect(m.description).toHaveLength(TEXT_LIMITS.description);
  });
});

describe('redirects', () => {
  it('reports a redirect as its own error and never follows it with the token', async () => {
    const { config, calls } = fakeApi(
      () => new Response(null, { status: 302, headers: { Location: 'https://login.example.com/' } }),
    );
    const result = await getApproval(config, 'apr_1');
    expect(!result.ok && result.error).toEqual({ kind: 'redirect', status: 302 });
    expect(calls).toEqual(['https://app.opentrain.ai/api/public/v1/approvals/apr_1']);
  });
});

describe('ids put into paths', () => {
  it.each(['..', '.', ''])('refuses the id %j without sending anything', async (id) => {
    const { config, calls } = fakeApi(() => new Response('{}'));
    const result = await getContract(config, id);
    expect(result.ok).toBe(false);
    expect(calls).toEqual([]);
  });

  it('encodes an id with a slash into one segment', async () => {
    const { config, calls } = fakeApi(() => new Response(JSON.stringify(fixture('contract-get.json'))));
    await getContract(config, 'a/../b');
    expect(calls).toEqual(['https://app.opentrain.ai/api/public/v1/contracts/a%2F..%2Fb']);
  });
});

describe('origins', () => {
  it('refuses [::1] with its own reason (the options page names 127.0.0.1 and localhost instead)', () => {
    expect(checkOrigin('http://[::1]:8787')).toEqual({ ok: false, reason: 'ipv6_loopback' });
  });
});

describe('the server clock', () => {
  it('uses a small offset at once', () => {
    expect(observeServerOffset(UNKNOWN_SERVER_CLOCK, -90_000).offsetMs).toBe(-90_000);
  });

  it('ignores one answer two days off, and keeps the offset it had', () => {
    const clock = observeServerOffset(UNKNOWN_SERVER_CLOCK, 4_000);
    expect(observeServerOffset(clock, 2 * DAY).offsetMs).toBe(4_000);
  });

  it('accepts a large offset once two answers in a row agree on it', () => {
    const once = observeServerOffset(UNKNOWN_SERVER_CLOCK, 2 * DAY);
    expect(once.offsetMs).toBe(0);
    expect(observeServerOffset(once, 2 * DAY + 1_000).offsetMs).toBe(2 * DAY + 1_000);
  });

  it('treats the limit as usable and just past it as unconfirmed', () => {
    expect(observeServerOffset(UNKNOWN_SERVER_CLOCK, MAX_UNCONFIRMED_OFFSET_MS).offsetMs).toBe(
      MAX_UNCONFIRMED_OFFSET_MS,
    );
    expect(observeServerOffset(UNKNOWN_SERVER_CLOCK, MAX_UNCONFIRMED_OFFSET_MS + MINUTE).offsetMs).toBe(0);
  });

  it('keeps the clock when an answer has no Date', () => {
    const clock = observeServerOffset(UNKNOWN_SERVER_CLOCK, 3_000);
    expect(observeServerOffset(clock, null)).toEqual(clock);
  });
});

describe('conditional requests and the poll-interval hint', () => {
  it('sends If-None-Match and reads a 304 as unchanged', async () => {
    const seen: (string | null)[] = [];
    const config: ApiConfig = {
      origin: 'https://app.opentrain.ai',
      token: TOKEN,
      fetch: async (_input, init) => {
        seen.push(new Headers(init?.headers).get('If-None-Match'));
        return new Response(null, { status: 304, headers: { ETag: '"v1"' } });
      },
    };
    const result = await apiGetIfChanged(config, '/approvals', approvalListSchema, { ifNoneMatch: '"v1"' });
    expect(result).toMatchObject({ ok: true, data: null, meta: { etag: '"v1"' } });
    expect(seen).toEqual(['"v1"']);
  });

  it('reads the ETag and the hint from a full answer', async () => {
    const { config } = fakeApi(
      () =>
        new Response(JSON.stringify({ approvals: [], nextCursor: null }), {
          headers: { ETag: '"v2"', [POLL_INTERVAL_HEADER]: '120' },
        }),
    );
    const result = await apiGetIfChanged(config, '/approvals', approvalListSchema);
    expect(result).toMatchObject({ ok: true, data: { approvals: [] }, meta: { etag: '"v2"', pollIntervalSec: 120 } });
  });
});
