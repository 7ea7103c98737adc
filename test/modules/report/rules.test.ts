import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tFor } from "../../../app/i18n.server";
import {
  cellOf,
  changeSentence,
  displayCells,
  isSafeFromSubtraction,
  MIN_COUNT,
  subtotalOf,
  suppressTable,
  type Cell,
} from "../../../app/modules/report/rules";

const values = (cells: Cell[]) => cells.map((c) => (c.suppressed ? null : c.value));

/**
 * What a reader learns about each hidden cell from the published table alone: its possible values, given
 * the total, the shown cells, and that a hidden cell is at least 1. Worked out by brute force (which sums
 * the other hidden cells can make), not with the formula the code uses.
 */
function possibleValues(cells: Cell[], total: number): number[][] {
  const hiddenCount = cells.filter((c) => c.suppressed).length;
  const rest = total - cells.reduce((a, c) => a + (c.value ?? 0), 0);
  return cells
    .filter((c) => c.suppressed)
    .map(() => {
      const others = hiddenCount - 1;
      const out: number[] = [];
      for (let v = 1; v <= rest; v++) {
        // The other hidden cells, each at least 1, must make up rest - v: possible when there are none and
        // it is 0, or when there are some and it is at least their number.
        const left = rest - v;
        if ((others === 0 && left === 0) || (others > 0 && left >= others)) out.push(v);
      }
      return out;
    });
}

describe("small counts in a report (issue #8: aggregates of at least 5)", () => {
  it("hides counts from 1 to 4 and shows zero and 5 or more", () => {
    expect(MIN_COUNT).toBe(5);
    expect([0, 1, 4, 5, 38].map(cellOf)).toEqual([
      { value: 0, suppressed: false },
      { value: null, suppressed: true },
      { value: null, suppressed: true },
      { value: 5, suppressed: false },
      { value: 38, suppressed: false },
    ]);
    const t = suppressTable([0, 0, 7, 12]);
    expect(values(t.cells)).toEqual([0, 0, 7, 12]);
    expect(t.total).toEqual({ value: 19, suppressed: false });
  });

  it("hides a second cell, the smallest, so a small one cannot be found by subtracting from the total", () => {
    // 2 alone would be 52 - 20 - 30. With 20 hidden too, the two hidden add up to 22: either could be 1 to 4.
    const t = suppressTable([20, 30, 2]);
    expect(values(t.cells)).toEqual([null, 30, null]);
    expect(t.total.value).toBe(52);
    // Two 1s add up to 2, which gives both away: a third cell goes.
    expect(values(suppressTable([1, 1, 100, 200]).cells)).toEqual([null, null, null, 200]);
    // The demo's languages: 9 in English, 1 in French, 2 in Swahili. Hiding 1 and 2 leaves 3 = 1 + 2.
    expect(values(suppressTable([9, 1, 2]).cells)).toEqual([null, null, null]);
    expect(suppressTable([9, 1, 2]).total.value).toBe(12);
  });

  it("hides the total too when hiding every cell is not enough, and a small total always", () => {
    const ones = suppressTable([1, 1, 1, 1, 1]);
    expect(values(ones.cells)).toEqual([null, null, null, null, null]);
    expect(ones.total).toEqual({ value: null, suppressed: true });
    expect(suppressTable([2, 1, 0]).total.suppressed).toBe(true);
    expect(values(suppressTable([2, 1, 0]).cells)).toEqual([null, null, 0]);
    expect(suppressTable([]).total).toEqual({ value: 0, suppressed: false });
  });

  it("never lets a hidden count be worked out from the total and the shown ones (the subtraction attack)", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 })), { maxLength: 9 }), (counts) => {
        const { cells, total } = suppressTable(counts);
        const sum = counts.reduce((a, b) => a + b, 0);
        // What is shown is true, and no shown count is small.
        cells.forEach((c, i) => {
          if (!c.suppressed) expect(c.value).toBe(counts[i]);
          else expect(counts[i]).toBeGreaterThan(0);
        });
        expect(cells.some((c) => !c.suppressed && c.value! > 0 && c.value! < MIN_COUNT)).toBe(false);
        // The total goes only when it is small, or when even hiding every count was not enough.
        if (total.suppressed) {
          expect((sum > 0 && sum < MIN_COUNT) || cells.every((c, i) => c.suppressed || counts[i] === 0)).toBe(true);
          return;
        }
        expect(total.value).toBe(sum);
        // Each hidden count could, as far as the reader can tell, be any count from 1 to 4.
        for (const possible of possibleValues(cells, sum)) {
          for (let v = 1; v < MIN_COUNT; v++) expect(possible).toContain(v);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("says a single hidden cell, or hidden 1s, are not safe", () => {
    expect(isSafeFromSubtraction([])).toBe(true);
    expect(isSafeFromSubtraction([4])).toBe(false);
    expect(isSafeFromSubtraction([1, 1])).toBe(false);
    expect(isSafeFromSubtraction([1, 4])).toBe(true);
    expect(isSafeFromSubtraction([1, 1, 2])).toBe(false);
  });

  it("shows a subtotal only when every count under it is shown", () => {
    const t = suppressTable([8, 2, 38, 0, 0, 14, 0]);
    expect(subtotalOf(t.cells.slice(0, 2))).toEqual({ value: null, suppressed: true });
    expect(subtotalOf(suppressTable([8, 7, 38]).cells.slice(0, 2))).toEqual({ value: 15, suppressed: false });
  });

  it("formats every count for the page and leaves hidden ones null", () => {
    const shown = displayCells({ a: cellOf(1200), b: [{ lang: "en", n: cellOf(2) }], when: new Date(0), name: "x" }, (n) => n.toLocaleString("en"));
    expect(shown).toEqual({ a: "1,200", b: [{ lang: "en", n: null }], when: new Date(0), name: "x" });
  });
});

describe("the sentence of what the consultation changed", () => {
  const t = tFor("en", ["responses", "assessment"]);

  it("reads like the issue's example, pluralised", () => {
    expect(changeSentence({ newHarms: 3, ratingsChanged: 12, mitigationsAdopted: 5, before: "proceed", after: "proceed_with_conditions" }, t, "en")).toBe(
      "3 new harms, 12 ratings changed, 5 mitigations adopted, conclusion changed from “Proceed” to “Proceed with conditions”.",
    );
    expect(changeSentence({ newHarms: 1, ratingsChanged: 1, mitigationsAdopted: 0, before: "proceed", after: "proceed" }, t, "en")).toBe(
      "1 new harm, 1 rating changed, 0 mitigations adopted, conclusion unchanged: “Proceed”.",
    );
    expect(changeSentence({ newHarms: 4, ratingsChanged: 0, mitigationsAdopted: 1, before: null, after: "do_not_deploy" }, t, "en")).toBe(
      "4 new harms, 0 ratings changed, 1 mitigation adopted, first published conclusion: “Do not deploy”.",
    );
  });

  it("says nothing is on record yet when no version was published since the consultation opened", () => {
    expect(changeSentence({ newHarms: 0, ratingsChanged: 0, mitigationsAdopted: 0, before: "proceed", after: null }, t, "en")).toBe(
      t("responses:report.changes.noVersion"),
    );
  });
});
