import { describe, expect, it } from "vitest";
import { csvCell, registerCsv } from "../../../app/modules/deployments/export";

describe("registerCsv", () => {
  it("quotes every cell, doubles quotes and keeps line breaks inside the cell", () => {
    expect(csvCell('He said "no"\nthen left')).toBe('"He said ""no""\nthen left"');
    expect(csvCell(true)).toBe('"true"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(new Date("2026-01-02T03:04:05Z"))).toBe('"2026-01-02T03:04:05.000Z"');
  });

  it("neutralises cells a spreadsheet would run as a formula", () => {
    for (const evil of ["=HYPERLINK(\"http://x\")", "+1+1", "-2", "@SUM(A1)"]) expect(csvCell(evil).startsWith(`"'`)).toBe(true);
  });

  it("writes a header and one CRLF line per deployment", () => {
    const csv = registerCsv([
      {
        slug: "a", name: "A", organisation: "O", purpose: "P", sector: "health", lifecycleStage: "use", highRisk: true, status: "in_use",
        dossierVersion: 2, consultations: [{ slug: "c1", title: "T", status: "open" }, { slug: "c2", title: "U", status: "closed" }], assessment: null,
        updatedAt: new Date("2026-01-01T00:00:00Z"),
      },
    ]);
    const lines = csv.split("\r\n");
    expect(lines[1]).toBe('"a","A","O","P","health","use","true","in_use","2","c1 c2","2026-01-01T00:00:00.000Z"');
    expect(lines[2]).toBe("");
  });
});
