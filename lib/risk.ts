/** What deserves a second look before confirming, from one pure function. */
import type { Approval } from './api/schemas';
import type { ApprovalContext } from './context';
import { isKnownType } from './approval-text';
import { msUntilExpiry } from './expiry';
import { formatDuration, formatRelative, formatUsd } from './format';
import { HOUR } from './time';

export const EXPIRES_SOON_MS = 2 * HOUR;

export type RiskId =
  | 'expires_soon'
  | 'not_pending'
  | 'amount_over_estimate'
  | 'already_in_state'
  | 'contract_ended'
  | 'budget'
  | 'other_pending'
  | 'hire_terms_unreadable'
  | 'unknown_type';

export interface RiskSignal {
  id: RiskId;
  level: 'danger' | 'warning' | 'info';
  text: string;
}

export interface RiskInput {
  approval: Pick<Approval, 'type' | 'status' | 'expiresAt' | 'resolvedAt'>;
  context: ApprovalContext | null;
  othersOnContract: number;
  nowMs: number;
  serverOffsetMs: number;
  locale?: string;
}

export function riskSignals({
  approval,
  context,
  othersOnContract,
  nowMs,
  serverOffsetMs,
  locale,
}: RiskInput): RiskSignal[] {
  const signals: RiskSignal[] = [];
  const msLeft = msUntilExpiry(approval.expiresAt, nowMs, serverOffsetMs);
  const expiredHere = approval.status === 'pending' && msLeft <= 0;

  if (approval.status !== 'pending' || expiredHere) {
    const status = expiredHere ? 'expired' : approval.status;
    const at = expiredHere ? Date.parse(approval.expiresAt) : Date.parse(approval.resolvedAt ?? '');
    const when = Number.isNaN(at) ? '' : ` ${formatRelative(at, nowMs + serverOffsetMs, locale)}`;
    signals.push({
      id: 'not_pending',
      level: 'danger',
      text: `No longer pending: ${status}${when}. There is nothing to confirm.`,
    });
  } else if (msLeft <= EXPIRES_SOON_MS) {
    signals.push({
      id: 'expires_soon',
      level: 'danger',
      text: `Expires in ${formatDuration(msLeft)}: decide now, or the agent must ask again.`,
    });
  }

  if (!isKnownType(approval.type)) {
    signals.push({
      id: 'unknown_type',
      level: 'warning',
      text: `Unknown request type “${approval.type}”: read the app’s screen carefully before confirming.`,
    });
  }

  const milestone = context?.milestone;
  const estimate = context?.estimatedTotalUsd;
  if (milestone?.amountUsd != null && estimate != null && milestone.amountUsd > estimate) {
    signals.push({
      id: 'amount_over_estimate',
      level: 'warning',
      text: `The milestone amount ${formatUsd(milestone.amountUsd, locale)} is above the contract’s estimated total ${formatUsd(estimate, locale)}.`,
    });
  }
  if (milestone && approval.type === 'milestone_fund' && milestone.status !== 'NOT_FUNDED') {
    signals.push({
      id: 'already_in_state',
      level: 'warning',
      text: `This milestone is already ${milestone.status === 'ACTIVE_FUNDED' ? 'funded' : milestone.status.toLowerCase().replace(/_/g, ' ')}: funding it again is unexpected.`,
    });
  }
  if (milestone && approval.type === 'milestone_approve' && milestone.status !== 'ACTIVE_FUNDED') {
    signals.push({
      id: 'already_in_state',
      level: 'warning',
      text: `This milestone is ${milestone.status === 'NOT_FUNDED' ? 'not funded' : milestone.status.toLowerCase().replace(/_/g, ' ')}: there is nothing in escrow to release.`,
    });
  }
  if (context?.contractStatus === 'ended') {
    signals.push({ id: 'contract_ended', level: 'warning', text: 'The contract has already ended.' });
  }
  if (context?.budgetState === 'DEPLETED' || context?.budgetState === 'LOW') {
    signals.push({
      id: 'budget',
      level: context.budgetState === 'DEPLETED' ? 'warning' : 'info',
      text:
        context.budgetState === 'DEPLETED'
          ? 'The contract’s budget is depleted.'
          : 'The contract’s budget is running low.',
    });
  }
  if (othersOnContract > 0) {
    signals.push({
      id: 'other_pending',
      level: 'info',
      text: `${othersOnContract} other approval${othersOnContract === 1 ? ' is' : 's are'} pending on this contract.`,
    });
  }
  if (approval.type === 'proposal_hire') {
    signals.push({
      id: 'hire_terms_unreadable',
      level: 'info',
      text: 'The proposed milestone (name, amount, due date) is not readable through the API: check the amounts in the app’s dialog. The charge adds a 10% marketplace fee and a $9.95 contract fee.',
    });
  }
  return signals;
}
