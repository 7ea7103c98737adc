// What the server logs as an error (app/entry.server.tsx, handleError): a loader's deliberate "not found"
// is the page it means to show, not an error (issue #10: the logs hold what someone must act on).
import { data } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { isIntendedAnswer } from "../../app/lib/error-page.server";

describe("isIntendedAnswer", () => {
  it("is true for a thrown 404, 403 or 409, as data() or as a Response", () => {
    expect(isIntendedAnswer(data(null, { status: 404 }))).toBe(true);
    expect(isIntendedAnswer(data({ error: "x" }, { status: 409 }))).toBe(true);
    expect(isIntendedAnswer(new Response(null, { status: 403 }))).toBe(true);
  });

  it("is false for a failure: an Error, a 500 or 503, a database error", () => {
    expect(isIntendedAnswer(new Error("boom"))).toBe(false);
    expect(isIntendedAnswer(data(null, { status: 500 }))).toBe(false);
    expect(isIntendedAnswer(new Response(null, { status: 503 }))).toBe(false);
    expect(isIntendedAnswer(Object.assign(new Error("refused"), { code: "ECONNREFUSED" }))).toBe(false);
    expect(isIntendedAnswer(null)).toBe(false);
    expect(isIntendedAnswer("text")).toBe(false);
  });
});
