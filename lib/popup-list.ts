/**
 * The pending list in the shape the popup paints: one short row per approval, soonest expiry
 * first. The background stores it beside the snapshot whenever the snapshot or the contexts
 * change, so opening the popup reads a few kilobytes instead of every approval and context
 * (reading state was most of the popup's first paint; see README, Performance).
 */
import * as z from 'zod/mini';
import { amountOf, contextLine, headline, subjectOf } from './approval-text';
import type { ApprovalContext } from './context';
import { byExpiry } from './expiry';
import type { Translate } from './i18n';
import { englishT } from './i18n-fallback';
import { listStampShape, type ListStamp } from './list-stamp';

export const popupRowSchema = z.object({
  id: z.string(),
  type: z.string(),
  status: z.string(),
  /** What the request is about (a milestone, a candidate, a contract); the popup words the headline. */
  subject: z.optional(z.nullable(z.string())),
  /** The headline in the language of the `t` given to popupListFor, for rows stored without a subject. */
  headline: z.string(),
  amountUsd: z.nullable(z.number()),
  detail: z.nullable(z.string()),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type PopupRow = z.infer<typeof popupRowSchema>;

export const popupListSchema = z.nullable(
  z.object({
    ...listStampShape,
    rows: z.array(popupRowSchema),
  }),
);
export type PopupList = z.infer<typeof popupListSchema>;

interface SnapshotLike extends ListStamp {
  approvals: ReadonlyArray<{
    id: string;
    type: string;
    status: string;
    createdAt: string;
    expiresAt: string;
    contractId?: string | null;
    milestoneId?: string | null;
    proposalId?: string | null;
  }>;
}

/**
 * The rows keep the subject, so the popup words each headline in its own language; `headline`
 * is also stored, in the language of `t` (the typed `i18n.t`; English without it, see
 * lib/i18n-fallback.ts), for readers of the stored list that want it ready-made.
 */
export function popupListFor(
  snapshot: SnapshotLike | null,
  contexts: Readonly<Record<string, ApprovalContext>>,
  t: Translate = englishT,
): PopupList {
  if (!snapshot) return null;
  const rows = [...snapshot.approvals].sort(byExpiry).map((approval) => {
    const context = contexts[approval.id];
    return {
      id: approval.id,
      type: approval.type,
      status: approval.status,
      subject: subjectOf(approval, context),
      headline: headline(approval, context, t),
      amountUsd: amountOf(approval, context),
      detail: contextLine(approval, context),
      createdAt: approval.createdAt,
      expiresAt: approval.expiresAt,
    };
  });
  return { fetchedAt: snapshot.fetchedAt, serverOffsetMs: snapshot.serverOffsetMs, complete: snapshot.complete, rows };
}
