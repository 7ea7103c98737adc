// Pure rules of the consultation report (issue #8; 000 §57(e); 001 §44, §65(l)): which counts may be shown
// without singling anyone out, and the sentence that says what the consultation changed in the assessment.
// No I/O: unit-tested without a database (test/modules/report/rules.test.ts).
import { AGGREGATE_MIN } from "../consultations/constants";

/**
 * The smallest count a report shows (issue #5 and #8: "aggregates of at least 5"; 000 §57(n) for the
 * self-identified groups). The same number the staff page of self-identified groups uses.
 */
export const MIN_COUNT = AGGREGATE_MIN;

/** One count of a report: its value, or null when it is not shown. Every hidden count looks the same. */
export interface Cell {
  value: number | null;
  suppressed: boolean;
}

const shown = (value: number): Cell => ({ value, suppressed: false });
const hidden: Cell = { value: null, suppressed: true };

/** A count between 1 and MIN_COUNT - 1: it could point at one person or a handful. Zero points at nobody. */
export function isSmall(n: number): boolean {
  return n > 0 && n < MIN_COUNT;
}

/** A count on its own (no total it adds up to is shown): hidden when small. */
export function cellOf(n: number): Cell {
  return isSmall(n) ? hidden : shown(n);
}

/**
 * Whether the hidden cells of an additive table are safe from subtraction: knowing the total, the shown
 * cells and that every hidden cell is at least 1, each hidden cell could still be any count from 1 to
 * MIN_COUNT - 1. The hidden cells add up to `sum` (total minus the shown cells). A single one is exactly
 * `sum`; with `count` of them, one lies anywhere between 1 and sum - (count - 1). So the rule is: at least
 * two, and sum - count + 1 >= MIN_COUNT - 1.
 */
export function isSafeFromSubtraction(hiddenValues: readonly number[]): boolean {
  if (hiddenValues.length === 0) return true;
  const sum = hiddenValues.reduce((a, b) => a + b, 0);
  return hiddenValues.length >= 2 && sum - hiddenValues.length + 1 >= MIN_COUNT - 1;
}

/**
 * Hides the small counts of an additive table (its cells add up to `total`, and the total is shown).
 *
 * 1. Every count from 1 to MIN_COUNT - 1 is hidden (primary suppression). Zero is shown.
 * 2. Subtracting the shown cells from the total gives the sum of the hidden ones, so a single hidden cell
 *    would be given away, and two 1s (a sum of 2) as well. So more cells are hidden, the smallest non-zero
 *    one first (complementary suppression, rather than rounding: the figures shown stay exact), until
 *    `isSafeFromSubtraction` holds: from the table alone, every hidden cell could be any count from 1 to 4.
 * 3. If every non-zero cell is hidden and that still does not hold (five 1s make a total of 5), the total is
 *    hidden too. A small total is hidden like any small count.
 *
 * Every hidden cell looks the same ("not shown"; `"suppressed": true` in JSON): a reader cannot tell a
 * small count from one hidden to protect it, which is what makes step 2 work.
 */
export function suppressTable(values: readonly number[]): { cells: Cell[]; total: Cell } {
  const total = values.reduce((a, b) => a + b, 0);
  const hide = values.map(isSmall);
  if (isSmall(total)) return { cells: values.map((v, i) => (hide[i] ? hidden : shown(v))), total: hidden };
  const hiddenValues = () => values.filter((_, i) => hide[i]);
  while (!isSafeFromSubtraction(hiddenValues())) {
    let next = -1;
    for (let i = 0; i < values.length; i++) {
      if (!hide[i] && values[i] > 0 && (next < 0 || values[i] < values[next])) next = i;
    }
    if (next < 0) break;
    hide[next] = true;
  }
  const cells = values.map((v, i) => (hide[i] ? hidden : shown(v)));
  return { cells, total: isSafeFromSubtraction(hiddenValues()) ? shown(total) : hidden };
}

/**
 * A subtotal of some cells of a table already protected by `suppressTable`: shown only when every cell
 * under it is shown. Then it is their sum and tells nothing new; otherwise it would give away the sum of
 * the hidden cells under it, which the table's own rule did not count on.
 */
export function subtotalOf(cells: readonly Cell[]): Cell {
  if (cells.some((c) => c.suppressed)) return hidden;
  return shown(cells.reduce((a, c) => a + (c.value ?? 0), 0));
}

/** `T` with every Cell turned into the text a page shows: the formatted number, or null when not shown. */
export type Displayed<T> = T extends Cell
  ? string | null
  : T extends Date
    ? T
    : T extends readonly (infer U)[]
      ? Displayed<U>[]
      : T extends object
        ? { [K in keyof T]: Displayed<T[K]> }
        : T;

function isCell(v: unknown): v is Cell {
  return typeof v === "object" && v !== null && "suppressed" in v && "value" in v && Object.keys(v).length === 2;
}

/**
 * Every Cell in `value` as the page shows it, numbers formatted by `format` (in the loader, in the reader's
 * language: see app/lib/format.ts on why numbers and dates are formatted on the server only).
 */
export function displayCells<T>(value: T, format: (n: number) => string): Displayed<T> {
  if (isCell(value)) return (value.suppressed || value.value === null ? null : format(value.value)) as Displayed<T>;
  if (Array.isArray(value)) return value.map((v) => displayCells(v, format)) as Displayed<T>;
  if (typeof value === "object" && value !== null && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, displayCells(v, format)])) as Displayed<T>;
  }
  return value as Displayed<T>;
}

// ---- What the consultation changed in the assessment -------------------------------------------------

export type ConclusionCode = "proceed" | "proceed_with_conditions" | "do_not_deploy";

export interface AssessmentChange {
  newHarms: number;
  ratingsChanged: number;
  mitigationsAdopted: number;
  /** The conclusion of the latest version published before the consultation opened; null if there was none. */
  before: ConclusionCode | null;
  /** The conclusion of the latest version published since it opened; null if none has been. */
  after: ConclusionCode | null;
}

/** A translation function, as `t` of app/lib/i18n-core.ts (a plain signature, so this file needs no i18n import). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The one sentence of the report that says what the consultation changed (issue #8: "3 new harms, 12
 * ratings changed, 5 mitigations adopted, conclusion changed from proceed to proceed with conditions"),
 * counts pluralised by the locale files, joined as the reader's language lists things (Intl.ListFormat).
 * With no version published since the consultation opened, nothing is on record yet, and it says so.
 */
export function changeSentence(change: AssessmentChange, t: Translate, locale: string): string {
  if (!change.after) return t("responses:report.changes.noVersion");
  const label = (c: ConclusionCode) => t(`assessment:conclusion.${c}`);
  const conclusion = !change.before
    ? t("responses:report.changes.conclusionFirst", { to: label(change.after) })
    : change.before === change.after
      ? t("responses:report.changes.conclusionSame", { to: label(change.after) })
      : t("responses:report.changes.conclusionChanged", { from: label(change.before), to: label(change.after) });
  const parts = [
    t("responses:report.changes.newHarms", { count: change.newHarms }),
    t("responses:report.changes.ratings", { count: change.ratingsChanged }),
    t("responses:report.changes.mitigations", { count: change.mitigationsAdopted }),
    conclusion,
  ];
  return t("responses:report.changes.sentence", { list: listFormat(locale).format(parts) });
}

const listFormats = new Map<string, Intl.ListFormat>();
function listFormat(locale: string): Intl.ListFormat {
  let format = listFormats.get(locale);
  if (!format) {
    // "unit" lists with commas, without "and": the issue's own way of writing it.
    format = new Intl.ListFormat(locale, { style: "long", type: "unit" });
    listFormats.set(locale, format);
  }
  return format;
}
