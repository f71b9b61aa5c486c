/**
 * TRANSITIONAL. The English catalogue as a pure `t`, for the four functions the background calls
 * (badgeFor, planNotifications, problemFor, popupListFor) until it passes its own `i18n.t`:
 * with no `t` they answer in English, as before. Once the background passes `t`, make `t`
 * required there and delete this file and i18n-fallback.en.json.
 *
 * i18n-fallback.en.json holds the groups those functions use (FALLBACK_GROUPS) from
 * locales/en.yml; test/unit/i18n.test.ts keeps it in step (`npx vitest run -u` rewrites it).
 * It resolves like browser.i18n.getMessage ($1…$9, $$) and @wxt-dev/i18n's plural forms.
 */
import type { Translate } from './i18n';
import messages from './i18n-fallback.en.json' with { type: 'json' };

/** The catalogue groups the background's texts come from (badge, notifications, problems, headlines). */
export const FALLBACK_GROUPS = ['format', 'approval', 'problem', 'badge', 'notification'];

const catalogue: Readonly<Record<string, string>> = messages;

/** Chrome's substitution rules: $1…$9 take the substitutions (missing ones read as ''), $$ is a $. */
export function substitute(message: string, substitutions: readonly string[]): string {
  return message.replace(/\$(\$|[1-9])/g, (_, what: string) =>
    what === '$' ? '$' : (substitutions[Number(what) - 1] ?? ''),
  );
}

/** The plural form for a count, as @wxt-dev/i18n picks it from "one | other" or "zero | one | other". */
export function pluralForm(message: string, count: number): string {
  const forms = message.split(' | ');
  if (forms.length === 2) return forms[count === 1 ? 0 : 1]!;
  if (forms.length === 3) return forms[count === 0 || count === 1 ? count : 2]!;
  return forms[0]!;
}

export const englishT = ((key: string, ...args: unknown[]): string => {
  let count: number | undefined;
  let substitutions: string[] | undefined;
  for (const arg of args) {
    if (typeof arg === 'number') count = arg;
    else if (Array.isArray(arg)) substitutions = arg.map(String);
  }
  if (count !== undefined && substitutions === undefined) substitutions = [String(count)];
  const message = substitute(catalogue[key.replaceAll('.', '_')] ?? '', substitutions ?? []);
  return count === undefined ? message : pluralForm(message, count);
}) as unknown as Translate;
