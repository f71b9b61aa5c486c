/**
 * Every way a call to the OpenTrain API can fail, as one discriminated union (a zod
 * schema, since the last error is persisted). Nothing here ever holds the token: our own
 * sentences describe errors, and the server's message is kept only as `serverMessage`.
 */
import * as z from 'zod/mini';

const opt = z.optional(z.string());

export const apiErrorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unauthorized'), serverMessage: opt, requestId: opt }),
  z.object({
    kind: z.literal('forbidden'),
    reason: opt,
    requiredScopes: z.optional(z.array(z.string())),
    claimUrl: opt,
    serverMessage: opt,
    requestId: opt,
  }),
  z.object({ kind: z.literal('not_found'), serverMessage: opt, requestId: opt }),
  z.object({ kind: z.literal('rate_limited'), retryAfterMs: z.nullable(z.number()), requestId: opt }),
  z.object({ kind: z.literal('server'), status: z.number(), serverMessage: opt, requestId: opt }),
  z.object({ kind: z.literal('network') }),
  z.object({ kind: z.literal('timeout'), afterMs: z.number() }),
  z.object({ kind: z.literal('invalid_response'), status: z.number(), detail: z.string() }),
  z.object({ kind: z.literal('unsupported'), status: z.number() }),
  /** The API answered with a redirect: a proxy or login page in the way, never followed with the token. */
  z.object({ kind: z.literal('redirect'), status: z.number() }),
  /** The answer was larger than the extension reads (see MAX_RESPONSE_BYTES). */
  z.object({ kind: z.literal('too_large'), limitBytes: z.number() }),
]);
export type ApiError = z.infer<typeof apiErrorSchema>;
export type ApiErrorKind = ApiError['kind'];

/** Errors that mean "this token cannot work as it is": stop polling until settings change. */
export function isCredentialError(error: ApiError): boolean {
  return error.kind === 'unauthorized' || error.kind === 'forbidden';
}
