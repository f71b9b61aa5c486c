/**
 * The extension's own catalogues (locales/*.yml) in tests: compiled the way the build compiles
 * them (@wxt-dev/i18n/build), and answered the way browser.i18n.getMessage answers, so that
 * `i18n.t` from '#i18n' runs for real against WXT's fake browser.
 *
 *   beforeAll(() => useLocale('de'));   // getMessage from de.yml, getUILanguage() === 'de'
 */
import path from 'node:path';
import { type ChromeMessage, generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';
import { fakeBrowser } from 'wxt/testing/fake-browser';

export type Locale = 'en' | 'de';
export const LOCALES: readonly Locale[] = ['en', 'de'];
export const LOCALES_DIR = path.resolve(__dirname, '../../locales');

export const localeFile = (locale: Locale) => path.join(LOCALES_DIR, `${locale}.yml`);

/** A catalogue as the build writes it to _locales/<locale>/messages.json. */
export async function chromeMessages(locale: Locale): Promise<Record<string, ChromeMessage>> {
  return generateChromeMessages(await parseMessagesFile(localeFile(locale)));
}

export type GetMessage = (name: string, substitutions?: string | number | Array<string | number>) => string;

/**
 * browser.i18n.getMessage over a messages.json: names are case-insensitive, $1…$9 take the
 * substitutions (a missing one reads as ''), $$ is a literal $, an unknown name reads as ''.
 */
export function getMessageFrom(messages: Record<string, ChromeMessage>): GetMessage {
  const byName = new Map(Object.entries(messages).map(([name, entry]) => [name.toLowerCase(), entry.message]));
  return (name, substitutions) => {
    const message = byName.get(name.toLowerCase());
    if (message === undefined) return '';
    const values = (Array.isArray(substitutions) ? substitutions : substitutions == null ? [] : [substitutions]).map(
      String,
    );
    return message.replace(/\$(\$|[1-9])/g, (_, what: string) =>
      what === '$' ? '$' : (values[Number(what) - 1] ?? ''),
    );
  };
}

/**
 * Installs a catalogue as the fake browser's i18n: getMessage answers from locales/<locale>.yml
 * and getUILanguage() says `uiLanguage` (the locale itself unless given). fakeBrowser.reset()
 * leaves i18n alone, so once per test file is enough.
 */
export async function useLocale(locale: Locale, uiLanguage: string = locale): Promise<void> {
  const getMessage = getMessageFrom(await chromeMessages(locale));
  fakeBrowser.i18n.getMessage = getMessage as typeof fakeBrowser.i18n.getMessage;
  fakeBrowser.i18n.getUILanguage = () => uiLanguage;
}
