/** The documentation's JSON bodies, kept in test/fixtures (never retyped). */
import fs from 'node:fs';
import path from 'node:path';

export const FIXTURES_DIR = path.resolve(__dirname, '../fixtures');

export function fixture(name: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, name), 'utf8'));
}

export function fixtureNames(): string[] {
  return fs.readdirSync(FIXTURES_DIR).filter((name) => name.endsWith('.json'));
}
