// `npm run test:lighthouse` (issue #10): Lighthouse, the npm package, in Debian's chromium, mobile form
// factor with its default (simulated) throttling, on `/` and `/c/demo` of the built app on its own fresh
// database. Prints the scores and the metrics behind the performance score, and fails (exit 1) when an
// enforced category is below 0.95 on either page, in the median of LIGHTHOUSE_RUNS runs (3 by default).
// LIGHTHOUSE_ENFORCE names the enforced categories (both by default). CI runs it after the other tests,
// alone, so no other test shares the two cores while it measures.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { startApp } from "../../bench/lib.mjs";

const PAGES = ["/", "/c/demo"];
const MIN = 0.95;
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const ENFORCE = (process.env.LIGHTHOUSE_ENFORCE ?? "performance,accessibility").split(",").map((c) => c.trim());

const app = await startApp({ schema: "lighthouse", extraEnv: { DEMO: "1" } });
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
// Lighthouse 12 in this chromium now and then loses the navigation's start in its trace (NO_NAVSTART): a
// fault of the recording, not of the page. Such a run is repeated, at most twice, and said so.
async function measure(url) {
  for (let attempt = 1; ; attempt++) {
    const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"] });
    const error = result.lhr.runtimeError;
    if (!error) return result;
    if (attempt === 3) throw new Error(`${url}: ${error.code} ${error.message}`);
    console.log(`(${new URL(url).pathname}: Lighthouse could not record the run, ${error.code}; measuring again)`);
  }
}
const failures = [];
const notEnforced = [];
try {
  console.log(`\nLighthouse ${(await import("lighthouse/package.json", { with: { type: "json" } })).default.version}, mobile, simulated throttling; median of ${RUNS} runs per page\n`);
  console.log("| page | performance | accessibility | FCP ms | LCP ms | TBT ms | CLS | SI ms |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const path of PAGES) {
    const url = `http://127.0.0.1:${app.port}${path}`;
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const result = await measure(url);
      const { categories, audits } = result.lhr;
      runs.push({
        performance: categories.performance.score,
        accessibility: categories.accessibility.score,
        fcp: audits["first-contentful-paint"].numericValue,
        lcp: audits["largest-contentful-paint"].numericValue,
        tbt: audits["total-blocking-time"].numericValue,
        cls: audits["cumulative-layout-shift"].numericValue,
        si: audits["speed-index"].numericValue,
        failedA11y: Object.values(audits).filter((a) => a.scoreDisplayMode === "binary" && a.score === 0 && result.lhr.categories.accessibility.auditRefs.some((r) => r.id === a.id)).map((a) => a.id),
      });
    }
    // The median run by performance score: one slow run on a shared machine does not decide.
    runs.sort((a, b) => a.performance - b.performance);
    const m = runs[Math.floor(runs.length / 2)];
    console.log(`| ${path} | ${m.performance.toFixed(2)} | ${m.accessibility.toFixed(2)} | ${m.fcp.toFixed(0)} | ${m.lcp.toFixed(0)} | ${m.tbt.toFixed(0)} | ${m.cls.toFixed(3)} | ${m.si.toFixed(0)} |`);
    const below = (category) => (ENFORCE.includes(category) ? failures : notEnforced);
    if (m.performance < MIN) below("performance").push(`${path}: performance ${m.performance} < ${MIN}`);
    if (m.accessibility < MIN) below("accessibility").push(`${path}: accessibility ${m.accessibility} < ${MIN} (failing audits: ${m.failedA11y.join(", ")})`);
  }
} finally {
  await chrome.kill();
  await app.stop();
}
if (notEnforced.length) console.log(`\nBelow ${MIN}, not enforced (LIGHTHOUSE_ENFORCE=${ENFORCE.join(",")}):\n  ${notEnforced.join("\n  ")}`);
if (failures.length) {
  console.error(`\nLighthouse below ${MIN}:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
console.log(`\nLighthouse: every enforced score (${ENFORCE.join(", ")}) at least ${MIN}.`);
