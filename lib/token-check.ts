/** What the options page says about a token after GET /auth/me: whose it is, and what it cannot do. */
import type { ApiError } from './api/errors';
import { DEFAULT_ORIGIN, type OriginProblem } from './api/origin';
import type { AuthMe } from './api/schemas';
import type { Translate } from './i18n';

export const REQUIRED_SCOPE = 'payments:read';
/** Scopes that only add context; without them the popup and panel show less (the warning says what). */
export const CONTEXT_SCOPES = {
  'proposals:read': 'token.warning.missingProposalsRead',
  'jobs:read': 'token.warning.missingJobsRead',
} as const;

export interface TokenWarning {
  id: 'missing-payments-read' | 'missing-context-scope' | 'write-scopes' | 'member-token';
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

export function assessToken(me: AuthMe, t: Translate): TokenAssessment {
  const scopes = me.token.scopes;
  const isOwner = me.account.memberRole
    ? me.account.memberRole === 'OWNER'
    : me.account.ownerUserId === me.actor.userId;
  const warnings: TokenWarning[] = [];
  if (!hasScope(scopes, REQUIRED_SCOPE)) {
    warnings.push({
      id: 'missing-payments-read',
      blocking: true,
      text: t('token.warning.missingPaymentsRead'),
    });
  }
  for (const [scope, warning] of Object.entries(CONTEXT_SCOPES)) {
    if (!hasScope(scopes, scope)) {
      warnings.push({ id: 'missing-context-scope', blocking: false, text: t(warning) });
    }
  }
  // The extension needs none of these; a token holding one can move money if it leaks.
  const writeScopes = scopes.filter((scope) => scope.endsWith(':write'));
  if (writeScopes.length) {
    warnings.push({
      id: 'write-scopes',
      blocking: false,
      text: t('token.warning.writeScopes', [writeScopes.join(', ')]),
    });
  }
  if (!isOwner) {
    warnings.push({
      id: 'member-token',
      blocking: false,
      text: t('token.warning.memberToken'),
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
export function saveFailureMessage(error: ApiError, origin: string, t: Translate): string {
  switch (error.kind) {
    case 'unauthorized':
      return t('token.saveFailure.unauthorized');
    case 'network':
      return t('token.saveFailure.network', [origin]);
    case 'timeout': {
      const seconds = Math.round(error.afterMs / 1000);
      return t('token.saveFailure.timeout', seconds, [origin, String(seconds)]);
    }
    case 'redirect':
      return t('token.saveFailure.redirect', [origin, String(error.status)]);
    case 'too_large':
    case 'unsupported':
    case 'not_found':
    case 'invalid_response':
      return t('token.saveFailure.notApi', [origin, DEFAULT_ORIGIN]);
    case 'forbidden':
      return t('token.saveFailure.forbidden');
    case 'rate_limited':
      return t('token.saveFailure.rateLimited');
    case 'server':
      return t('token.saveFailure.server', [String(error.status)]);
  }
}

/** Why the OpenTrain URL typed cannot be used. */
export function originProblemMessage(reason: OriginProblem, t: Translate): string {
  switch (reason) {
    case 'not_url':
      return t('origin.notUrl', [DEFAULT_ORIGIN]);
    case 'credentials':
      return t('origin.credentials');
    case 'plain_http':
      return t('origin.plainHttp');
    case 'not_https':
      return t('origin.notHttps');
    case 'ipv6_loopback':
      return t('origin.ipv6Loopback');
  }
}

export const TOKEN_PREFIX = 'ot_pat_';

export function tokenFormatProblem(token: string, t: Translate): string | null {
  if (!token.startsWith(TOKEN_PREFIX)) return t('token.format.prefix', [TOKEN_PREFIX]);
  if (/\s/.test(token)) return t('token.format.spaces');
  return null;
}
