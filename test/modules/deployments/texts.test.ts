import { describe, expect, it } from "vitest";
import { DossierSchema } from "../../../app/modules/deployments/schema";
import { dossierTexts, withDossierTexts } from "../../../app/modules/deployments/texts";

const dossier = DossierSchema.parse({
  identity: { name: "Queue scoring", contact: "desk@example.org", sector: "health", plannedStart: "2025-01-01" },
  purpose: { purpose: "Orders the waiting list.", affectedGroups: ["Patients", "Carers"] },
  system: { does: "Scores urgency.", doesNot: "" },
  data: {},
  testing: [{ kind: "biasAudit", date: "2025-01-31", grounds: ["gender"], method: "Audit by sex.", result: "", link: "https://example.org/a" }],
  procurement: { vendor: "Acme", checks: { auditAccess: { done: true, evidence: "Clause 9" } } },
  risk: { highRiskAreas: ["health"], redLines: ["socialScoring"], otherRedLines: ["No denial by machine"] },
  remedy: { process: "Write to the clinic." },
});

describe("the dossier's translatable texts", () => {
  it("are its non-empty prose by dotted path, leaving catalogue values, dates, links and the contact out", () => {
    expect(dossierTexts(dossier)).toEqual({
      "identity.name": "Queue scoring",
      "purpose.purpose": "Orders the waiting list.",
      "purpose.affectedGroups.0": "Patients",
      "purpose.affectedGroups.1": "Carers",
      "system.does": "Scores urgency.",
      "testing.0.method": "Audit by sex.",
      "procurement.vendor": "Acme",
      "procurement.checks.auditAccess.evidence": "Clause 9",
      "risk.otherRedLines.0": "No denial by machine",
      "remedy.process": "Write to the clinic.",
    });
  });

  it("are put back at their paths in a copy, and nowhere that is not a text", () => {
    const translated = withDossierTexts(dossier, {
      "system.does": "Évalue l'urgence.",
      "purpose.affectedGroups.1": "Aidants",
      "testing.0.method": "Audit par sexe.",
      "identity.sector": "policing",
      "testing.0.grounds": "race",
      "no.such.path": "x",
    });
    expect(translated.system.does).toBe("Évalue l'urgence.");
    expect(translated.purpose.affectedGroups).toEqual(["Patients", "Aidants"]);
    expect(translated.testing[0].method).toBe("Audit par sexe.");
    expect(translated.identity.sector).toBe("health");
    expect(translated.testing[0].grounds).toEqual(["gender"]);
    // The original is untouched.
    expect(dossier.system.does).toBe("Scores urgency.");
    // Every text round-trips.
    const all = Object.fromEntries(Object.keys(dossierTexts(dossier)).map((p) => [p, `T:${p}`]));
    expect(dossierTexts(withDossierTexts(dossier, all))).toEqual(all);
  });
});
