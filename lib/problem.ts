/**
 * Every problem a reviewer can be shown, as data: what happened, what to do, and the
 * badge glyph. One table, so each sentence a user sees can be reviewed in one place.
 */
import type { ApiError } from './api/errors';
import { formatDuration } from './format';

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

const MINT =
  'In OpenTrain open Settings → API keys, create a token with the payments:read scope (add proposals:read and jobs:read for full context), then paste it in this extension’s Options.';

export function problemFor(error: ApiError, retryInMs?: number | null): Problem {
  const retry =
    retryInMs != null && retryInMs > 0 ? `Retrying in ${formatDuration(retryInMs)}.` : 'Retrying automatically.';
  switch (error.kind) {
    case 'unauthorized':
      return {
        title: 'OpenTrain rejected the API token: it is wrong, expired or revoked.',
        action: `Paste a valid token in Options. ${MINT}`,
        glyph: '!',
        blocking: true,
      };
    case 'forbidden':
      if (error.reason === 'account_claim_required') {
        return {
          title: 'This OpenTrain account has not been claimed by a person yet.',
          action: `Claim the account${error.claimUrl ? ` at ${error.claimUrl}` : ' in OpenTrain'}, then save the token again in Options.`,
          glyph: '!',
          blocking: true,
        };
      }
      if (error.requiredScopes?.length) {
        return {
          title: `The API token is missing the ${error.requiredScopes.join(', ')} scope.`,
          action: MINT,
          glyph: '!',
          blocking: true,
        };
      }
      return {
        title: `OpenTrain refused this token access${error.reason ? ` (${error.reason})` : ''}.`,
        action: `Check the token’s scopes and your role on the account. ${MINT}`,
        glyph: '!',
        blocking: true,
      };
    case 'rate_limited':
      return {
        title: 'OpenTrain asked us to slow down (rate limit).',
        action: `Nothing to do. ${retry}`,
        glyph: null,
        blocking: false,
      };
    case 'server':
      return {
        title: `OpenTrain answered with an error (HTTP ${error.status}).`,
        action: `${retry} If it lasts, check OpenTrain’s status or open the app directly.`,
        glyph: '?',
        blocking: false,
      };
    case 'timeout':
      return {
        title: `OpenTrain did not answer within ${Math.round(error.afterMs / 1000)} s.`,
        action: `${retry} If it lasts, open the app directly.`,
        glyph: '?',
        blocking: false,
      };
    case 'invalid_response':
      return {
        title: 'OpenTrain sent an answer this extension cannot read.',
        action: `Check the OpenTrain URL in Options. If it is right, the API may have changed: update the extension. ${retry}`,
        glyph: '?',
        blocking: false,
      };
    case 'redirect':
      return {
        title: `OpenTrain’s API answered with a redirect (HTTP ${error.status}), which this extension does not follow.`,
        action: `Check the OpenTrain URL in Options: it must be the app’s own address, not a login or proxy page. ${retry}`,
        glyph: '?',
        blocking: false,
      };
    case 'too_large':
      return {
        title: `OpenTrain sent an answer larger than ${Math.round(error.limitBytes / 1_000_000)} MB, which this extension does not read.`,
        action: `The last list is kept. Check the OpenTrain URL in Options; if it is right, tell OpenTrain support. ${retry}`,
        glyph: '?',
        blocking: false,
      };
    case 'network':
      return {
        title: 'Cannot reach OpenTrain: you may be offline.',
        action: `Check your connection. The list refreshes as soon as you are back online. ${retry}`,
        glyph: 'off',
        blocking: false,
      };
    case 'not_found':
      return {
        title: 'OpenTrain could not find that approval, or this token cannot see it.',
        action:
          'Approvals are visible to the account owner and to the token that requested them. Use the owner’s token.',
        glyph: '?',
        blocking: false,
      };
    case 'unsupported':
      return {
        title: `This address does not serve the OpenTrain API (HTTP ${error.status}).`,
        action: 'Check the OpenTrain URL in Options.',
        glyph: '?',
        blocking: false,
      };
  }
}
