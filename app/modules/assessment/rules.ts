// Pure rules of the impact assessment: severity and priority (001 §44), the red-line check (001 §16,
// §64, §65(k)), what a decision needs before it can go for approval, and the difference between two
// published versions. No I/O: unit-tested without a database. The rule is explained in
// docs/decisions/011-severity-and-priority.md.
import { sectionKeys, type Conclusion, type SectionKey } from "./constants";

export type Rating = 1 | 2 | 3 | 4;
export interface Ratings {
  scale: number;
  scope: number;
  reversibility: number;
  likelihood: number;
}
export const ratingDimensions = ["scale", "scope", "reversibility", "likelihood"] as const;
export type RatingDimension = (typeof ratingDimensions)[number];

export interface Severity {
  /** scale + scope + reversibility, 3-12: gravity, breadth and how hard it is to put right. */
  score: number;
  /** 1 low, 2 medium, 3 high, 4 critical. */
  severity: Rating;
  /** 1 is dealt with first, 4 last. */
  priority: Rating;
}

export function isRating(n: unknown): n is Rating {
  return n === 1 || n === 2 || n === 3 || n === 4;
}

/**
 * 001 §44: severity is the gravity (scale), the number of people (scope) and the irremediability
 * (reversibility) of a harm; likelihood does not make a harm less severe. The score is their sum; a
 * single dimension at its worst (4) makes the harm at least "high", as one of the three alone can make a
 * harm severe. Priority follows severity first, and likelihood only within a severity band: a critical
 * harm comes first however unlikely (prioritise the most severe, 001 §44).
 */
export function severityOf(r: Ratings): Severity {
  for (const d of ratingDimensions) if (!isRating(r[d])) throw new RangeError(`${d} must be 1-4, got ${String(r[d])}`);
  const score = r.scale + r.scope + r.reversibility;
  const band: Rating = score >= 10 ? 4 : score >= 8 ? 3 : score >= 6 ? 2 : 1;
  const worst = Math.max(r.scale, r.scope, r.reversibility);
  const severity = Math.max(band, worst === 4 ? 3 : 1) as Rating;
  const likely = r.likelihood >= 3;
  const priority = (severity === 4 ? 1 : 4 - severity + (likely ? 0 : 1)) as Rating;
  return { score, severity, priority };
}

export interface ImpactForDecision {
  number: number;
  status: "open" | "closed";
  redLine: string | null;
  ratings: Ratings;
  rationale: Partial<Record<RatingDimension, string>>;
  mitigations: { isCondition: boolean; status: string }[];
}

/** Open impacts that would cross one of the deployment's red lines: each blocks "proceed" (001 §64). */
export function redLineImpacts<T extends Pick<ImpactForDecision, "status" | "redLine">>(impacts: T[]): T[] {
  return impacts.filter((i) => i.status === "open" && i.redLine !== null && i.redLine !== "");
}

export type DecisionProblem =
  | { code: "redLine"; impacts: number[] }
  | { code: "noConditions" }
  | { code: "openConditions"; impacts: number[] }
  | { code: "sectionsMissing"; sections: SectionKey[] }
  | { code: "justificationMissing" }
  | { code: "conclusionMissing" }
  | { code: "rationaleMissing"; impacts: number[] };

export const MIN_RATIONALE = 10;
export const MIN_JUSTIFICATION = 40;

/**
 * What stops a decision from going for approval or being published; empty when it may. A red-line impact
 * still open blocks any conclusion but "do not deploy"; "proceed with conditions" needs at least one
 * condition; plain "proceed" may not leave a condition undone; every section and every rating rationale
 * must be written (003 pt2).
 */
export function decisionProblems(input: {
  conclusion: Conclusion | null;
  justification: string;
  sections: Partial<Record<SectionKey, string>>;
  impacts: ImpactForDecision[];
}): DecisionProblem[] {
  const problems: DecisionProblem[] = [];
  const { conclusion, impacts } = input;
  if (!conclusion) problems.push({ code: "conclusionMissing" });
  if (conclusion && conclusion !== "do_not_deploy") {
    const blocking = redLineImpacts(impacts);
    if (blocking.length) problems.push({ code: "redLine", impacts: blocking.map((i) => i.number) });
  }
  const conditions = impacts.flatMap((i) => i.mitigations.filter((m) => m.isCondition && m.status !== "dropped").map(() => i.number));
  if (conclusion === "proceed_with_conditions" && conditions.length === 0) problems.push({ code: "noConditions" });
  if (conclusion === "proceed") {
    const open = impacts.filter((i) => i.mitigations.some((m) => m.isCondition && m.status !== "done" && m.status !== "dropped"));
    if (open.length) problems.push({ code: "openConditions", impacts: open.map((i) => i.number) });
  }
  if (input.justification.trim().length < MIN_JUSTIFICATION) problems.push({ code: "justificationMissing" });
  const missing = sectionKeys.filter((k) => (input.sections[k] ?? "").trim() === "");
  if (missing.length) problems.push({ code: "sectionsMissing", sections: missing });
  const noRationale = impacts.filter(
    (i) => i.status === "open" && ratingDimensions.some((d) => (i.rationale[d] ?? "").trim().length < MIN_RATIONALE),
  );
  if (noRationale.length) problems.push({ code: "rationaleMissing", impacts: noRationale.map((i) => i.number) });
  return problems;
}

/** The allowed moves of an assessment's status. Approval and publication have their own functions. */
export const manualMoves: Record<string, readonly string[]> = {
  draft: ["consultation_open", "analysis"],
  consultation_open: ["analysis"],
  analysis: ["consultation_open"],
  approval: [],
  published: ["under_review"],
  under_review: ["analysis"],
};

/** Whether staff may edit sections and impacts: never while the decision awaits approval. */
export function isEditable(status: string): boolean {
  return status !== "approval";
}

// ---- Differences between two published versions -------------------------------------------------

export interface VersionImpact {
  id: string;
  number: number;
  title: string;
  scale: number;
  scope: number;
  reversibility: number;
  likelihood: number;
  severity: number;
  priority: number;
  status?: string;
  inputIds: string[];
  mitigations: { id: string; description: string; status: string }[];
}
export interface VersionContent {
  version: number;
  conclusion: Conclusion;
  sections: { key: SectionKey; body: string }[];
  impacts: VersionImpact[];
}

export type ImpactChange =
  | { kind: "added"; number: number; title: string }
  | { kind: "removed"; number: number; title: string }
  | {
      kind: "changed";
      number: number;
      title: string;
      ratings: { dimension: RatingDimension | "severity" | "priority"; from: number; to: number }[];
      titleFrom?: string;
      newInputs: number;
      newMitigations: number;
      mitigationStatus: { description: string; from: string; to: string }[];
    };

export interface VersionDiff {
  conclusion?: { from: Conclusion; to: Conclusion };
  sections: { key: SectionKey; from: string; to: string }[];
  impacts: ImpactChange[];
}

/** What changed from `before` to `after`, for the readable diff on the public page. */
export function diffVersions(before: VersionContent, after: VersionContent): VersionDiff {
  const diff: VersionDiff = { sections: [], impacts: [] };
  if (before.conclusion !== after.conclusion) diff.conclusion = { from: before.conclusion, to: after.conclusion };
  const oldSections = new Map(before.sections.map((s) => [s.key, s.body]));
  for (const s of after.sections) {
    const from = oldSections.get(s.key) ?? "";
    if (from !== s.body) diff.sections.push({ key: s.key, from, to: s.body });
  }
  const oldImpacts = new Map(before.impacts.map((i) => [i.id, i]));
  const newIds = new Set(after.impacts.map((i) => i.id));
  for (const i of after.impacts) {
    const o = oldImpacts.get(i.id);
    if (!o) {
      diff.impacts.push({ kind: "added", number: i.number, title: i.title });
      continue;
    }
    const ratings = (["scale", "scope", "reversibility", "likelihood", "severity", "priority"] as const)
      .filter((d) => o[d] !== i[d])
      .map((d) => ({ dimension: d, from: o[d], to: i[d] }));
    const oldInputs = new Set(o.inputIds);
    const newInputs = i.inputIds.filter((x) => !oldInputs.has(x)).length;
    const oldMitigations = new Map(o.mitigations.map((m) => [m.id, m]));
    const newMitigations = i.mitigations.filter((m) => !oldMitigations.has(m.id)).length;
    const mitigationStatus = i.mitigations
      .filter((m) => oldMitigations.has(m.id) && oldMitigations.get(m.id)!.status !== m.status)
      .map((m) => ({ description: m.description, from: oldMitigations.get(m.id)!.status, to: m.status }));
    const titleFrom = o.title !== i.title ? o.title : undefined;
    if (ratings.length || newInputs || newMitigations || mitigationStatus.length || titleFrom) {
      diff.impacts.push({ kind: "changed", number: i.number, title: i.title, ratings, titleFrom, newInputs, newMitigations, mitigationStatus });
    }
  }
  for (const o of before.impacts) if (!newIds.has(o.id)) diff.impacts.push({ kind: "removed", number: o.number, title: o.title });
  return diff;
}

/** The severity matrix: for each severity (rows, 4 at the top) and likelihood (columns), the impacts in it. */
export function severityMatrix(impacts: { number: number; severity: number; likelihood: number }[]): number[][][] {
  const rows = [4, 3, 2, 1].map(() => [1, 2, 3, 4].map(() => [] as number[]));
  for (const i of impacts) rows[4 - i.severity][i.likelihood - 1].push(i.number);
  return rows;
}
