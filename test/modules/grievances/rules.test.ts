import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { grievanceOutcomes, grievanceStates, type GrievanceOutcome, type GrievanceState } from "../../../app/modules/grievances/constants";
import { actionTarget, allowedActions, canAppeal, isOverdue, normaliseReference, referenceFrom, type CaseFacts } from "../../../app/modules/grievances/rules";

// The grievance lifecycle (issue #8; 001 §60; 003 pt6) as pure rules: worked examples and properties.

const day = (offset: number) => new Date(Date.UTC(2026, 11, 1 + offset)).toISOString().slice(0, 10);
const TODAY = day(0);

describe("the grievance lifecycle", () => {
  it("moves one step at a time, received → acknowledged → under review → decided → (appealed →) closed", () => {
    const c = (state: GrievanceState, outcome: GrievanceOutcome | null = null, dueOn: string | null = day(5)): CaseFacts => ({ state, outcome, dueOn });
    expect(allowedActions(c("received"), TODAY)).toEqual(["acknowledge"]);
    expect(allowedActions(c("acknowledged"), TODAY)).toEqual(["review"]);
    expect(allowedActions(c("under_review"), TODAY)).toEqual(["decide"]);
    // Upheld: nothing to appeal, so it may close at once.
    expect(allowedActions(c("decided", "upheld"), TODAY)).toEqual(["close"]);
    // Adverse: not closable while the person may still appeal, closable the day after the time runs out.
    expect(allowedActions(c("decided", "not_upheld", day(3)), TODAY)).toEqual([]);
    expect(canAppeal(c("decided", "not_upheld", day(0)), TODAY)).toBe(true);
    expect(canAppeal(c("decided", "partly_upheld", day(-1)), TODAY)).toBe(false);
    expect(allowedActions(c("decided", "partly_upheld", day(-1)), TODAY)).toEqual(["close"]);
    expect(allowedActions(c("appealed", "not_upheld"), TODAY)).toEqual(["decide_appeal"]);
    expect(allowedActions(c("closed", "upheld", null), TODAY)).toEqual([]);
  });

  it("never lets a case go back, skip a step, or leave 'closed' (any case, any day)", () => {
    const order: GrievanceState[] = ["received", "acknowledged", "under_review", "decided", "appealed", "closed"];
    fc.assert(
      fc.property(
        fc.constantFrom(...grievanceStates),
        fc.option(fc.constantFrom(...grievanceOutcomes), { nil: null }),
        fc.option(fc.integer({ min: -400, max: 400 }), { nil: null }),
        fc.integer({ min: -400, max: 400 }),
        (state, outcome, due, today) => {
          const facts = { state, outcome, dueOn: due === null ? null : day(due) };
          for (const action of allowedActions(facts, day(today))) {
            const to = actionTarget[action];
            const step = order.indexOf(to) - order.indexOf(state);
            // Forward only; the only jump is decided → closed, past the appeal.
            expect(step === 1 || (state === "decided" && to === "closed") || (state === "appealed" && to === "closed")).toBe(true);
          }
          if (state === "closed") expect(allowedActions(facts, day(today))).toEqual([]);
          // A person may appeal only an adverse decision, only within its time, and then staff cannot close it.
          if (canAppeal(facts, day(today))) {
            expect(state).toBe("decided");
            expect(outcome).not.toBe("upheld");
            expect(allowedActions(facts, day(today))).not.toContain("close");
          }
        },
      ),
    );
  });

  it("marks overdue only the steps the organisation owes, past their day", () => {
    expect(isOverdue({ state: "received", dueOn: day(-1) }, TODAY)).toBe(true);
    expect(isOverdue({ state: "received", dueOn: day(0) }, TODAY)).toBe(false);
    expect(isOverdue({ state: "appealed", dueOn: day(-10) }, TODAY)).toBe(true);
    // The time to appeal is the person's, not a late step.
    expect(isOverdue({ state: "decided", dueOn: day(-10) }, TODAY)).toBe(false);
    expect(isOverdue({ state: "closed", dueOn: day(-10) }, TODAY)).toBe(false);
  });
});

describe("reference codes", () => {
  it("are 12 characters of Crockford's base32, read back however a person types them", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (bytes) => {
        const ref = referenceFrom(bytes);
        expect(ref).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
        expect(normaliseReference(ref)).toBe(ref);
        expect(normaliseReference(ref.toLowerCase().replace(/-/g, " "))).toBe(ref);
        expect(normaliseReference(ref.replace(/0/g, "O").replace(/1/g, "l"))).toBe(ref);
      }),
    );
    // Different bytes, different codes (60 bits are kept).
    expect(referenceFrom(new Uint8Array(8))).not.toBe(referenceFrom(new Uint8Array([0, 0, 0, 0, 0, 0, 0, 1])));
    expect(normaliseReference("nonsense")).toBeNull();
    expect(normaliseReference("ABCD-EFGH-JKMU")).toBeNull();
    expect(() => referenceFrom(new Uint8Array(4))).toThrow();
  });
});
