import { describe, expect, it } from "vitest";
import { diffDossiers, isHighRisk, materialChanges, missingForPublication, redLineConflicts } from "../../../app/modules/deployments/rules";
import { DossierSchema, dossierFromForm, emptyDossier, errorsByPath } from "../../../app/modules/deployments/schema";

function form(fields: Record<string, string | string[]>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of ([] as string[]).concat(v)) f.append(k, one);
  return f;
}

describe("dossierFromForm and DossierSchema", () => {
  it("reads dotted field names, lists one per line, checkbox lists and testing rows", () => {
    const parsed = DossierSchema.parse(
      dossierFromForm(
        form({
          "identity.name": "Queue scoring",
          "identity.sector": "health",
          "purpose.affectedGroups": "Patients\n\n  Nurses  \r\nCarers",
          "risk.highRiskAreas": ["health", "welfare"],
          "procurement.checks.auditAccess.done": "on",
          "procurement.checks.auditAccess.evidence": "Clause 9",
          "testing.0.kind": "biasAudit",
          "testing.0.date": "2025-01-31",
          "testing.0.grounds": ["gender", "disability"],
          "testing.0.method": "Audit",
          "testing.1.kind": "pilot",
          "testing.2.kind": "pilot",
          "testing.2.method": "removed",
          "testing.2.remove": "on",
        }),
      ),
    );
    expect(parsed.identity).toMatchObject({ name: "Queue scoring", sector: "health" });
    expect(parsed.purpose.affectedGroups).toEqual(["Patients", "Nurses", "Carers"]);
    expect(parsed.risk.highRiskAreas).toEqual(["health", "welfare"]);
    expect(parsed.procurement.checks.auditAccess).toEqual({ done: true, evidence: "Clause 9" });
    expect(parsed.procurement.checks.labourRights).toEqual({ done: false, evidence: "" });
    // The blank row and the removed row are gone.
    expect(parsed.testing).toEqual([{ kind: "biasAudit", date: "2025-01-31", grounds: ["gender", "disability"], method: "Audit", result: "", link: "" }]);
  });

  it.each([
    ["an end date before the start", { "identity.plannedStart": "2027-05-01", "identity.plannedEnd": "2027-01-01" }, "identity.plannedEnd", "dossier:errors.endBeforeStart"],
    ["a date that is not a date", { "identity.plannedStart": "31/12/2027" }, "identity.plannedStart", "dossier:errors.date"],
    ["evidence dated in the future", { "testing.0.kind": "pilot", "testing.0.date": "2999-01-01" }, "testing.0.date", "dossier:errors.dateInFuture"],
    ["a link that is not http(s)", { "testing.0.kind": "pilot", "testing.0.link": "javascript:alert(1)" }, "testing.0.link", "dossier:errors.link"],
    ["control characters", { "purpose.purpose": "bad\u0000text" }, "purpose.purpose", "dossier:errors.controlCharacters"],
    ["an unknown sector", { "identity.sector": "astrology" }, "identity.sector", "dossier:errors.choose"],
    ["an unknown high-risk area", { "risk.highRiskAreas": ["welfare", "made-up"] }, "risk.highRiskAreas", "dossier:errors.choose"],
    ["text over the limit", { "purpose.purpose": "x".repeat(10_001) }, "purpose.purpose", "dossier:errors.tooLong"],
  ])("refuses %s, with the error on its field", (_what, fields, path, key) => {
    const result = DossierSchema.safeParse(dossierFromForm(form(fields as Record<string, string | string[]>)));
    expect(result.success).toBe(false);
    if (!result.success) expect(errorsByPath(result.error)[path]).toContain(key);
  });

  it("keeps markup as plain text (it is escaped when shown)", () => {
    const parsed = DossierSchema.parse(dossierFromForm(form({ "purpose.purpose": "<script>alert(1)</script>" })));
    expect(parsed.purpose.purpose).toBe("<script>alert(1)</script>");
  });
});

describe("rules", () => {
  const base = () => {
    const d = emptyDossier();
    d.identity.name = "X";
    d.purpose.purpose = "Rank applications for review.";
    d.system.model = "Logistic regression";
    return d;
  };

  it("lists what publication still needs", () => {
    expect(missingForPublication(base())).toEqual(expect.arrayContaining(["identity.responsibleOffice", "remedy.responsibleEntity"]));
    expect(missingForPublication(base())).not.toContain("identity.name");
  });

  it("calls a change of purpose, data, vendor, model, sector or status material (001 §43), and wording elsewhere not", () => {
    const a = base();
    const b = base();
    b.system.limitations = "Reworded";
    expect(materialChanges(a, b)).toEqual([]);
    b.system.model = "Neural network";
    b.data.sources = "New register";
    b.identity.status = "piloting";
    expect(materialChanges(a, b)).toEqual(["data.sources", "identity.status", "system.model"]);
    expect(materialChanges(null, b)).toEqual([]);
  });

  it("finds a purpose that contradicts a red line (001 §16, §64)", () => {
    const d = base();
    d.risk.redLines = ["biometricMassSurveillance", "socialScoring"];
    expect(redLineConflicts(d)).toEqual([]);
    d.system.does = "Matches faces from street cameras using live facial recognition.";
    expect(redLineConflicts(d)).toEqual([{ redLine: "biometricMassSurveillance", field: "system.does" }]);
  });

  it("diffs two versions field by field, word by word", () => {
    const a = base();
    const b = base();
    b.purpose.purpose = "Rank urgent applications for review.";
    const diff = diffDossiers(a, b);
    expect(diff.map((d) => d.path)).toEqual(["purpose.purpose"]);
    expect(diff[0].parts.filter((p) => p.added).map((p) => p.value.trim())).toEqual(["urgent"]);
  });

  it("marks a deployment high-risk by area or by sector (001 §65(k))", () => {
    const d = base();
    d.identity.sector = "transport";
    expect(isHighRisk(d)).toBe(false);
    d.risk.highRiskAreas = ["employment"];
    expect(isHighRisk(d)).toBe(true);
    d.risk.highRiskAreas = [];
    d.identity.sector = "policing";
    expect(isHighRisk(d)).toBe(true);
  });
});
