/**
 * Where the approvals panel belongs as the app navigates on its own (a single-page app):
 * it follows its approval to the contract view the app moves to, switches on another
 * approval page, and leaves for anything else.
 */
import { approvalIdFromPath } from './api/origin';

export type PanelRoute = { kind: 'approval'; approvalId: string } | { kind: 'keep' } | { kind: 'leave' };

export function panelRoute(
  pathname: string,
  current: { approvalId: string; contractId?: string | null } | null,
): PanelRoute {
  const approvalId = approvalIdFromPath(pathname);
  if (approvalId) return { kind: 'approval', approvalId };
  // The documented flow "drops the human into the normal contract view": stay with the approval there.
  if (current && /^\/contracts(\/|$)/.test(pathname)) return { kind: 'keep' };
  return { kind: 'leave' };
}
