/** What deserves a second look before confirming, from one pure function. */
import type { Approval } from './api/schemas';
import type { ApprovalContext } from './context';
import { isKnownType, statusLabel } from './approval-text';
import { msUntilExpiry } from './expiry';
import { formatDuration, formatPercent, formatRelative, formatUsd } from './format';
import type { Translate } from './i18n';
import { HOUR } from './time';

export const EXPIRES_SOON_MS = 2 * HOUR;
/** What OpenTrain adds to a hire's charge: a marketplace share and a flat contract fee. */
export const MARKETPLACE_FEE = 0.1;
export const CONTRACT_FEE_USD = 9.95;

const MILESTONE_STATUSES = {
  ACTIVE_FUNDED: 'risk.milestoneStatus.ACTIVE_FUNDED',
  NOT_FUNDED: 'risk.milestoneStatus.NOT_FUNDED',
  PAID: 'risk.milestoneStatus.PAID',
} as const;

/** "funded", "not funded"; a status this version does not know, in lower case as the API says it. */
function milestoneState(status: string, t: Translate): string {
  return Object.hasOwn(MILESTONE_STATUSES, status)
    ? t(MILESTONE_STATUSES[status as keyof typeof MILESTONE_STATUSES])
    : status.toLowerCase().replace(/_/g, ' ');
}

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
  /** The typed `i18n.t`. */
  t: Translate;
  /** The UI language, for amounts and relative times (see lib/i18n.ts). */
  locale?: string;
}

export function riskSignals({
  approval,
  context,
  othersOnContract,
  nowMs,
  serverOffsetMs,
  t,
  locale,
}: RiskInput): RiskSignal[] {
  const signals: RiskSignal[] = [];
  const msLeft = msUntilExpiry(approval.expiresAt, nowMs, serverOffsetMs);
  const expiredHere = approval.status === 'pending' && msLeft <= 0;

  if (approval.status !== 'pending' || expiredHere) {
    const status = statusLabel(expiredHere ? 'expired' : approval.status, t);
    const at = expiredHere ? Date.parse(approval.expiresAt) : Date.parse(approval.resolvedAt ?? '');
    signals.push({
      id: 'not_pending',
      level: 'danger',
      text: Number.isNaN(at)
        ? t('risk.notPending', [status])
        : t('risk.notPendingSince', [status, formatRelative(at, nowMs + serverOffsetMs, locale)]),
    });
  } else if (msLeft <= EXPIRES_SOON_MS) {
    signals.push({
      id: 'expires_soon',
      level: 'danger',
      text: t('risk.expiresSoon', [formatDuration(msLeft, t)]),
    });
  }

  if (!isKnownType(approval.type)) {
    signals.push({
      id: 'unknown_type',
      level: 'warning',
      text: t('risk.unknownType', [approval.type]),
    });
  }

  const milestone = context?.milestone;
  const estimate = context?.estimatedTotalUsd;
  if (milestone?.amountUsd != null && estimate != null && milestone.amountUsd > estimate) {
    signals.push({
      id: 'amount_over_estimate',
      level: 'warning',
      text: t('risk.amountOverEstimate', [
        formatUsd(milestone.amountUsd, locale) ?? '',
        formatUsd(estimate, locale) ?? '',
      ]),
    });
  }
  if (milestone && approval.type === 'milestone_fund' && milestone.status !== 'NOT_FUNDED') {
    signals.push({
      id: 'already_in_state',
      level: 'warning',
      text: t('risk.alreadyFunded', [milestoneState(milestone.status, t)]),
    });
  }
  if (milestone && approval.type === 'milestone_approve' && milestone.status !== 'ACTIVE_FUNDED') {
    signals.push({
      id: 'already_in_state',
      level: 'warning',
      text: t('risk.nothingToRelease', [milestoneState(milestone.status, t)]),
    });
  }
  if (context?.contractStatus === 'ended') {
    signals.push({ id: 'contract_ended', level: 'warning', text: t('risk.contractEnded') });
  }
  if (context?.budgetState === 'DEPLETED' || context?.budgetState === 'LOW') {
    signals.push({
      id: 'budget',
      level: context.budgetState === 'DEPLETED' ? 'warning' : 'info',
      text: context.budgetState === 'DEPLETED' ? t('risk.budgetDepleted') : t('risk.budgetLow'),
    });
  }
  if (othersOnContract > 0) {
    signals.push({
      id: 'other_pending',
      level: 'info',
      text: t('risk.otherPending', othersOnContract),
    });
  }
  if (approval.type === 'proposal_hire') {
    signals.push({
      id: 'hire_terms_unreadable',
      level: 'info',
      text: t('risk.hireTermsUnreadable', [
        formatPercent(MARKETPLACE_FEE, locale),
        formatUsd(CONTRACT_FEE_USD, locale) ?? '',
      ]),
    });
  }
  return signals;
}
