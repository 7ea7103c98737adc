import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../db/client";
import { ADMIN, Client, csrfFrom, startTestServer } from "../helpers/server";

let server: Awaited<ReturnType<typeof startTestServer>>;
let facilitator: Client;
beforeAll(async () => {
  server = await startTestServer();
  // A facilitator of the demo's organisation, invited by the admin.
  const admin = new Client(server.url);
  await admin.post("/login", { email: ADMIN.email, password: ADMIN.password });
  const [org] = await sql<{ id: string }[]>`select organisation_id as id from deployments where slug = 'demo'`;
  await admin.post("/admin/users", { intent: "invite", email: "facilitator@example.org", organisationId: org.id, roles: ["facilitator"] });
  const token = (await admin.get("/admin/users")).text.match(/\/invite\/([A-Za-z0-9_-]+)/)![1];
  facilitator = new Client(server.url);
  await facilitator.post(`/invite/${token}`, { displayName: "Field Facilitator", password: "a long facilitator password", confirmPassword: "a long facilitator password" });
});
afterAll(async () => {
  await server?.close();
});

async function form() {
  const html = (await facilitator.get("/c/demo/proxy")).text;
  return { csrf: csrfFrom(html), key: html.match(/name="idempotencyKey" value="([^"]+)"/)![1] };
}

describe("facilitated input from offline groups (000 §23, §56)", () => {
  it("shows the demo's offline entries as said on behalf of N people, not by a facilitator", async () => {
    const page = (await new Client(server.url, { "save-data": "on" }).get("/c/demo")).text;
    expect(page).toMatch(/Entered by a facilitator on behalf of 38 people \(workshop, /);
    expect(page).toMatch(/on behalf of 14 people \(radio call-in, /);
  });

  it("publishes a workshop's answer with its original date, method and count, once, and never as the facilitator's view", async () => {
    const { csrf, key } = await form();
    const fields = { questionCode: "q1", body: "Twenty women said the scoring should wait until names are fixed.", lang: "sw", originalDate: "2026-03-12", place: "Kisumu market", method: "workshop", count: "20", idempotencyKey: key };
    const first = await facilitator.post("/c/demo/proxy", fields, { csrf });
    expect(first.status).toBe(303);
    expect((await facilitator.post("/c/demo/proxy", fields, { csrf })).status).toBe(303);
    const rows = await sql`
      select participation_id, section_ref, lang, on_behalf_count, on_behalf_method, to_char(original_date, 'YYYY-MM-DD') as original_date, facilitator_id is not null as recorded
      from inputs where body like 'Twenty women said%'`;
    expect(rows).toEqual([{ participationId: null, sectionRef: "question:Q1", lang: "sw", onBehalfCount: 20, onBehalfMethod: "workshop", originalDate: "2026-03-12", recorded: true }]);
    const page = (await new Client(server.url, { "save-data": "on" }).get("/c/demo")).text;
    expect(page).toContain("on behalf of 20 people (workshop, March 12, 2026)");
    expect(page).not.toContain("Field Facilitator");
  });

  it.each([
    ["a count of zero", { count: "0" }, "Enter how many people this speaks for"],
    ["a date in the future", { originalDate: "2999-01-01" }, "Enter the date it was said"],
    ["an unknown question code", { questionCode: "Q77" }, "Choose what your comment is about"],
    ["an unknown method", { method: "telepathy" }, "Choose how it was gathered"],
  ])("refuses %s beside the field, keeping the text", async (_what, change, message) => {
    const { csrf, key } = await form();
    const before = Number((await sql`select count(*)::int as n from inputs`)[0].n);
    const res = await facilitator.post("/c/demo/proxy", { body: "Kept text of the sheet", lang: "en", originalDate: "2026-03-01", method: "paper", count: "5", idempotencyKey: key, ...change }, { csrf });
    expect(res.status).toBe(400);
    expect(res.text).toContain(message);
    expect(res.text).toContain("Kept text of the sheet");
    expect(Number((await sql`select count(*)::int as n from inputs`)[0].n)).toBe(before);
  });

  it("is closed to participants and to anonymous visitors", async () => {
    const participant = new Client(server.url);
    await participant.post("/c/demo/join", { pseudonym: "Not A Facilitator", consent: "yes" });
    expect((await participant.get("/c/demo/proxy")).status).toBe(403);
    expect((await new Client(server.url).get("/c/demo/proxy")).status).toBe(303);
  });
});
