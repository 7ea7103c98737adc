import { staffOwedStates, type GrievanceOutcome, type GrievanceState } from "./constants";

// Issue #8: the grievance lifecycle as pure rules (001 §60; 003 pt6), so pages, the module and the tests
// agree on one table. received → acknowledged → under review → decided → (appealed →) closed.

/** What staff may do to a case, by the state it is in. */
export const staffActions = ["acknowledge", "review", "decide", "close", "decide_appeal"] as const;
export type StaffAction = (typeof staffActions)[number];

/** The state each staff action leads to. */
export const actionTarget: Record<StaffAction, GrievanceState> = {
  acknowledge: "acknowledged",
  review: "under_review",
  decide: "decided",
  close: "closed",
  decide_appeal: "closed",
};

export interface CaseFacts {
  state: GrievanceState;
  outcome: GrievanceOutcome | null;
  /** The current step's deadline (for 'decided': the end of the time to appeal), YYYY-MM-DD. */
  dueOn: string | null;
}

/** A decision the person may appeal: anything short of fully upheld. */
export function isAdverse(outcome: GrievanceOutcome | null): boolean {
  return outcome === "partly_upheld" || outcome === "not_upheld";
}

/** Whether the person may still appeal on `today` (YYYY-MM-DD): an adverse decision, within its time. */
export function canAppeal(c: CaseFacts, today: string): boolean {
  return c.state === "decided" && isAdverse(c.outcome) && c.dueOn !== null && today <= c.dueOn;
}

/**
 * The staff actions open on a case on `today`. A decided case closes at once when upheld, and otherwise
 * only after the time to appeal has run out, so nobody loses their appeal by an early close.
 */
export function allowedActions(c: CaseFacts, today: string): StaffAction[] {
  switch (c.state) {
    case "received":
      return ["acknowledge"];
    case "acknowledged":
      return ["review"];
    case "under_review":
      return ["decide"];
    case "decided":
      return canAppeal(c, today) ? [] : ["close"];
    case "appealed":
      return ["decide_appeal"];
    case "closed":
      return [];
  }
}

/** Past its deadline while the organisation owes the next step. */
export function isOverdue(c: Pick<CaseFacts, "state" | "dueOn">, today: string): boolean {
  return staffOwedStates.includes(c.state) && c.dueOn !== null && c.dueOn < today;
}

/** Crockford's base32 (no I, L, O, U): easy to read aloud and to type from paper. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A reference code from 60 random bits (`bytes`, at least 8), shown as XXXX-XXXX-XXXX. */
export function referenceFrom(bytes: Uint8Array): string {
  if (bytes.length < 8) throw new Error("need 8 random bytes");
  let n = 0n;
  for (const b of bytes.subarray(0, 8)) n = (n << 8n) | BigInt(b);
  let out = "";
  for (let i = 0; i < 12; i++) {
    out += ALPHABET[Number(n & 31n)];
    n >>= 5n;
  }
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8)}`;
}

/**
 * A reference as typed by a person (lower case, spaces, no dashes, O for 0, I or L for 1), in its
 * canonical form, or null when it cannot be one.
 */
export function normaliseReference(typed: string): string | null {
  const plain = typed
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (!/^[0-9A-HJKMNP-TV-Z]{12}$/.test(plain)) return null;
  return `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8)}`;
}
