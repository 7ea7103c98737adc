import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../db/client";
import { Client, csrfFrom, esc, signedInAdmin, startTestServer } from "../helpers/server";

let server: Awaited<ReturnType<typeof startTestServer>>;
let admin: Client;
beforeAll(async () => {
  server = await startTestServer();
  admin = await signedInAdmin(server.url);
});
afterAll(async () => {
  await server?.close();
});

const en = JSON.parse(fs.readFileSync("locales/en/inputs.json", "utf8"));
let n = 0;
async function joined(pseudonym: string) {
  const c = new Client(server.url);
  expect((await c.post("/c/demo/join", { pseudonym, consent: "yes" })).status).toBe(303);
  return c;
}
async function comment(c: Client, body: string) {
  const html = (await c.get("/c/demo")).text;
  const key = `moderation-test-key-${++n}-${Date.now()}`;
  const res = await c.post("/c/demo", { body, attribution: "pseudonymous", idempotencyKey: key }, { csrf: csrfFrom(html) });
  expect(res.status).toBe(303);
  return (await sql<{ id: string }[]>`select id from inputs where idempotency_key = ${key}`)[0].id;
}

describe("moderation", () => {
  let target: string;

  it("lets a participant report a comment once, with a reason, and thanks them", async () => {
    const author = await joined("Names A Neighbour");
    target = await comment(author, "My neighbour Joseph Mwangi at plot 14 cheats the system every month.");
    const reporter = await joined("Careful Reader");
    const page = `/c/demo/flag?input=${target}`;
    const form = await reporter.get(page);
    expect(form.status).toBe(200);
    expect(form.text).toContain("Joseph Mwangi");

    const noReason = await reporter.post(page, { note: "Names a private person <b>" });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain(esc(en.moderation.errors.reason));
    expect(noReason.text).toContain("Names a private person &lt;b&gt;");

    const ok = await reporter.post(page, { reason: "personal_data", note: "Names a private person" });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe(`/c/demo?reported=1#input-${target}`);
    expect((await reporter.get("/c/demo?reported=1")).text).toContain(esc(en.moderation.report.thanks));
    await reporter.post(page, { reason: "spam" });
    expect((await sql`select reason from input_reports where input_id = ${target}`).map((r) => r.reason)).toEqual(["personal_data"]);

    // Anonymous visitors are asked to sign in; an unknown input is a 404.
    expect((await new Client(server.url).get(page)).status).toBe(303);
    expect((await reporter.get("/c/demo/flag?input=00000000-0000-0000-0000-000000000000")).status).toBe(404);
  });

  it("is decided by a moderator in public: hidden with a reason, the words kept on record", async () => {
    const participant = await joined("Not A Moderator");
    expect((await participant.get("/admin/moderation")).status).toBe(403);
    const queue = await admin.get("/admin/moderation");
    expect(queue.status).toBe(200);
    expect(queue.text).toContain("Joseph Mwangi");
    const hide = await admin.post("/admin/moderation", { intent: "hide", inputId: target, reason: "personal_data", note: "A private person was named." });
    expect(hide.status).toBe(303);

    const board = (await new Client(server.url).get("/c/demo")).text;
    expect(board).toContain(esc(en.board.hidden.replace("{{reason}}", en.moderation.reason.personal_data)));
    expect(board).toContain("A private person was named.");
    expect(board).not.toContain("Joseph Mwangi");
    const [row] = await sql`select status, body, hidden_reason from inputs where id = ${target}`;
    expect(row).toEqual({ status: "hidden", body: expect.stringContaining("Joseph Mwangi"), hiddenReason: "personal_data" });
    expect((await sql`select resolution from input_reports where input_id = ${target}`)[0].resolution).toBe("hidden");
    expect((await sql`select count(*)::int as n from audit_events where action = 'moderation_hide' and subject_id = ${target}`)[0].n).toBe(1);
    expect((await admin.get("/admin/moderation")).text).not.toContain("Joseph Mwangi");
    // Hidden means no reporting it again, and no report link.
    expect((await participant.get(`/c/demo/flag?input=${target}`)).status).toBe(404);
  });

  it("can keep a reported comment public, or make a hidden one public again", async () => {
    const author = await joined("Sharp But Fair");
    const sharp = await comment(author, "This scoring system is a disgrace and the Ministry knows it.");
    const reporter = await joined("Easily Offended");
    await reporter.post(`/c/demo/flag?input=${sharp}`, { reason: "hate" });
    expect((await admin.post("/admin/moderation", { intent: "keep", inputId: sharp })).status).toBe(303);
    expect((await sql`select status from inputs where id = ${sharp}`)[0].status).toBe("published");
    expect((await sql`select resolution from input_reports where input_id = ${sharp}`)[0].resolution).toBe("kept");

    expect((await admin.post("/admin/moderation", { intent: "restore", inputId: target })).status).toBe(303);
    expect((await new Client(server.url).get("/c/demo")).text).toContain("Joseph Mwangi");
    expect((await admin.post("/admin/moderation", { intent: "hide", inputId: "not-an-id", reason: "spam" })).status).toBe(404);
  });
});

describe("campaigns", () => {
  it("keeps identical texts but shows and counts them once, with how many sent them", async () => {
    const words = "Stop the scoring pilot now: no algorithm should decide who eats!";
    const ids = [];
    ids.push(await comment(await joined("Campaigner One"), words));
    ids.push(await comment(await joined("Campaigner Two"), "stop the scoring pilot now — no algorithm should decide who eats"));
    ids.push(await comment(await joined("Campaigner Three"), `  ${words.toUpperCase()}  `));
    const rows = await sql<{ id: string; duplicateOf: string | null }[]>`select id, duplicate_of from inputs where id in ${sql(ids)} order by created_at`;
    expect(rows.map((r) => r.duplicateOf)).toEqual([null, ids[0], ids[0]]);

    // Without scripts the page is the HTML alone (no hydration data repeating the words).
    const board = (await new Client(server.url, { "save-data": "on" }).get("/c/demo")).text;
    expect(board.split("who eats").length - 1).toBe(1);
    expect(board).toContain(esc(en.board.copies_other.replace("{{count}}", "2")));
    // A short common answer is not a campaign.
    const a = await comment(await joined("Short One"), "I agree.");
    const b = await comment(await joined("Short Two"), "I agree.");
    expect((await sql`select count(*)::int as n from inputs where id in ${sql([a, b])} and duplicate_of is null`)[0].n).toBe(2);
  });
});
