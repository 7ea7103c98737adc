import { diffWords } from "diff";
import { requiredForPublication, type Dossier, type redLineCatalogue } from "./schema";

/** A dossier flattened to dotted paths and display text, the shape the form, the diff and the search share. */
export function flattenDossier(d: Dossier): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      if (value.every((v) => typeof v !== "object")) out.set(path, value.join("\n"));
      else value.forEach((v, i) => walk(v, `${path}.${i}`));
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    } else if (value !== undefined && value !== null) {
      out.set(path, typeof value === "boolean" ? (value ? "✓" : "") : String(value));
    }
  };
  walk(d, "");
  return out;
}

/** Fields still empty that publication needs. */
export function missingForPublication(d: Dossier): string[] {
  const flat = flattenDossier(d);
  return requiredForPublication.filter((path) => !(flat.get(path) ?? "").trim());
}

// 001 §43: a change to what the system is for, what data it uses, who supplies it, which model it runs,
// its sector or its status means the impact assessment must be looked at again.
const MATERIAL = [/^purpose\.purpose$/, /^purpose\.objectives$/, /^data\./, /^procurement\.vendor$/, /^system\.model$/, /^identity\.sector$/, /^identity\.status$/];

/** The material fields that differ between two versions, as dotted paths. */
export function materialChanges(before: Dossier | null, after: Dossier): string[] {
  if (!before) return [];
  const a = flattenDossier(before);
  const b = flattenDossier(after);
  const paths = new Set([...a.keys(), ...b.keys()]);
  return [...paths].filter((p) => MATERIAL.some((re) => re.test(p)) && (a.get(p) ?? "") !== (b.get(p) ?? "")).sort();
}

// Words that, in what the system is said to do, contradict a red line the organisation committed to
// (001 §16, §64). A prompt for a person to look, not a classifier: it reads English, French and Spanish
// phrasings only, and a contradiction phrased otherwise passes.
const RED_LINE_TERMS: Record<(typeof redLineCatalogue)[number], RegExp> = {
  biometricMassSurveillance: /\b(facial recognition|face recognition|reconnaissance faciale|reconocimiento facial|biometric (identification|surveillance)|live face)/i,
  socialScoring: /\b(social scor\w*|citizen scor\w*|trustworthiness scor\w*|notation sociale)/i,
  emotionRecognition: /\b(emotion (recognition|detection|analysis)|reconnaissance des émotions|detecci[oó]n de emociones)/i,
  predictivePolicingOfPersons: /\b(predict\w* (who|which (people|persons|individuals))|individual (crime|offending|reoffending) risk|likely to (commit|offend))/i,
  fullyAutomatedDenial: /\b(without (any )?human (review|involvement|intervention)|fully automated (decision|denial|rejection)|automatically (den\w*|reject\w*|refus\w*))/i,
};
const DESCRIBING = ["purpose.purpose", "purpose.objectives", "purpose.uses", "system.does", "system.capabilities"] as const;

/** Each chosen red line contradicted by what the dossier says the system does, with the field that says it. */
export function redLineConflicts(d: Dossier): { redLine: (typeof redLineCatalogue)[number]; field: string }[] {
  const flat = flattenDossier(d);
  const out: { redLine: (typeof redLineCatalogue)[number]; field: string }[] = [];
  for (const redLine of d.risk.redLines) {
    const field = DESCRIBING.find((f) => RED_LINE_TERMS[redLine].test(flat.get(f) ?? ""));
    if (field) out.push({ redLine, field });
  }
  return out;
}

export interface FieldDiff {
  path: string;
  before: string;
  after: string;
  /** Word-level pieces of the change, for a readable diff. */
  parts: { value: string; added?: boolean; removed?: boolean }[];
}

/** What changed between two versions, field by field, in the order of the dossier. */
export function diffDossiers(before: Dossier, after: Dossier): FieldDiff[] {
  const a = flattenDossier(before);
  const b = flattenDossier(after);
  const order = [...new Set([...b.keys(), ...a.keys()])];
  return order
    .filter((p) => (a.get(p) ?? "") !== (b.get(p) ?? ""))
    .map((path) => {
      const was = a.get(path) ?? "";
      const now = b.get(path) ?? "";
      return { path, before: was, after: now, parts: diffWords(was, now).map((p) => ({ value: p.value, added: p.added || undefined, removed: p.removed || undefined })) };
    });
}

/** High risk when any high-risk area applies (001 §65(k)), or when the sector is one of them by nature. */
export function isHighRisk(d: Dossier): boolean {
  const riskySectors = new Set(["social_protection", "policing", "migration", "justice", "education", "employment", "health", "elections", "infrastructure"]);
  return d.risk.highRiskAreas.length > 0 || riskySectors.has(d.identity.sector);
}

/** All the text of a dossier, for the full-text index. */
export function searchText(d: Dossier): string {
  return [...flattenDossier(d).values()].filter((v) => v.length > 1).join("\n");
}
