/** The catalogues themselves: same keys, substitutions and plural shape everywhere, in step with the code. */
import fs from 'node:fs';
import path from 'node:path';
import { generateChromeMessages, type ParsedMessage, parseMessagesFile } from '@wxt-dev/i18n/build';
import { beforeAll, describe, expect, it } from 'vitest';
import { intlLocale, type MessageKey } from '@/lib/i18n';
import { getMessageFrom, LOCALES, type Locale, localeFile } from '../support/i18n';

const ROOT = path.resolve(__dirname, '../..');
let parsed: Record<Locale, Map<string, ParsedMessage>>;

beforeAll(async () => {
  const entries = await Promise.all(
    LOCALES.map(async (locale) => {
      const messages = (await parseMessagesFile(localeFile(locale))).filter((m) => !m.key[0]!.startsWith('@@'));
      return [locale, new Map(messages.map((m) => [m.key.join('.'), m]))] as const;
    }),
  );
  parsed = Object.fromEntries(entries) as typeof parsed;
});

const shape = (m: ParsedMessage) => ({
  substitutions: m.substitutions,
  named: m.namedSubstitutions,
  plural: m.type === 'plural' ? Object.keys(m.plurals) : null,
});
const forms = (m: ParsedMessage): string[] => (m.type === 'plural' ? Object.values(m.plurals) : [m.message]);

describe('every locale', () => {
  it('has every key of every other locale', () => {
    for (const locale of LOCALES) {
      for (const other of LOCALES) {
        const missing = [...parsed[other].keys()].filter((key) => !parsed[locale].has(key));
        expect(missing, `in ${locale}.yml, from ${other}.yml`).toEqual([]);
      }
    }
  });

  it('gives each key the same substitution count and plural shape as English', () => {
    for (const [key, english] of parsed.en) {
      for (const locale of LOCALES) {
        expect(shape(parsed[locale].get(key)!), `${key} in ${locale}.yml`).toEqual(shape(english));
      }
    }
  });

  it('uses only what browser.i18n and @wxt-dev/i18n read the same way', () => {
    for (const locale of LOCALES) {
      for (const [key, message] of parsed[locale]) {
        const where = `${key} in ${locale}.yml`;
        expect(message.type, where).not.toBe('chrome'); // the simple format only
        for (const form of forms(message)) {
          expect(form.trim(), where).not.toBe('');
          // A $ is $1…$9 or $$: "$9.95" would be read as substitution 9.
          expect(form.replace(/\$(\$|[1-9])/g, ''), where).not.toContain('$');
          // " | " separates plural forms once the message is compiled.
          expect(form, where).not.toContain(' | ');
        }
        // Every substitution a message takes, it shows (in some form, for plurals).
        for (let n = 1; n <= message.substitutions; n++) {
          expect(forms(message).join(' '), `${where} shows $${n}`).toMatch(new RegExp(`(?<!\\$)\\$${n}`));
        }
      }
    }
  });

  it('compiles to message names the browsers accept, distinct even ignoring case (Chrome ignores it)', async () => {
    for (const locale of LOCALES) {
      const names = Object.keys(generateChromeMessages(await parseMessagesFile(localeFile(locale))));
      for (const name of names) expect(name).toMatch(/^[A-Za-z0-9_]+$/);
      expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    }
  });

  it('names its own language', () => {
    for (const locale of LOCALES) expect(forms(parsed[locale].get('language')!)).toEqual([locale]);
  });
});

/** Keys German writes as English does: punctuation-only templates, loanwords, examples. */
const SAME_IN_GERMAN = new Set([
  'format.duration.pair',
  'panel.requestedAt',
  'panel.withCountry',
  'panel.bid',
  'notification.group.list',
  'popup.tracked.linkPlaceholder',
  'options.account.scopes',
  'panel.field.status',
  'panel.field.freelancer',
  'panel.field.job',
  'panel.field.budget',
]);

it('German is translated, not copied', () => {
  const copied = [...parsed.de]
    .filter(([key]) => key !== 'language' && !SAME_IN_GERMAN.has(key))
    .filter(([key, message]) => forms(message).join() === forms(parsed.en.get(key)!).join())
    .map(([key]) => key);
  expect(copied).toEqual([]);
});

describe('the code and the catalogue', () => {
  it('uses every key (a key no code asks for is a sentence nobody sees)', () => {
    const sources: string[] = [fs.readFileSync(path.join(ROOT, 'wxt.config.ts'), 'utf8')];
    const read = (dir: string) => {
      for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) read(file);
        else if (/\.tsx?$/.test(entry.name)) sources.push(fs.readFileSync(path.join(ROOT, file), 'utf8'));
      }
    };
    for (const dir of ['lib', 'components', 'entrypoints']) read(dir);
    const code = sources.join('\n');
    const unused = [...parsed.en.keys()].filter(
      (key) => !code.includes(`'${key}'`) && !code.includes(`__MSG_${key.replaceAll('.', '_')}__`),
    );
    expect(unused).toEqual([]);
  });
});

describe('resolving a message', () => {
  it('substitutes like browser.i18n.getMessage: $1…$9, $$, missing ones empty, values taken as they are', () => {
    const getMessage = getMessageFrom({ Greeting_Hello: { message: 'Hello $1, $$$2' } });
    expect(getMessage('greeting_hello', ['Ada', '3'])).toBe('Hello Ada, $3');
    expect(getMessage('greeting_hello', 'Ada')).toBe('Hello Ada, $');
    expect(getMessage('nope')).toBe('');
  });

  it('formats in the UI language when the catalogue speaks it, else in the catalogue’s', () => {
    expect(intlLocale('de', 'de')).toBe('de');
    expect(intlLocale('de-AT', 'de')).toBe('de-AT');
    expect(intlLocale('en_GB', 'en')).toBe('en-GB');
    expect(intlLocale('fr-FR', 'en')).toBe('en');
    expect(intlLocale('', 'en')).toBe('en');
  });
});

it('the typed keys are the English catalogue’s', () => {
  // A compile-time check as much as a run-time one: MessageKey comes from .wxt/i18n/structure.d.ts.
  const key: MessageKey = 'badge.waiting';
  expect(parsed.en.has(key)).toBe(true);
});
