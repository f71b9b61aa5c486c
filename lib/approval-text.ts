/** What an approval asks for, in words a reviewer reads, built from the approval and its context. */
import { API_PREFIX } from './api/origin';
import type { Approval } from './api/schemas';
import type { ApprovalContext } from './context';
import { formatUsd } from './format';

type ApprovalFields = Pick<Approval, 'type' | 'contractId' | 'milestoneId' | 'proposalId'>;

const ACTIONS: Record<string, string> = {
  proposal_hire: 'Hire',
  milestone_fund: 'Fund milestone',
  milestone_approve: 'Release payment',
  contract_end: 'End contract',
};

/** "Fund milestone"; an unknown type is shown as itself, never dropped. */
export function actionLabel(type: string): string {
  return ACTIONS[type] ?? `Approve “${type}”`;
}

export function isKnownType(type: string): boolean {
  return type in ACTIONS;
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

/** The subject of the request: the milestone, the candidate or the contract, quoted. */
export function subjectOf(approval: ApprovalFields, context: ApprovalContext | undefined): string | null {
  switch (approval.type) {
    case 'milestone_fund':
    case 'milestone_approve':
      return context?.milestone?.name ? `“${context.milestone.name}”` : null;
    case 'proposal_hire':
      return context?.proposal?.candidateName ?? null;
    case 'contract_end':
      return context?.contractTitle ? `“${context.contractTitle}”` : null;
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
export function headline(approval: ApprovalFields, context: ApprovalContext | undefined): string {
  const subject = subjectOf(approval, context);
  return subject ? `${actionLabel(approval.type)} ${subject}` : actionLabel(approval.type);
}

/** 'Fund milestone “First labeling batch”, $300.00, Maria G.': one line for a notification. */
export function summaryLine(approval: ApprovalFields, context: ApprovalContext | undefined, locale?: string): string {
  const parts = [headline(approval, context)];
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
