// `npm run audit` (issue #10): no high or critical advisory in the production dependencies. Runs
// `npm audit --omit=dev --json` and fails (exit 1) on any high or critical one, naming the packages.
//
// When the registry's advisory service cannot be reached, there is nothing to judge: it says so plainly
// and exits 0, so that CI on a machine without it (this project's own: its registry mirror answers the
// advisory request with 405) still runs the rest. That is not a pass: the line says the audit did not run.
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";

/** The high and critical advisories of an `npm audit --json` report (npm 7 and later), by package. */
export function blockingAdvisories(report) {
  return Object.values(report.vulnerabilities ?? {})
    .filter((v) => v.severity === "high" || v.severity === "critical")
    .map((v) => ({
      name: v.name,
      severity: v.severity,
      titles: (v.via ?? []).filter((x) => typeof x === "object").map((x) => x.title),
      fix: v.fixAvailable === true ? "npm audit fix" : v.fixAvailable ? `${v.fixAvailable.name}@${v.fixAvailable.version}` : "no fix yet",
    }));
}

/** What the run means: "clean", "blocked" (with the advisories) or "unavailable" (with why). */
export function judge({ status, stdout }) {
  let report;
  try {
    report = JSON.parse(stdout);
  } catch {
    return { verdict: "unavailable", why: `npm audit gave no report (exit ${status})` };
  }
  if (report.error) {
    const why = report.message ?? report.error.summary ?? report.error.code ?? "an error without a message";
    return { verdict: "unavailable", why: String(why).split("\n")[0] };
  }
  const blocking = blockingAdvisories(report);
  return blocking.length ? { verdict: "blocked", blocking } : { verdict: "clean", counts: report.metadata?.vulnerabilities ?? {} };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const run = spawnSync("npm", ["audit", "--omit=dev", "--json"], { encoding: "utf8", timeout: 120_000 });
  const result = judge(run);
  if (result.verdict === "unavailable") {
    console.log(`npm audit did not run: the registry's advisory service could not be reached (${result.why}). Nothing was checked.`);
  } else if (result.verdict === "blocked") {
    console.error("High or critical advisories in production dependencies:");
    for (const a of result.blocking) console.error(`  ${a.name} (${a.severity}): ${a.titles.join("; ") || "via a dependency"}; fix: ${a.fix}`);
    process.exit(1);
  } else {
    const c = result.counts;
    console.log(`npm audit: no high or critical advisory in production dependencies (low ${c.low ?? 0}, moderate ${c.moderate ?? 0}).`);
  }
}
