// Prints one closing line, "N passed, N failed", over the Vitest and Playwright JSON reports, so the
// whole run is judged by one figure. Exits non-zero when a report is missing or counts no test.
// (Playwright empties test-results/ when it starts, so both reports live in reports/.)
import { readFileSync, existsSync } from "node:fs";

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];

if (existsSync("reports/vitest.json")) {
  const v = JSON.parse(readFileSync("reports/vitest.json", "utf8"));
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  skipped += v.numPendingTests + (v.numTodoTests ?? 0);
  console.log(`vitest: ${v.numPassedTests} passed, ${v.numFailedTests} failed, ${v.numPendingTests} skipped`);
} else missing.push("reports/vitest.json");

if (existsSync("reports/playwright.json")) {
  const p = JSON.parse(readFileSync("reports/playwright.json", "utf8")).stats;
  passed += p.expected + (p.flaky ?? 0);
  failed += p.unexpected;
  skipped += p.skipped;
  console.log(`playwright: ${p.expected + (p.flaky ?? 0)} passed, ${p.unexpected} failed, ${p.skipped} skipped`);
} else missing.push("reports/playwright.json");

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
if (missing.length) {
  console.error(`missing test reports: ${missing.join(", ")}`);
  process.exit(1);
}
if (failed > 0 || passed === 0) process.exit(1);
