/**
 * Every problem a reviewer can be shown, as data: what happened, what to do, and the badge
 * glyph. The sentences are in locales/*.yml (problem.*), reviewed in one place.
 */
import type { ApiError } from './api/errors';
import { formatDuration } from './format';
import type { Translate } from './i18n';

export type Glyph = '!' | '?' | 'off';

export interface Problem {
  /** What happened. */
  title: string;
  /** What to do next. */
  action: string;
  /** The badge glyph, or null to keep showing the count (a transient, self-healing problem). */
  glyph: Glyph | null;
  /** Polling stops until the token or URL changes. */
  blocking: boolean;
}

/** The problem in the words of `t`, the typed `i18n.t`. */
export function problemFor(error: ApiError, retryInMs: number | null, t: Translate): Problem {
  const mint = t('problem.mint');
  const retry =
    retryInMs != null && retryInMs > 0
      ? t('problem.retryIn', [formatDuration(retryInMs, t)])
      : t('problem.retryAutomatically');
  switch (error.kind) {
    case 'unauthorized':
      return {
        title: t('problem.unauthorized.title'),
        action: t('problem.unauthorized.action', [mint]),
        glyph: '!',
        blocking: true,
      };
    case 'forbidden':
      if (error.reason === 'account_claim_required') {
        return {
          title: t('problem.claimRequired.title'),
          action: error.claimUrl
            ? t('problem.claimRequired.actionAt', [error.claimUrl])
            : t('problem.claimRequired.action'),
          glyph: '!',
          blocking: true,
        };
      }
      if (error.requiredScopes?.length) {
        return {
          title: t('problem.missingScope.title', [error.requiredScopes.join(', ')]),
          action: mint,
          glyph: '!',
          blocking: true,
        };
      }
      return {
        title: error.reason ? t('problem.forbidden.titleWithReason', [error.reason]) : t('problem.forbidden.title'),
        action: t('problem.forbidden.action', [mint]),
        glyph: '!',
        blocking: true,
      };
    case 'rate_limited':
      return {
        title: t('problem.rateLimited.title'),
        action: t('problem.rateLimited.action', [retry]),
        glyph: null,
        blocking: false,
      };
    case 'server':
      return {
        title: t('problem.server.title', [String(error.status)]),
        action: t('problem.server.action', [retry]),
        glyph: '?',
        blocking: false,
      };
    case 'timeout': {
      const seconds = Math.round(error.afterMs / 1000);
      return {
        title: t('problem.timeout.title', seconds),
        action: t('problem.timeout.action', [retry]),
        glyph: '?',
        blocking: false,
      };
    }
    case 'invalid_response':
      return {
        title: t('problem.invalidResponse.title'),
        action: t('problem.invalidResponse.action', [retry]),
        glyph: '?',
        blocking: false,
      };
    case 'redirect':
      return {
        title: t('problem.redirect.title', [String(error.status)]),
        action: t('problem.redirect.action', [retry]),
        glyph: '?',
        blocking: false,
      };
    case 'too_large':
      return {
        title: t('problem.tooLarge.title', [String(Math.round(error.limitBytes / 1_000_000))]),
        action: t('problem.tooLarge.action', [retry]),
        glyph: '?',
        blocking: false,
      };
    case 'network':
      return {
        title: t('problem.network.title'),
        action: t('problem.network.action', [retry]),
        glyph: 'off',
        blocking: false,
      };
    case 'not_found':
      return {
        title: t('problem.notFound.title'),
        action: t('problem.notFound.action'),
        glyph: '?',
        blocking: false,
      };
    case 'unsupported':
      return {
        title: t('problem.unsupported.title', [String(error.status)]),
        action: t('problem.unsupported.action'),
        glyph: '?',
        blocking: false,
      };
  }
}
