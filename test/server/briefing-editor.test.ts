import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../db/client";
import { Client, esc, signedInAdmin, startTestServer } from "../helpers/server";

let server: Awaited<ReturnType<typeof startTestServer>>;
let admin: Client;
const page = "/admin/consultations/demo/briefing";
beforeAll(async () => {
  server = await startTestServer();
  admin = await signedInAdmin(server.url);
});
afterAll(async () => {
  await server?.close();
});

const en = JSON.parse(fs.readFileSync("locales/en/admin.json", "utf8"));
const sections = () => sql<{ id: string; title: string; position: number; plain: string }[]>`
  select s.id, s.title, s.position, s.plain from briefing_sections s join consultations c on c.id = s.consultation_id
  where c.slug = 'demo' order by s.position`;

describe("the briefing editor", () => {
  it("is open to staff of the owning organisation only", async () => {
    expect((await admin.get(page)).status).toBe(200);
    const participant = new Client(server.url);
    await participant.post("/c/demo/join", { pseudonym: "Curious Reader", consent: "yes" });
    expect((await participant.get(page)).status).toBe(403);
    expect((await new Client(server.url).get(page)).status).toBe(303);
  });

  it("adds a section, saves its plain and easy-read texts, moves it up and deletes it", async () => {
    expect((await admin.post(page, { intent: "addSection", source: "free", title: "How the pilot would run" })).status).toBe(303);
    let all = await sections();
    const added = all[all.length - 1];
    expect(added.title).toBe("How the pilot would run");

    const saved = await admin.post(page, { intent: "updateSection", id: added.id, title: "How the pilot would run", body: "Two districts, six months.", plain: "A test in two districts.", easyRead: "A test.\nTwo places." });
    expect(saved.status).toBe(303);
    expect((await new Client(server.url).get("/c/demo?level=easy", {})).text).toContain("Two places.");

    await admin.post(page, { intent: "moveUp", id: added.id });
    all = await sections();
    expect(all[all.length - 2].id).toBe(added.id);

    await admin.post(page, { intent: "deleteSection", id: added.id });
    expect((await sections()).some((s) => s.id === added.id)).toBe(false);
  });

  it("refuses an empty title beside its field, keeping the other texts typed", async () => {
    const [first] = await sections();
    const res = await admin.post(page, { intent: "updateSection", id: first.id, title: "", plain: "Typed but not saved <b>" });
    expect(res.status).toBe(400);
    expect(res.text).toContain("Typed but not saved &lt;b&gt;");
    expect((await sections())[0].plain).toBe(first.plain);
  });

  it("adds a question with a code, and refuses a malformed or duplicate code", async () => {
    const bad = await admin.post(page, { intent: "addQuestion", code: "5th", prompt: "What else should we know?" });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain(esc(en.briefing.errors.code));
    expect(bad.text).toContain("What else should we know?");
    const dup = await admin.post(page, { intent: "addQuestion", code: "q1", prompt: "Duplicate code" });
    expect(dup.status).toBe(409);
    expect(dup.text).toContain(esc(en.briefing.errors.codeTaken));
    const ok = await admin.post(page, { intent: "addQuestion", code: "q5", prompt: "What else should the Ministry know?", hint: "" });
    expect(ok.status).toBe(303);
    const codes = await sql<{ code: string }[]>`select code from questions q join consultations c on c.id = q.consultation_id where c.slug = 'demo' order by position`;
    expect(codes.map((r) => r.code)).toEqual(["Q1", "Q2", "Q3", "Q4", "Q5"]);
    expect((await new Client(server.url).get("/c/demo/briefing")).text).toMatch(/>Q5(<!-- -->)? · /);
  });
});
