/** What the options page says about a token after GET /auth/me: whose it is, and what it cannot do. */
import type { ApiError } from './api/errors';
import type { AuthMe } from './api/schemas';

export const REQUIRED_SCOPE = 'payments:read';
/** Scopes that only add context; without them the popup and panel show less. */
export const CONTEXT_SCOPES: Record<string, string> = {
  'proposals:read': 'hire requests will show no candidate, bid or job title',
  'jobs:read': 'job titles will be missing from the popup and the approval panel',
};

export interface TokenWarning {
  id: 'missing-payments-read' | 'missing-context-scope' | 'member-token';
  blocking: boolean;
  text: string;
}

export interface TokenAssessment {
  name: string | null;
  email: string | null;
  tokenLabel: string | null;
  scopes: string[];
  isOwner: boolean;
  warnings: TokenWarning[];
}

/** `:write` implies `:read` for the same resource. */
export function hasScope(scopes: readonly string[], wanted: string): boolean {
  const [resource] = wanted.split(':');
  return scopes.includes(wanted) || (wanted.endsWith(':read') && scopes.includes(`${resource}:write`));
}

export function assessToken(me: AuthMe): TokenAssessment {
  const scopes = me.token.scopes;
  const isOwner = me.account.memberRole
    ? me.account.memberRole === 'OWNER'
    : me.account.ownerUserId === me.actor.userId;
  const warnings: TokenWarning[] = [];
  if (!hasScope(scopes, REQUIRED_SCOPE)) {
    warnings.push({
      id: 'missing-payments-read',
      blocking: true,
      text: 'This token lacks payments:read, so it cannot read approvals: nothing will work with it. In OpenTrain open Settings → API keys, create a token with payments:read (and proposals:read, jobs:read for full context), and save that one here.',
    });
  }
  for (const [scope, effect] of Object.entries(CONTEXT_SCOPES)) {
    if (!hasScope(scopes, scope)) {
      warnings.push({ id: 'missing-context-scope', blocking: false, text: `Without ${scope}, ${effect}.` });
    }
  }
  if (!isOwner) {
    warnings.push({
      id: 'member-token',
      blocking: false,
      text: 'This is a team member’s token, not the account owner’s. OpenTrain shows an approval only to the owner and to the token that requested it, so approvals other tokens requested may not appear. Use the owner’s token to see them all.',
    });
  }
  return {
    name: me.actor.fullName ?? ([me.actor.firstName, me.actor.lastName].filter(Boolean).join(' ') || null),
    email: me.actor.email ?? null,
    tokenLabel: me.token.label ?? null,
    scopes,
    isOwner,
    warnings,
  };
}

/** Why saving failed, for each way GET /auth/me can fail. */
export function saveFailureMessage(error: ApiError, origin: string): string {
  switch (error.kind) {
    case 'unauthorized':
      return 'OpenTrain rejected this token (401): it is wrong, expired or revoked. Copy it again from Settings → API keys. Your previous settings are still in use.';
    case 'network':
      return `Could not reach ${origin}. Check the OpenTrain URL and your connection. Your previous settings are still in use.`;
    case 'timeout':
      return `${origin} did not answer within ${Math.round(error.afterMs / 1000)} s. Check the OpenTrain URL, or try again later. Your previous settings are still in use.`;
    case 'redirect':
      return `${origin} answered with a redirect (HTTP ${error.status}), so the token was not sent on. Enter the app’s own address as the OpenTrain URL. Your previous settings are still in use.`;
    case 'too_large':
    case 'unsupported':
    case 'not_found':
    case 'invalid_response':
      return `${origin} did not answer like an OpenTrain API. Check the OpenTrain URL (for example https://app.opentrain.ai). Your previous settings are still in use.`;
    case 'forbidden':
      return 'OpenTrain refused this token. Check that it belongs to a claimed account and has the payments:read scope. Your previous settings are still in use.';
    case 'rate_limited':
      return 'OpenTrain is rate limiting requests right now. Wait a minute and save again. Your previous settings are still in use.';
    case 'server':
      return `OpenTrain answered with an error (HTTP ${error.status}). Try again in a minute. Your previous settings are still in use.`;
  }
}

export const TOKEN_PREFIX = 'ot_pat_';

export function tokenFormatProblem(token: string): string | null {
  if (!token.startsWith(TOKEN_PREFIX))
    return `An OpenTrain API token starts with ${TOKEN_PREFIX}. Copy it from Settings → API keys in OpenTrain.`;
  if (/\s/.test(token)) return 'The token contains spaces. Copy it again without them.';
  return null;
}
