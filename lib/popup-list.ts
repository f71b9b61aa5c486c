/**
 * The pending list in the shape the popup paints: one short row per approval, soonest expiry
 * first. The background stores it beside the snapshot whenever the snapshot or the contexts
 * change, so opening the popup reads a few kilobytes instead of every approval and context
 * (reading state was most of the popup's first paint; see README, Performance).
 */
import * as z from 'zod/mini';
import { amountOf, contextLine, headline } from './approval-text';
import type { ApprovalContext } from './context';
import { byExpiry } from './expiry';
import type { Translate } from './i18n';
import { englishT } from './i18n-fallback';
import { listStampShape, type ListStamp } from './list-stamp';

export const popupRowSchema = z.object({
  id: z.string(),
  type: z.string(),
  status: z.string(),
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
 * `t` is the typed `i18n.t` (the headline is stored in the UI language); without it, English
 * (see lib/i18n-fallback.ts).
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
      headline: headline(approval, context, t),
      amountUsd: amountOf(approval, context),
      detail: contextLine(approval, context),
      createdAt: approval.createdAt,
      expiresAt: approval.expiresAt,
    };
  });
  return { fetchedAt: snapshot.fetchedAt, serverOffsetMs: snapshot.serverOffsetMs, complete: snapshot.complete, rows };
}
