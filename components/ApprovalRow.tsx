import { i18n } from '#i18n';
import { headlineFor } from '@/lib/approval-text';
import type { PopupRow } from '@/lib/popup-list';
import { formatRelative, formatUsd } from '@/lib/format';
import { Countdown } from './Countdown';

export interface ApprovalRowProps {
  row: PopupRow;
  /** The first row carries an Element Timing mark, so its paint can be measured (npm run bench). */
  first?: boolean;
  nowMs: number;
  serverOffsetMs: number;
  /** The UI language, for the amount and the relative time (components/locale.ts). */
  locale: string;
  onOpen: (approvalId: string) => void;
}

/** One pending approval: what the agent asked for, for how much, how long is left. */
export function ApprovalRow({ row, first, nowMs, serverOffsetMs, locale, onOpen }: ApprovalRowProps) {
  const t = i18n.t;
  // In the popup's language; a row stored before rows kept their subject has its headline ready.
  const headline = row.subject === undefined ? row.headline : headlineFor(row.type, row.subject, t);
  const created = Date.parse(row.createdAt);
  const amount = formatUsd(row.amountUsd, locale);
  return (
    <li class="approval" data-testid="approval-row" data-approval-id={row.id}>
      <div class="what">
        <span class="headline" {...(first && { elementtiming: 'first-row' })}>
          {headline}
        </span>
        {amount ? <span class="amount">{amount}</span> : null}
      </div>
      {row.detail ? <div class="detail">{row.detail}</div> : null}
      <div class="when">
        <Countdown expiresAt={row.expiresAt} nowMs={nowMs} serverOffsetMs={serverOffsetMs} />
        {Number.isNaN(created) ? null : (
          <span class="asked">{t('popup.row.asked', [formatRelative(created, nowMs + serverOffsetMs, locale)])}</span>
        )}
      </div>
      <button
        type="button"
        class="open"
        data-row-button
        onClick={() => onOpen(row.id)}
        aria-label={
          amount ? t('popup.row.openLabelWithAmount', [headline, amount]) : t('popup.row.openLabel', [headline])
        }
      >
        {t('popup.row.open')}
      </button>
    </li>
  );
}
