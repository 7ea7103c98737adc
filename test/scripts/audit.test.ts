// scripts/audit.mjs (issue #10): how `npm audit --json` reports are judged. The registry of this project's
// CI machine refuses the advisory request (405), so the real command cannot show a finding there; these
// are reports in npm's own format, one of each kind.
import { describe, expect, it } from "vitest";
import { judge } from "../../scripts/audit.mjs";

const report = (vulnerabilities: Record<string, unknown>, counts: Record<string, number> = {}) =>
  JSON.stringify({ auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...counts } } });

describe("npm audit, judged", () => {
  it("passes a report without high or critical advisories, with its counts", () => {
    const moderate = { name: "tiny", severity: "moderate", via: [{ title: "A slow regular expression" }], fixAvailable: true };
    expect(judge({ status: 1, stdout: report({ tiny: moderate }, { moderate: 1 }) })).toEqual({
      verdict: "clean",
      counts: { info: 0, low: 0, moderate: 1, high: 0, critical: 0 },
    });
  });

  it("blocks on a high or a critical advisory, naming the package, the advisory and the fix", () => {
    const out = judge({
      status: 1,
      stdout: report({
        express: { name: "express", severity: "high", via: [{ title: "Open redirect" }], fixAvailable: { name: "express", version: "4.21.3" } },
        "path-to-regexp": { name: "path-to-regexp", severity: "critical", via: ["express"], fixAvailable: false },
        low: { name: "low", severity: "low", via: [], fixAvailable: true },
      }),
    });
    expect(out.verdict).toBe("blocked");
    expect(out.blocking).toEqual([
      { name: "express", severity: "high", titles: ["Open redirect"], fix: "express@4.21.3" },
      { name: "path-to-regexp", severity: "critical", titles: [], fix: "no fix yet" },
    ]);
  });

  it("says the audit did not run when the advisory service answers with an error, or npm gives no report", () => {
    const refused = JSON.stringify({ message: "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk", statusCode: 405, error: { summary: "", detail: "" } });
    expect(judge({ status: 1, stdout: refused })).toEqual({ verdict: "unavailable", why: expect.stringContaining("405 Method Not Allowed") });
    expect(judge({ status: 1, stdout: "" }).verdict).toBe("unavailable");
  });
});
