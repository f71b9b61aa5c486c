import { i18n } from '#i18n';
import { intlLocale } from '@/lib/i18n';

/**
 * The locale pages format numbers, dates and relative times in: the browser's UI language,
 * when the catalogue speaks it (lib/i18n.ts says why).
 */
export function uiLocale(): string {
  return intlLocale(browser.i18n.getUILanguage(), i18n.t('language'));
}

/** Puts the page's language and title in the UI language (HTML files cannot use the catalogue). */
export function localizeDocument(title: string): void {
  document.documentElement.lang = uiLocale();
  document.title = title;
}
