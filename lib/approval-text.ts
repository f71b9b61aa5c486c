/** What an approval asks for, in words a reviewer reads, built from the approval and its context. */
import { API_PREFIX } from './api/origin';
import type { Approval } from './api/schemas';
import type { ApprovalContext } from './context';
import { formatUsd } from './format';
import type { Translate } from './i18n';

type ApprovalFields = Pick<Approval, 'type' | 'contractId' | 'milestoneId' | 'proposalId'>;

/** The approval types OpenTrain documents (lowercase, as on the approval object). */
export const KNOWN_TYPES = ['proposal_hire', 'milestone_fund', 'milestone_approve', 'contract_end'] as const;
export type KnownType = (typeof KNOWN_TYPES)[number];

const ACTIONS = {
  proposal_hire: 'approval.action.proposal_hire',
  milestone_fund: 'approval.action.milestone_fund',
  milestone_approve: 'approval.action.milestone_approve',
  contract_end: 'approval.action.contract_end',
} as const satisfies Record<KnownType, string>;

const HEADLINES = {
  proposal_hire: 'approval.headline.proposal_hire',
  milestone_fund: 'approval.headline.milestone_fund',
  milestone_approve: 'approval.headline.milestone_approve',
  contract_end: 'approval.headline.contract_end',
} as const satisfies Record<KnownType, string>;

const STATUSES = {
  pending: 'approval.status.pending',
  confirmed: 'approval.status.confirmed',
  declined: 'approval.status.declined',
  expired: 'approval.status.expired',
} as const;

export function isKnownType(type: string): type is KnownType {
  return (KNOWN_TYPES as readonly string[]).includes(type);
}

/** "Fund milestone"; an unknown type is shown as itself, never dropped. */
export function actionLabel(type: string, t: Translate): string {
  return isKnownType(type) ? t(ACTIONS[type]) : t('approval.action.unknown', [type]);
}

/** "pending", "confirmed"…; a status this version does not know is shown as the API says it. */
export function statusLabel(status: string, t: Translate): string {
  return Object.hasOwn(STATUSES, status) ? t(STATUSES[status as keyof typeof STATUSES]) : status;
}

/** The API call the agent made that created this approval. */
export function apiCallFor(approval: ApprovalFields): string | null {
  const id = (value: string | null | undefined, placeholder: string) => encodeURIComponent(value ?? placeholder);
  switch (approval.type) {
    case 'milestone_fund':
      return `POST ${API_PREFIX}/milestones/${id(approval.milestoneId, '{milestoneId}')}/fund`;
    case 'milestone_approve':
      return `POST ${API_PREFIX}/milestones/${id(approval.milestoneId, '{milestoneId}')}/approve`;
    case 'proposal_hire':
      return `POST ${API_PREFIX}/proposals/${id(approval.proposalId, '{proposalId}')}/hire`;
    case 'contract_end':
      return `POST ${API_PREFIX}/contracts/${id(approval.contractId, '{contractId}')}/end`;
    default:
      return null;
  }
}

/** The subject of the request: the milestone, the candidate or the contract (the catalogue quotes it). */
export function subjectOf(approval: ApprovalFields, context: ApprovalContext | undefined): string | null {
  switch (approval.type) {
    case 'milestone_fund':
    case 'milestone_approve':
      return context?.milestone?.name || null;
    case 'proposal_hire':
      return context?.proposal?.candidateName || null;
    case 'contract_end':
      return context?.contractTitle || null;
    default:
      return null;
  }
}

/** The money the request would move, when the API lets us know it. */
export function amountOf(approval: ApprovalFields, context: ApprovalContext | undefined): number | null {
  switch (approval.type) {
    case 'milestone_fund':
    case 'milestone_approve':
      return context?.milestone?.amountUsd ?? null;
    case 'contract_end':
      return context?.fundedUsd ?? null;
    default:
      return null; // a hire's proposed terms are not readable through the API
  }
}

/** 'Fund milestone “First labeling batch”' */
export function headline(approval: ApprovalFields, context: ApprovalContext | undefined, t: Translate): string {
  return headlineFor(approval.type, subjectOf(approval, context), t);
}

/** The headline from an approval's type and subject (as the popup's stored rows keep them). */
export function headlineFor(type: string, subject: string | null, t: Translate): string {
  return subject && isKnownType(type) ? t(HEADLINES[type], [subject]) : actionLabel(type, t);
}

/** 'Fund milestone “First labeling batch”, $300.00, Maria G.': one line for a notification. */
export function summaryLine(
  approval: ApprovalFields,
  context: ApprovalContext | undefined,
  t: Translate,
  locale?: string,
): string {
  const parts = [headline(approval, context, t)];
  const amount = formatUsd(amountOf(approval, context), locale);
  if (amount) parts.push(amount);
  if (approval.type !== 'proposal_hire' && context?.freelancerName) parts.push(context.freelancerName);
  return parts.join(', ');
}

/** The secondary line: the contract (or, for a hire, the job) and who. */
export function contextLine(approval: ApprovalFields, context: ApprovalContext | undefined): string | null {
  if (!context) return null;
  if (approval.type === 'proposal_hire') return context.jobTitle ?? null;
  const parts = [context.contractTitle ?? context.jobTitle, context.freelancerName].filter(Boolean);
  return parts.length ? parts.join(' · ') : null;
}
