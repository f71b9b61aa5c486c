/** What polling remembers: the last good list, the status, the approvals followed in tracked mode. */
import * as z from 'zod/mini';
import { apiErrorSchema } from './api/errors';
import { approvalSchema } from './api/schemas';
import { listStampShape } from './list-stamp';

export const snapshotSchema = z.nullable(
  z.object({
    origin: z.string(),
    ...listStampShape,
    approvals: z.array(approvalSchema),
  }),
);
export type Snapshot = z.infer<typeof snapshotSchema>;

export const pollStatusSchema = z.object({
  mode: z.enum(['list', 'tracked']),
  lastAttemptAt: z.nullable(z.number()),
  lastSuccessAt: z.nullable(z.number()),
  failures: z.number(),
  error: z.nullable(z.object({ error: apiErrorSchema, at: z.number() })),
  nextPollAt: z.nullable(z.number()),
  /** When tracked mode last tried the list route again. */
  listProbeAt: z.nullable(z.number()),
});
export type PollStatus = z.infer<typeof pollStatusSchema>;

export const trackingSchema = z.object({
  ids: z.array(z.string()),
  updatesCursor: z.nullable(z.string()),
  jobTitles: z.record(z.string(), z.string()),
  jobTitlesAt: z.nullable(z.number()),
});
export type Tracking = z.infer<typeof trackingSchema>;

export function defaultPollStatus(): PollStatus {
  return {
    mode: 'list',
    lastAttemptAt: null,
    lastSuccessAt: null,
    failures: 0,
    error: null,
    nextPollAt: null,
    listProbeAt: null,
  };
}

export function defaultTracking(): Tracking {
  return { ids: [], updatesCursor: null, jobTitles: {}, jobTitlesAt: null };
}
