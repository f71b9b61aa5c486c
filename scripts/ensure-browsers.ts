/**
 * `npm run browsers` (also the first step of `npm test`, `npm run demo` and CI): makes sure
 * Chromium and Firefox ESR are there, or fails saying what to install.
 */
import { BROWSERS, ensureBrowsers } from '../test/support/browsers';

const problems = ensureBrowsers();
if (problems.length) {
  for (const problem of problems) console.error(problem);
  process.exit(1);
}
for (const b of BROWSERS) console.log(`${b.name}: ${b.path}`);
