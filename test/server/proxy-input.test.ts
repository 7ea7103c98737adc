import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../db/client";
import { ADMIN, Client, csrfFrom, postMultipart, startTestServer } from "../helpers/server";

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

  it("keeps a photo of the paper sheet with the entry, for staff only, and refuses anything but a picture or a PDF", async () => {
    const fields = (key: string) => ({ questionCode: "Q2", body: "Paper sheet 14: the chief's office should explain the score.", lang: "en", originalDate: "2026-03-02", method: "paper", count: "1", idempotencyKey: key });
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const multipart = (key: string, bytes: Uint8Array<ArrayBuffer>, name: string) => {
      const data = new FormData();
      for (const [k, v] of Object.entries(fields(key))) data.set(k, v);
      data.set("photo", new Blob([bytes]), name);
      return data;
    };
    const before = Number((await sql`select count(*)::int as n from inputs`)[0].n);
    const html = await postMultipart(facilitator, "/c/demo/proxy", multipart((await form()).key, new TextEncoder().encode("<html><script>x</script>"), "sheet.png"), "/c/demo/proxy");
    expect(html.status).toBe(400);
    expect(html.text).toContain("Paper sheet 14");
    const text = await postMultipart(facilitator, "/c/demo/proxy", multipart((await form()).key, new TextEncoder().encode("plain words"), "sheet.txt"), "/c/demo/proxy");
    expect(text.status).toBe(400);
    expect(Number((await sql`select count(*)::int as n from inputs`)[0].n)).toBe(before);

    const ok = await postMultipart(facilitator, "/c/demo/proxy", multipart((await form()).key, png, "sheet.png"), "/c/demo/proxy");
    expect(ok.status).toBe(303);
    const [row] = await sql<{ id: string; contentType: string }[]>`
      select i.id, ph.content_type from inputs i join input_photos ph on ph.input_id = i.id where i.body like 'Paper sheet 14%'`;
    expect(row.contentType).toBe("image/png");
    const photo = await facilitator.get(`/admin/inputs/${row.id}/photo`);
    expect(photo.status).toBe(200);
    expect(photo.headers.get("content-type")).toBe("image/png");
    expect(photo.headers.get("cache-control")).toContain("no-store");
    const participant = new Client(server.url);
    await participant.post("/c/demo/join", { pseudonym: "Photo Curious", consent: "yes" });
    expect((await participant.get(`/admin/inputs/${row.id}/photo`)).status).toBe(403);
    expect((await new Client(server.url).get("/c/demo")).text).not.toContain(`/admin/inputs/${row.id}/photo`);
    expect((await facilitator.get("/c/demo")).text).toContain(`/admin/inputs/${row.id}/photo`);
  });

  it("is closed to participants and to anonymous visitors", async () => {
    const participant = new Client(server.url);
    await participant.post("/c/demo/join", { pseudonym: "Not A Facilitator", consent: "yes" });
    expect((await participant.get("/c/demo/proxy")).status).toBe(403);
    expect((await new Client(server.url).get("/c/demo/proxy")).status).toBe(303);
  });
});
