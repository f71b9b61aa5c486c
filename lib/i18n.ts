/**
 * Words for people live in locales/*.yml, read through @wxt-dev/i18n (browser.i18n underneath).
 * lib/ never calls the browser: a function that produces text takes `t`, the typed `i18n.t`
 * from '#i18n', and, where it formats numbers or dates with Intl, the `locale` to format in
 * (see `intlLocale`). Entrypoints and components pass both.
 */
import type { GeneratedI18nStructure, i18n } from '#i18n';

/** The typed `i18n.t`: only keys of locales/en.yml, with their substitution count and plural shape. */
export type Translate = (typeof i18n)['t'];
export type MessageKey = keyof GeneratedI18nStructure;

/**
 * The locale Intl should format in: the browser's UI language when the catalogue speaks it
 * ("en-GB" gets British dates), else the catalogue's own language, so that English sentences
 * (the fallback for a language we do not ship) never carry French or Japanese numbers.
 */
export function intlLocale(uiLanguage: string, catalogueLanguage: string): string {
  const primary = (tag: string) => tag.toLowerCase().split(/[-_]/)[0];
  const ui = uiLanguage.replace(/_/g, '-');
  if (primary(ui) === primary(catalogueLanguage)) {
    try {
      return Intl.getCanonicalLocales(ui)[0] ?? catalogueLanguage;
    } catch {
      return catalogueLanguage;
    }
  }
  return catalogueLanguage;
}

/** Ends a sentence once: "Maria G." needs no second full stop. */
export const sentence = (text: string) => (/[.!?…]$/.test(text) ? text : `${text}.`);
