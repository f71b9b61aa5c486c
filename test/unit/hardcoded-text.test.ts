/** No sentence is written into the code: pages, panel, background and lib take their words from the catalogue. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findHardcodedText } from '../support/hardcoded-text';

const ROOT = path.resolve(__dirname, '../..');
const SCANNED = ['components', 'entrypoints', 'lib'];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [file] : [];
  });
}

describe('the scanner', () => {
  it('finds a sentence in JSX text, in a title, in a state setter and in an object’s text field', () => {
    const source = `
      export const A = () => <p title="Hi there">Some sentence {t('popup.empty')}</p>;
      setStatus({ tone: 'ok', text: \`Saved \${n} things.\` });
      setTrackMessage('Following it.');
      const p = { problem: { title: 'It broke.', action: i18n.t('problem.mint') } };`;
    expect(findHardcodedText(source, 'example.tsx').map((f) => f.text)).toEqual([
      'Hi there',
      'Some sentence',
      'Saved',
      'things.',
      'Following it.',
      'It broke.',
    ]);
  });

  it('lets keys, codes, class names and glyphs be', () => {
    const source = `
      export const B = () => (
        <button type="button" class="open" aria-label={t('popup.row.open')} data-testid="refresh">
          {' · '}›{count}
        </button>
      );
      if (event.key !== 'ArrowDown') setTone('error');`;
    expect(findHardcodedText(source, 'example.tsx')).toEqual([]);
  });
});

it('no component, page, content script, background or lib module writes a sentence of its own', () => {
  const found = SCANNED.flatMap(sourceFiles).flatMap((file) =>
    findHardcodedText(fs.readFileSync(path.join(ROOT, file), 'utf8'), file).map(
      (f) => `${file}:${f.line} (${f.where}) ${f.text}`,
    ),
  );
  expect(found, 'Put these in locales/en.yml and de.yml and use i18n.t').toEqual([]);
});
