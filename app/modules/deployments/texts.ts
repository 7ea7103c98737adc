import type { Dossier } from "./schema";

// The dossier's prose as translatable fields (issue #9): every non-empty text of a published dossier by
// its dotted path ("system.doesNot", "testing.0.method", "purpose.affectedGroups.2"). Catalogue values,
// dates, links and the contact address are not prose: pages show the catalogues in the reader's language
// already, and an address or a link is the same in every language.

const notProse = new Set(["sector", "lifecycleStage", "status", "plannedStart", "plannedEnd", "contact", "kind", "date", "link", "grounds", "highRiskAreas", "redLines", "done"]);

/** Every text of a dossier worth translating, by dotted path, in the order a reader meets them. */
export function dossierTexts(d: Dossier): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (value: unknown, path: string) => {
    if (typeof value === "string") {
      if (value.trim()) out[path] = value;
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${path}.${i}`));
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) if (!notProse.has(k)) walk(v, path ? `${path}.${k}` : k);
    }
  };
  walk(d, "");
  return out;
}

/** A copy of the dossier with the given texts put at their paths (paths that are not its texts are ignored). */
export function withDossierTexts(d: Dossier, texts: Record<string, string>): Dossier {
  const copy = structuredClone(d) as unknown as Record<string, unknown>;
  const prose = dossierTexts(d);
  for (const [path, text] of Object.entries(texts)) {
    if (!(path in prose)) continue;
    const keys = path.split(".");
    let at: unknown = copy;
    for (const k of keys.slice(0, -1)) at = at && typeof at === "object" ? (at as Record<string, unknown>)[k] : undefined;
    const last = keys[keys.length - 1];
    (at as Record<string, unknown>)[last] = text;
  }
  return copy as unknown as Dossier;
}
