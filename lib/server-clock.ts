/**
 * How far to trust the server's clock. Expiry is computed from `expiresAt` corrected by the
 * offset between OpenTrain's `Date` header and this computer's clock. One wrong `Date` (a
 * proxy, a cache) days off would hide or expire every approval, so a large offset is used
 * only once two answers in a row agree on it.
 */
import * as z from 'zod/mini';
import { MINUTE, SECOND } from './time';

/** Offsets within this are used as they come: ordinary clock drift and latency. */
export const MAX_UNCONFIRMED_OFFSET_MS = 10 * MINUTE;
/** Two offsets this close count as agreeing (the `Date` header has one-second resolution). */
export const OFFSET_AGREEMENT_MS = 5 * SECOND;

export const serverClockSchema = z.object({
  /** The offset the extension uses: server time minus local time. */
  offsetMs: z.number(),
  /** The last offset observed, trusted or not, to confirm a large one on the next answer. */
  lastObservedMs: z.nullable(z.number()),
});
export type ServerClock = z.infer<typeof serverClockSchema>;

export const UNKNOWN_SERVER_CLOCK: ServerClock = { offsetMs: 0, lastObservedMs: null };

export function observeServerOffset(clock: ServerClock, observedMs: number | null): ServerClock {
  if (observedMs == null || !Number.isFinite(observedMs)) return clock;
  const confirmed = clock.lastObservedMs != null && Math.abs(observedMs - clock.lastObservedMs) <= OFFSET_AGREEMENT_MS;
  const usable = Math.abs(observedMs) <= MAX_UNCONFIRMED_OFFSET_MS || confirmed;
  return { offsetMs: usable ? observedMs : clock.offsetMs, lastObservedMs: observedMs };
}
