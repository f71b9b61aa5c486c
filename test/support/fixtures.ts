/** The documentation's JSON bodies, loaded from ../shared/fixtures (never retyped). */
import fs from 'node:fs';
import path from 'node:path';

export const FIXTURES_DIR = path.resolve(__dirname, '../../../shared/fixtures');

export function fixture(name: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, name), 'utf8'));
}

export function fixtureNames(): string[] {
  return fs.readdirSync(FIXTURES_DIR).filter((name) => name.endsWith('.json'));
}
