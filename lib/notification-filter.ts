/**
 * Which approvals the reviewer wants desktop notifications for (Options: types, minimum amount).
 * The popup lists every approval whatever these say, and marks the ones filtered out.
 */
import { KNOWN_TYPES } from './approval-text';

export interface NotificationFilters {
  /** Types to notify about; a type OpenTrain adds later is always notified. */
  notifyTypes: readonly string[];
  /** Notify only from this amount in USD; null for any amount. */
  minAmountUsd: number | null;
}

/**
 * Whether notifications for an approval pass the filters. An approval whose amount is not known
 * (a hire's, see docs/opentrain-api.md) passes the minimum: it may be large.
 */
export function passesNotificationFilters(
  approval: { type: string; amountUsd: number | null },
  filters: NotificationFilters,
): boolean {
  const known = (KNOWN_TYPES as readonly string[]).includes(approval.type);
  if (known && !filters.notifyTypes.includes(approval.type)) return false;
  if (filters.minAmountUsd !== null && approval.amountUsd !== null && approval.amountUsd < filters.minAmountUsd) {
    return false;
  }
  return true;
}
