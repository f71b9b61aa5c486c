/**
 * The typed messages the popup, options page and content script send the background (with
 * `send` in utils/messaging.ts). Incoming messages are untrusted: the background's router
 * parses them and checks the sender.
 */
import * as z from 'zod/mini';
import type { Approval } from './api/schemas';
import type { ApprovalContext } from './context';

export const messageSchema = z.discriminatedUnion('type', [
  /** Poll now (debounced). From extension pages. */
  z.object({ type: z.literal('refresh') }),
  /** Follow an approval by link or id (tracked mode). From extension pages and the content script. */
  z.object({ type: z.literal('track'), input: z.string().check(z.maxLength(2048)) }),
  /** The approval page's panel: the approval and its context, cached or freshly read. */
  z.object({ type: z.literal('panel'), approvalId: z.string().check(z.maxLength(256)), fresh: z.boolean() }),
  /** Open (or focus) an approval's page in the app. From extension pages. */
  z.object({ type: z.literal('open'), approvalId: z.string().check(z.maxLength(256)) }),
  z.object({ type: z.literal('testNotification') }),
  z.object({ type: z.literal('setPanelCollapsed'), collapsed: z.boolean() }),
]);
export type Message = z.infer<typeof messageSchema>;
export type MessageType = Message['type'];

export interface ProblemText {
  title: string;
  action: string;
}

export type PanelResponse =
  | {
      ok: true;
      approval: Approval;
      context: ApprovalContext | null;
      serverOffsetMs: number;
      /** Other pending approvals on the same contract. */
      othersOnContract: number;
      collapsed: boolean;
      fresh: boolean;
      /** Set when a fresh read failed and this is the cached answer. */
      problem?: ProblemText;
    }
  | {
      ok: false;
      reason: 'invalid_id' | 'not_configured' | 'not_found' | 'error' | 'not_cached' | 'refused';
      problem: ProblemText;
      collapsed: boolean;
    };

export type TrackResponse = { ok: true; approvalId: string } | { ok: false; message: string };
/** `notBefore`: not polled because OpenTrain may not be asked again before then (Retry-After, backoff). */
export type RefreshResponse = { ok: true; polled: boolean; notBefore?: number } | { ok: false; message: string };
export type SimpleResponse = { ok: true } | { ok: false; message: string };

export interface ResponseFor {
  refresh: RefreshResponse;
  track: TrackResponse;
  panel: PanelResponse;
  open: SimpleResponse;
  testNotification: SimpleResponse;
  setPanelCollapsed: SimpleResponse;
}

export type SenderKind = 'extension-page' | 'content-script';

/** Which messages each kind of sender may send. */
export const ALLOWED: Record<SenderKind, ReadonlySet<MessageType>> = {
  'extension-page': new Set(['refresh', 'track', 'panel', 'open', 'testNotification', 'setPanelCollapsed']),
  'content-script': new Set(['track', 'panel', 'setPanelCollapsed']),
};

export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: unknown;
}

/**
 * Who sent a message: one of this extension's own pages, its content script on the
 * configured OpenTrain origin, or nobody we answer (null).
 */
export function classifySender(
  sender: SenderInfo,
  extensionId: string,
  extensionBaseUrl: string,
  origin: string,
): SenderKind | null {
  if (sender.id !== extensionId || !sender.url) return null;
  if (sender.url.startsWith(extensionBaseUrl)) return 'extension-page';
  if (!sender.tab) return null;
  try {
    return new URL(sender.url).origin === origin ? 'content-script' : null;
  } catch {
    return null;
  }
}
