// Prints one closing line for the whole suite from the Vitest and Playwright JSON reports.
import { readFileSync } from 'node:fs';

const [unitFile, e2eFile] = process.argv.slice(2);
const unit = JSON.parse(readFileSync(unitFile, 'utf8'));
const e2e = JSON.parse(readFileSync(e2eFile, 'utf8'));
const passed = unit.numPassedTests + (e2e.stats.expected ?? 0) + (e2e.stats.flaky ?? 0);
const failed = unit.numFailedTests + (e2e.stats.unexpected ?? 0);
const skipped = unit.numPendingTests + (unit.numTodoTests ?? 0) + (e2e.stats.skipped ?? 0);
console.log(`unit ${unit.numPassedTests} passed; e2e ${e2e.stats.expected} passed, ${e2e.stats.flaky ?? 0} flaky`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
