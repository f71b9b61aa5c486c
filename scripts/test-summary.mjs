/**
 * The last line of `npm test`: every test the run executed, counted from the reports the unit
 * tests (Vitest), the package check and the end-to-end suite (Playwright) just wrote.
 */
import fs from 'node:fs';

const read = (name) => JSON.parse(fs.readFileSync(`.output/test-results/${name}.json`, 'utf8'));
const unit = read('unit');
const packages = read('packages');
const e2e = read('e2e').stats;

const passed = unit.numPassedTests + packages.passed + e2e.expected + e2e.flaky;
const failed = unit.numFailedTests + packages.failed + e2e.unexpected;
const skipped = unit.numPendingTests + unit.numTodoTests + e2e.skipped;
console.log(
  `unit ${unit.numPassedTests}, package check ${packages.passed}, end to end ${e2e.expected} (${e2e.flaky} flaky)`,
);
console.log(`Summary: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed ? 1 : 0);
