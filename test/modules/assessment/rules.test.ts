import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sectionKeys } from "../../../app/modules/assessment/constants";
import {
  decisionProblems,
  diffVersions,
  redLineImpacts,
  severityMatrix,
  severityOf,
  type ImpactForDecision,
  type Ratings,
  type VersionContent,
} from "../../../app/modules/assessment/rules";

const rating = fc.integer({ min: 1, max: 4 });
const ratings = fc.record({ scale: rating, scope: rating, reversibility: rating, likelihood: rating });
const dims = ["scale", "scope", "reversibility", "likelihood"] as const;

describe("severity and priority (001 §44)", () => {
  it("rates worked examples as the decision record says", () => {
    expect(severityOf({ scale: 1, scope: 1, reversibility: 1, likelihood: 4 })).toEqual({ score: 3, severity: 1, priority: 3 });
    expect(severityOf({ scale: 2, scope: 2, reversibility: 2, likelihood: 2 })).toEqual({ score: 6, severity: 2, priority: 3 });
    expect(severityOf({ scale: 3, scope: 3, reversibility: 2, likelihood: 3 })).toEqual({ score: 8, severity: 3, priority: 1 });
    expect(severityOf({ scale: 3, scope: 3, reversibility: 2, likelihood: 1 })).toEqual({ score: 8, severity: 3, priority: 2 });
    // One dimension at its worst makes a harm at least high, however small the rest.
    expect(severityOf({ scale: 1, scope: 1, reversibility: 4, likelihood: 1 })).toEqual({ score: 6, severity: 3, priority: 2 });
    // Critical comes first, however unlikely.
    expect(severityOf({ scale: 4, scope: 3, reversibility: 3, likelihood: 1 })).toEqual({ score: 10, severity: 4, priority: 1 });
  });

  it("refuses a rating outside 1-4", () => {
    expect(() => severityOf({ scale: 0, scope: 1, reversibility: 1, likelihood: 1 })).toThrow(/scale must be 1-4/);
    expect(() => severityOf({ scale: 1, scope: 5, reversibility: 1, likelihood: 1 })).toThrow(/scope/);
    expect(() => severityOf({ scale: 1, scope: 1, reversibility: 2.5, likelihood: 1 })).toThrow(/reversibility/);
    expect(() => severityOf({ scale: 1, scope: 1, reversibility: 1, likelihood: Number.NaN })).toThrow(/likelihood/);
  });

  it("never lowers severity or priority when any rating goes up", () => {
    fc.assert(
      fc.property(ratings, fc.constantFrom(...dims), (r, d) => {
        fc.pre(r[d] < 4);
        const before = severityOf(r);
        const after = severityOf({ ...r, [d]: r[d] + 1 } as Ratings);
        return after.severity >= before.severity && after.priority <= before.priority && after.score >= before.score;
      }),
    );
  });

  it("does not let likelihood change severity, and always puts a critical harm first", () => {
    fc.assert(
      fc.property(ratings, rating, (r, l) => {
        const a = severityOf(r);
        const b = severityOf({ ...r, likelihood: l });
        return a.severity === b.severity && (a.severity !== 4 || a.priority === 1);
      }),
    );
  });

  it("keeps every result within its range, and a more severe harm never behind a less severe one", () => {
    fc.assert(
      fc.property(ratings, ratings, (r1, r2) => {
        const a = severityOf(r1);
        const b = severityOf(r2);
        const inRange = [a.severity, a.priority].every((x) => x >= 1 && x <= 4) && a.score === r1.scale + r1.scope + r1.reversibility;
        // Same likelihood: the more severe is never given a later priority.
        const ordered = r1.likelihood !== r2.likelihood || a.severity <= b.severity || a.priority <= b.priority;
        return inRange && ordered;
      }),
    );
  });
});

const written = Object.fromEntries(sectionKeys.map((k) => [k, "Written with evidence."]));
const rationale = { scale: "Loses the whole benefit.", scope: "About 40,000 households.", reversibility: "Months to appeal.", likelihood: "Seen in the pilot." };
function impact(over: Partial<ImpactForDecision> = {}): ImpactForDecision {
  return { number: 1, status: "open", redLine: null, ratings: { scale: 3, scope: 3, reversibility: 3, likelihood: 3 }, rationale, mitigations: [], ...over };
}
const justification = "The consultation showed the harm can be reduced with these conditions in place.";

describe("the decision check", () => {
  it("blocks proceeding past an open red-line impact, and lets 'do not deploy' through", () => {
    const impacts = [impact({ number: 2, redLine: "fullyAutomatedDenial" }), impact({ number: 3 })];
    expect(redLineImpacts(impacts).map((i) => i.number)).toEqual([2]);
    for (const conclusion of ["proceed", "proceed_with_conditions"] as const) {
      expect(decisionProblems({ conclusion, justification, sections: written, impacts })).toContainEqual({ code: "redLine", impacts: [2] });
    }
    expect(decisionProblems({ conclusion: "do_not_deploy", justification, sections: written, impacts })).toEqual([]);
    // Closed (e.g. the feature was removed), the red-line impact no longer blocks.
    const closed = [impact({ number: 2, redLine: "fullyAutomatedDenial", status: "closed" })];
    expect(decisionProblems({ conclusion: "proceed", justification, sections: written, impacts: closed })).toEqual([]);
  });

  it("holds any set of impacts with an open red line to 'do not deploy'", () => {
    const anyImpact = fc.record({
      number: fc.integer({ min: 1, max: 99 }),
      status: fc.constantFrom("open" as const, "closed" as const),
      redLine: fc.option(fc.constantFrom("socialScoring", "other:0"), { nil: null }),
      ratings,
      rationale: fc.constant(rationale),
      mitigations: fc.array(fc.record({ isCondition: fc.boolean(), status: fc.constantFrom("planned", "done", "dropped") }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(anyImpact, { maxLength: 6 }), fc.constantFrom("proceed" as const, "proceed_with_conditions" as const), (impacts, conclusion) => {
        const blocked = decisionProblems({ conclusion, justification, sections: written, impacts }).some((p) => p.code === "redLine");
        return blocked === impacts.some((i) => i.status === "open" && i.redLine !== null);
      }),
    );
  });

  it("asks for conditions, finished conditions, every section, a justification and every rationale", () => {
    const conditioned = impact({ mitigations: [{ isCondition: true, status: "planned" }] });
    expect(decisionProblems({ conclusion: "proceed_with_conditions", justification, sections: written, impacts: [impact()] })).toEqual([{ code: "noConditions" }]);
    expect(decisionProblems({ conclusion: "proceed_with_conditions", justification, sections: written, impacts: [conditioned] })).toEqual([]);
    expect(decisionProblems({ conclusion: "proceed", justification, sections: written, impacts: [conditioned] })).toEqual([{ code: "openConditions", impacts: [1] }]);
    const problems = decisionProblems({
      conclusion: null,
      justification: "Too short.",
      sections: { ...written, testing: "  ", bias_audits: "" },
      impacts: [impact({ number: 4, rationale: { ...rationale, likelihood: "" } })],
    });
    expect(problems).toEqual([
      { code: "conclusionMissing" },
      { code: "justificationMissing" },
      { code: "sectionsMissing", sections: ["testing", "bias_audits"] },
      { code: "rationaleMissing", impacts: [4] },
    ]);
  });
});

describe("versions and the matrix", () => {
  const base: VersionContent = {
    version: 1,
    conclusion: "proceed",
    sections: [{ key: "benefits", body: "Faster payments." }],
    impacts: [
      { id: "a", number: 1, title: "Wrongful denial", scale: 3, scope: 3, reversibility: 2, likelihood: 3, severity: 3, priority: 1, inputIds: ["i1"], mitigations: [{ id: "m1", description: "Human review", status: "planned" }] },
      { id: "b", number: 2, title: "Data leak", scale: 2, scope: 2, reversibility: 2, likelihood: 1, severity: 2, priority: 3, inputIds: [], mitigations: [] },
    ],
  };

  it("names what changed between two versions: conclusion, sections, ratings, inputs, mitigations, added and removed impacts", () => {
    const next: VersionContent = {
      version: 2,
      conclusion: "proceed_with_conditions",
      sections: [{ key: "benefits", body: "Faster payments for most households." }],
      impacts: [
        { ...base.impacts[0], scale: 4, severity: 4, inputIds: ["i1", "i2", "i3"], mitigations: [{ id: "m1", description: "Human review", status: "done" }, { id: "m2", description: "Appeal in 10 days", status: "planned" }] },
        { id: "c", number: 3, title: "Exclusion of Deaf applicants", scale: 3, scope: 2, reversibility: 2, likelihood: 3, severity: 3, priority: 1, inputIds: ["i4"], mitigations: [] },
      ],
    };
    const d = diffVersions(base, next);
    expect(d.conclusion).toEqual({ from: "proceed", to: "proceed_with_conditions" });
    expect(d.sections).toEqual([{ key: "benefits", from: "Faster payments.", to: "Faster payments for most households." }]);
    expect(d.impacts).toEqual([
      {
        kind: "changed", number: 1, title: "Wrongful denial", titleFrom: undefined,
        ratings: [{ dimension: "scale", from: 3, to: 4 }, { dimension: "severity", from: 3, to: 4 }],
        newInputs: 2, newMitigations: 1, mitigationStatus: [{ description: "Human review", from: "planned", to: "done" }],
      },
      { kind: "added", number: 3, title: "Exclusion of Deaf applicants" },
      { kind: "removed", number: 2, title: "Data leak" },
    ]);
    expect(diffVersions(base, base)).toEqual({ sections: [], impacts: [] });
  });

  it("places each impact in the cell of its severity and likelihood", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ number: fc.integer({ min: 1, max: 500 }), severity: rating, likelihood: rating }), { maxLength: 30 }), (impacts) => {
        const m = severityMatrix(impacts);
        const placed = m.flat(2).length === impacts.length;
        return placed && impacts.every((i) => m[4 - i.severity][i.likelihood - 1].includes(i.number));
      }),
    );
  });
});
