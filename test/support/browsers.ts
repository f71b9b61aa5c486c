/**
 * The two browsers the tests, the demo and the benchmark drive, and the one place that makes
 * sure they are there: Debian's `chromium` and `firefox-esr`, installed with apt-get when
 * running as root, or found through CHROMIUM_PATH / FIREFOX_PATH.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

export interface BrowserNeed {
  name: string;
  /** Debian's package. */
  debianPackage: string;
  envVar: string;
  path: string;
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export const BROWSERS: BrowserNeed[] = [
  { name: 'Chromium', debianPackage: 'chromium', envVar: 'CHROMIUM_PATH', path: CHROMIUM },
  { name: 'Firefox ESR', debianPackage: 'firefox-esr', envVar: 'FIREFOX_PATH', path: FIREFOX },
];

const canApt = () => process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get');

/**
 * Installs whichever browser is missing, where it can; returns a message for each one that is
 * still missing (empty when both are there).
 */
export function ensureBrowsers(needs: BrowserNeed[] = BROWSERS, log = console.log): string[] {
  const missing = needs.filter((b) => !fs.existsSync(b.path));
  if (missing.length && canApt() && missing.every((b) => b.path === `/usr/bin/${b.debianPackage}`)) {
    const packages = missing.map((b) => b.debianPackage);
    log(`Installing Debian's ${packages.join(' and ')} (apt-get)…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: ['ignore', 'ignore', 'inherit'], env });
  }
  return needs
    .filter((b) => !fs.existsSync(b.path))
    .map(
      (b) =>
        `${b.name} was not found at ${b.path}. Install Debian's ${b.debianPackage} package ` +
        `(sudo apt-get install ${b.debianPackage}), or set ${b.envVar} to the path of an existing binary.`,
    );
}
