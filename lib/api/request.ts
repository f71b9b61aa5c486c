/**
 * The one way the extension talks to OpenTrain: a GET with the bearer token to the
 * configured origin, a timeout, the server's clock read from `Date`, and every failure
 * mapped to an ApiError. Only GET exists here on purpose: the extension never moves money.
 */
import type * as z from 'zod/mini';
import type { ApiError } from './errors';
import { errorEnvelopeSchema } from './schemas';
import { apiUrl, checkOrigin } from './origin';
import { parseRetryAfter } from './retry-after';

export const REQUEST_TIMEOUT_MS = 30_000;
/**
 * The most the extension reads of one answer. A page of 100 approvals is about 50 KB and a
 * contract with many milestones far less; anything larger is refused before it is parsed or
 * stored, so one huge answer cannot fill storage or be downloaded whole every interval.
 */
export const MAX_RESPONSE_BYTES = 1_000_000;

/**
 * The header a server may use to ask for a longer poll interval, in seconds. OpenTrain
 * documents none; this is GitHub's name for it, honoured if OpenTrain ever sends it (the
 * sandbox can). Never less than the reviewer's own interval.
 */
export const POLL_INTERVAL_HEADER = 'X-Poll-Interval';

export interface ApiConfig {
  origin: string;
  token: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

export interface ApiMeta {
  /** serverTime - localTime in ms, from the `Date` header; null when absent. */
  serverOffsetMs: number | null;
  bytes: number;
  /** The answer's ETag, to send back as If-None-Match. */
  etag: string | null;
  /** The server's poll-interval hint in seconds (POLL_INTERVAL_HEADER), when sent. */
  pollIntervalSec: number | null;
}

export type ApiResult<T> = ({ ok: true; data: T } | { ok: false; error: ApiError }) & { meta: ApiMeta };

export interface RequestOptions {
  query?: Record<string, string | number | undefined>;
  signal?: AbortSignal;
  /**
   * What a 404 means on this route: `not_found` (the thing asked for does not exist) or
   * `unsupported` (the route itself does not exist on this origin).
   */
  notFound?: 'not_found' | 'unsupported';
  /** Sent as If-None-Match: a 304 then answers `data: null` (unchanged since that answer). */
  ifNoneMatch?: string | null;
}

export function apiGet<S extends z.ZodMiniType>(
  config: ApiConfig,
  path: string,
  schema: S,
  options: Omit<RequestOptions, 'ifNoneMatch'> = {},
): Promise<ApiResult<z.infer<S>>> {
  return apiGetIfChanged(config, path, schema, options) as Promise<ApiResult<z.infer<S>>>;
}

/** apiGet, with `data: null` when the server answers 304 to `options.ifNoneMatch`. */
export async function apiGetIfChanged<S extends z.ZodMiniType>(
  config: ApiConfig,
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<ApiResult<z.infer<S> | null>> {
  const now = config.now ?? Date.now;
  const timeoutMs = config.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const noMeta: ApiMeta = { serverOffsetMs: null, bytes: 0, etag: null, pollIntervalSec: null };
  const origin = checkOrigin(config.origin);
  // Refuse before sending: the token must never leave for an origin that is not allowed.
  if (!origin.ok || origin.origin !== config.origin) {
    return { ok: false, error: { kind: 'invalid_response', status: 0, detail: 'origin not allowed' }, meta: noMeta };
  }

  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout.signal]) : timeout.signal;
  const url = apiUrl(config.origin, path, options.query);
  if (!url) {
    return { ok: false, error: { kind: 'invalid_response', status: 0, detail: 'unsafe id in path' }, meta: noMeta };
  }
  let response: Response;
  let body: string | null;
  try {
    response = await (config.fetch ?? fetch)(url, {
      method: 'GET',
      headers: {
        Authorization: `Bearer ${config.token}`,
        Accept: 'application/json',
        ...(options.ifNoneMatch && { 'If-None-Match': options.ifNoneMatch }),
      },
      credentials: 'omit',
      cache: 'no-store',
      // Never follow: the token would go with it. A redirect is reported as such.
      redirect: 'manual',
      signal,
    });
    body = isRedirect(response) ? '' : await readCapped(response, MAX_RESPONSE_BYTES);
  } catch {
    clearTimeout(timer);
    if (timeout.signal.aborted) return { ok: false, error: { kind: 'timeout', afterMs: timeoutMs }, meta: noMeta };
    if (options.signal?.aborted) throw new DOMException('The request was cancelled.', 'AbortError');
    return { ok: false, error: { kind: 'network' }, meta: noMeta };
  }
  clearTimeout(timer);
  if (isRedirect(response)) return { ok: false, error: { kind: 'redirect', status: response.status }, meta: noMeta };
  if (body === null) return { ok: false, error: { kind: 'too_large', limitBytes: MAX_RESPONSE_BYTES }, meta: noMeta };

  const receivedAt = now();
  const serverDate = Date.parse(response.headers.get('Date') ?? '');
  const hint = Number(response.headers.get(POLL_INTERVAL_HEADER));
  const meta: ApiMeta = {
    serverOffsetMs: Number.isNaN(serverDate) ? null : serverDate - receivedAt,
    bytes: body.length,
    etag: response.headers.get('ETag'),
    pollIntervalSec: Number.isFinite(hint) && hint > 0 ? hint : null,
  };
  if (response.status === 304 && options.ifNoneMatch) return { ok: true, data: null, meta };

  if (response.ok) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return { ok: false, error: { kind: 'invalid_response', status: response.status, detail: 'not JSON' }, meta };
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      return {
        ok: false,
        error: { kind: 'invalid_response', status: response.status, detail: describeIssues(parsed.error) },
        meta,
      };
    }
    return { ok: true, data: parsed.data as z.infer<S>, meta };
  }
  return { ok: false, error: errorFromResponse(response, body, receivedAt, options.notFound ?? 'not_found'), meta };
}

function errorFromResponse(
  response: Response,
  body: string,
  nowMs: number,
  notFound: 'not_found' | 'unsupported',
): ApiError {
  const status = response.status;
  let envelope: z.infer<typeof errorEnvelopeSchema> | null = null;
  try {
    const parsed = errorEnvelopeSchema.safeParse(JSON.parse(body));
    if (parsed.success) envelope = parsed.data;
  } catch {
    envelope = null;
  }
  const requestId = envelope?.requestId;
  const serverMessage = envelope?.error;
  const details = envelope?.details ?? {};
  if (status === 401) return { kind: 'unauthorized', serverMessage, requestId };
  if (status === 403) {
    return {
      kind: 'forbidden',
      reason: typeof details.reason === 'string' ? details.reason : undefined,
      requiredScopes: stringArray(details.requiredScopes),
      claimUrl: typeof details.claimUrl === 'string' ? details.claimUrl : undefined,
      serverMessage,
      requestId,
    };
  }
  if (status === 405 || (status === 404 && notFound === 'unsupported')) return { kind: 'unsupported', status };
  if (status === 404) return { kind: 'not_found', serverMessage, requestId };
  if (status === 429) {
    return {
      kind: 'rate_limited',
      retryAfterMs: parseRetryAfter(response.headers.get('Retry-After'), nowMs),
      requestId,
    };
  }
  return { kind: 'server', status, serverMessage, requestId };
}

/** A redirect answer: opaque in browsers (`redirect: 'manual'`), a plain 3xx elsewhere. */
function isRedirect(response: Response): boolean {
  return (
    response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400 && response.status !== 304)
  );
}

/**
 * The body as text, or null when it is larger than `limit` bytes: refused by its
 * Content-Length before reading, or cut off while streaming (the rest is never downloaded).
 */
async function readCapped(response: Response, limit: number): Promise<string | null> {
  if (Number(response.headers.get('Content-Length')) > limit) {
    await response.body?.cancel();
    return null;
  }
  if (!response.body) return response.text();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

function stringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

function describeIssues(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
}
