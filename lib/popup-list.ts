/**
 * The pending list, stored once: one short row per approval, soonest expiry first, in the shape
 * the popup paints, with the approval's links (contract, milestone, job, proposal) so that the
 * background reads its approvals back from the same rows. The background rewrites it whenever
 * the list or the contexts change, so opening the popup reads a few hundred bytes per approval
 * instead of every approval and context (reading state was most of the popup's first paint; see
 * README, Performance).
 */
import * as z from 'zod/mini';
import type { Approval } from './api/schemas';
import { amountOf, contextLine, headline, subjectOf } from './approval-text';
import type { ApprovalContext } from './context';
import { byExpiry } from './expiry';
import type { Translate } from './i18n';
import { listStampShape, type ListStamp } from './list-stamp';

const link = z.optional(z.nullable(z.string()));

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
  /** Stored only when set: most approvals have two or three of the four. */
  contractId: link,
  milestoneId: link,
  jobId: link,
  proposalId: link,
});
export type PopupRow = z.infer<typeof popupRowSchema>;

export const popupListSchema = z.nullable(
  z.object({
    ...listStampShape,
    /** OpenTrain's ETag for this list, when it came whole in one page: sent back as If-None-Match. */
    etag: z.optional(z.nullable(z.string())),
    rows: z.array(popupRowSchema),
  }),
);
export type PopupList = z.infer<typeof popupListSchema>;

/** A fetched list: its approvals and the stamp of the fetch. */
export interface Listed extends ListStamp {
  approvals: readonly Approval[];
  etag?: string | null;
}

/**
 * The rows keep the subject, so the popup words each headline in its own language; `headline`
 * is also stored, in the language of `t` (the typed `i18n.t`), for readers of the stored list
 * that want it ready-made.
 */
export function popupListFor(
  listed: Listed | null,
  contexts: Readonly<Record<string, ApprovalContext>>,
  t: Translate,
): PopupList {
  if (!listed) return null;
  const rows = [...listed.approvals].sort(byExpiry).map((approval) => {
    const context = contexts[approval.id];
    const { contractId, milestoneId, jobId, proposalId } = approval;
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
      ...(contractId && { contractId }),
      ...(milestoneId && { milestoneId }),
      ...(jobId && { jobId }),
      ...(proposalId && { proposalId }),
    };
  });
  const { fetchedAt, serverOffsetMs, complete, etag } = listed;
  return { fetchedAt, serverOffsetMs, complete, ...(etag && { etag }), rows };
}

/** The approvals a stored list was made from, as much of them as the extension uses. */
function approvalsOf(list: NonNullable<PopupList>): Approval[] {
  return list.rows.map((row) => ({
    id: row.id,
    type: row.type,
    status: row.status,
    contractId: row.contractId ?? null,
    milestoneId: row.milestoneId ?? null,
    jobId: row.jobId ?? null,
    proposalId: row.proposalId ?? null,
    // Never followed (pages are opened on the configured origin), so not kept.
    approvalUrl: null,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
    // Only pending approvals are listed.
    resolvedAt: null,
    result: null,
  }));
}

/** A stored list read back: its stamp, and its approvals. */
export function listedOf(list: PopupList): Listed | null {
  if (!list) return null;
  const { fetchedAt, serverOffsetMs, complete, etag } = list;
  return { fetchedAt, serverOffsetMs, complete, etag: etag ?? null, approvals: approvalsOf(list) };
}
