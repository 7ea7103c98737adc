import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../db/client";
import { fileGrievance, getGrievanceDeployment, purgeGrievanceData } from "../../app/modules/grievances/grievances.server";
import { redactPath } from "../../app/lib/logger.server";
import { Client, csrfFrom, esc, signedInStaff, startTestServer } from "../helpers/server";
import { bodyOf, startSmtp, subjectOf, type Mail } from "../helpers/smtp";
import { until } from "../helpers/yjs";

// Grievances about a deployed system (issue #8; 001 §60; 003 pt5-6), over HTTP with JavaScript off, on the
// real database, with follow-up emails through a real SMTP server on loopback.

const mails: Mail[] = [];
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let server: Awaited<ReturnType<typeof startTestServer>>;
let lead: Client;
beforeAll(async () => {
  smtp = await startSmtp(mails);
  server = await startTestServer({ mail: { url: `smtp://127.0.0.1:${smtp.port}`, from: "notices@consult.test", siteUrl: "https://consult.test", intervalMs: 100 } });
  lead = await signedInStaff(server.url, { email: "grievance-lead@example.org", roles: ["consultation_lead"] });
});
afterAll(async () => {
  await server?.close();
  await new Promise((r) => smtp?.close(() => r(null)));
});

const en = JSON.parse(fs.readFileSync("locales/en/grievances.json", "utf8"));
const fr = JSON.parse(fs.readFileSync("locales/fr/grievances.json", "utf8"));
const REF = /\/grievances\/([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\?filed=1$/;

/** Files a grievance from a fresh browser (or `client`) and returns its reference code. */
async function file(fields: Record<string, string>, client = new Client(server.url)): Promise<{ reference: string; client: Client }> {
  const res = await client.post("/register/demo/grievances", { kind: "harm", lang: "en", ...fields });
  expect(res.status, res.text.slice(0, 300)).toBe(303);
  const m = res.headers.get("location")!.match(REF);
  expect(m).not.toBeNull();
  return { reference: m![1], client };
}

async function idOf(reference: string): Promise<string> {
  const [g] = await sql<{ id: string }[]>`select id from grievances where reference = ${reference}`;
  return g.id;
}

/** A staff step on a case, with the revision read from its page, as the form sends it. */
async function step(id: string, fields: Record<string, string>, staff = lead) {
  const page = await staff.get(`/admin/grievances/${id}`);
  // No form when no step is open: then the revision as stored, to prove the server refuses it too.
  const [stored] = await sql<{ revision: number }[]>`select revision from grievances where id = ${id}`;
  const revision = page.text.match(/name="revision" value="(\d+)"/)?.[1] ?? String(stored.revision);
  return staff.post(`/admin/grievances/${id}`, { revision, ...fields }, { csrf: csrfFrom(page.text) });
}

describe("filing a grievance", () => {
  it("is open to anyone without an account, says who handles each step, keeps what was typed on a mistake", async () => {
    const anon = new Client(server.url);
    const page = await anon.get("/register/demo/grievances");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Benefits Review Committee");
    expect(page.text).toContain(esc(en.kind.opt_out));
    // The dossier links here.
    expect((await anon.get("/register/demo")).text).toContain('href="/register/demo/grievances"');

    const bad = await anon.post("/register/demo/grievances", { kind: "harm", lang: "en", body: "short", contactEmail: "not an address" });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain(esc(en.errors.body));
    expect(bad.text).toContain(esc(en.errors.email));
    expect(bad.text).toContain("not an address");
    const none = await anon.post("/register/demo/grievances", { lang: "en", body: "" });
    expect(none.status).toBe(400);
    expect(none.text).toContain(esc(en.errors.kind));
    const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from grievances where body = 'short'`;
    expect(n).toBe(0);

    const { reference } = await file({ body: "The score flagged my pension as hidden income and my benefit was stopped." }, anon);
    const own = await anon.get(`/grievances/${reference}?filed=1`);
    expect(own.status).toBe(200);
    expect(own.text).toContain(`data-reference="${reference}"`);
    expect(own.text).toContain('data-grievance-state="received"');
    expect(own.text).toContain("Grievance desk, Ministry of Social Protection");
    expect(own.text).toContain('name="robots" content="noindex, nofollow"');
    // Followed by its code, however it is typed.
    const typed = await anon.get(`/register/demo/grievances?code=${reference.toLowerCase().replace(/-/g, " ")}`);
    expect(typed.status).toBe(303);
    expect(typed.headers.get("location")).toBe(`/grievances/${reference}`);
    const wrong = await anon.get("/register/demo/grievances?code=nonsense");
    expect(wrong.status).toBe(200);
    expect(wrong.text).toContain(esc(en.lookup.notFound));
    expect((await anon.get("/grievances/0000-0000-0000")).status).toBe(404);
    expect((await anon.get("/register/nope/grievances")).status).toBe(404);
    // The code is a key: never in a log line.
    expect(redactPath(`/grievances/${reference}`)).toBe("/grievances/:reference");
  });

  it("limits a flood from one source, counted in the database, and keeps the text of the refused one", async () => {
    const browser = new Client(server.url);
    await browser.get("/register/demo/grievances");
    for (let i = 0; i < 3; i++) await file({ body: `Flood test number ${i}: the system did something to me.` }, browser);
    const refused = await browser.post("/register/demo/grievances", { kind: "other", lang: "en", body: "The fourth one within the hour, kept on the page." });
    expect(refused.status).toBe(429);
    expect(refused.text).toContain(esc(en.errors.tooMany));
    expect(refused.text).toContain("The fourth one within the hour, kept on the page.");
    const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from grievances where body like 'The fourth one%'`;
    expect(n).toBe(0);
    // Another person is not held back by it.
    await file({ body: "Someone else entirely, filing once about the same system." });
    // The count lives in the database, so a new process (here, the module on its own pool) sees it too.
    const [{ sourceHash }] = await sql<{ sourceHash: string }[]>`select source_hash from grievances where body like 'Flood test number 0%'`;
    const deployment = await getGrievanceDeployment("demo");
    const again = await fileGrievance({ kind: "harm", lang: "en", body: "Straight to the module, same source.", deployment, userId: null, sourceHash });
    expect(again).toMatchObject({ ok: false, status: 429 });
  });
});

describe("a grievance's full course", () => {
  it("runs received → acknowledged → under review → decided → appealed → closed, telling the person by email each time in their language", async () => {
    mails.length = 0;
    const person = new Client(server.url);
    await person.get("/register/demo/grievances?lng=fr");
    const { reference } = await file(
      { kind: "wrong_decision", lang: "fr", body: "Le score a classé mon ménage à risque et l'allocation a été suspendue sans explication.", contactEmail: "Person@Example.org " },
      person,
    );
    const id = await idOf(reference);
    // Filing itself is acknowledged by email, in French.
    await until(() => mails.some((m) => m.to === "person@example.org"), 10_000);
    expect(subjectOf(mails[0].raw)).toContain(reference);
    expect(bodyOf(mails[0].raw)).toContain(`https://consult.test/grievances/${reference}`);
    expect(bodyOf(mails[0].raw)).toContain(fr.email.follow.split("{{")[0].trim());

    // Staff of another organisation cannot see it; a participant cannot reach the queue.
    await sql`insert into organisations (name) values ('Other grievance org') on conflict do nothing`;
    const [other] = await sql<{ id: string }[]>`select id from organisations where name = 'Other grievance org'`;
    const outsider = await signedInStaff(server.url, { email: "outsider-grievance@example.org", roles: [] });
    const [outsiderUser] = await sql<{ id: string }[]>`select id from users where email = 'outsider-grievance@example.org'`;
    await sql`insert into role_assignments (user_id, organisation_id, role) values (${outsiderUser.id}, ${other.id}, 'consultation_lead') on conflict do nothing`;
    expect((await outsider.get(`/admin/grievances/${id}`)).status).toBe(403);
    expect((await outsider.get("/admin/grievances")).text).not.toContain(reference);
    const participant = new Client(server.url);
    await participant.post("/c/demo/join", { pseudonym: "Grievance Onlooker", consent: "yes" });
    expect((await participant.get("/admin/grievances")).status).toBe(403);

    const queue = await lead.get("/admin/grievances");
    expect(queue.status).toBe(200);
    expect(queue.text).toContain(reference);

    // A step out of order is refused; so is a stale page.
    const early = await lead.post(`/admin/grievances/${id}`, { revision: "1", action: "decide", outcome: "not_upheld", reason: "Too early." });
    expect(early.status).toBe(409);
    expect(early.text).toContain(esc(en.errors.notNow));
    expect((await lead.post(`/admin/grievances/${id}`, { revision: "99", action: "acknowledge" })).status).toBe(409);

    expect((await step(id, { action: "acknowledge", note: "Nous avons reçu votre plainte." })).status).toBe(303);
    expect((await step(id, { action: "review" })).status).toBe(303);
    // A decision needs its reason; what was typed stays.
    const noReason = await step(id, { action: "decide", outcome: "not_upheld", remedy: "Kept remedy text" });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain(esc(en.errors.reason));
    expect(noReason.text).toContain("Kept remedy text");
    expect(
      (await step(id, { action: "decide", outcome: "not_upheld", reason: "The income records show a second salary in 2025.", remedy: "" })).status,
    ).toBe(303);
    // Not closable while the person may still appeal.
    expect((await step(id, { action: "close" })).status).toBe(409);

    // The adverse decision reaches the person with its reason and how to appeal.
    await until(() => mails.filter((m) => m.to === "person@example.org").length >= 4, 10_000);
    const decided = mails.filter((m) => m.to === "person@example.org").map((m) => bodyOf(m.raw)).find((b) => b.includes("second salary"))!;
    expect(decided).toBeDefined();
    expect(decided).toContain("Independent Social Protection Appeals Board");
    expect(decided).toContain(fr.email.reason);
    expect(decided).toContain(fr.email.appeal_other.split("{{")[0].trim());

    // The person appeals on the case page, with the code only.
    const anyone = new Client(server.url);
    const casePage = await anyone.get(`/grievances/${reference}`);
    expect(casePage.text).toContain("second salary");
    expect(casePage.text).toContain('name="reason"');
    expect((await anyone.post(`/grievances/${reference}`, { reason: "short" })).status).toBe(400);
    expect((await anyone.post(`/grievances/${reference}`, { reason: "The second salary is my late husband's, who died in 2024." })).status).toBe(303);
    const twice = await anyone.post(`/grievances/${reference}`, { reason: "A second appeal should be refused here." }, { formPage: "/register/demo/grievances" });
    expect(twice.status).toBe(409);
    expect(twice.text).toContain(esc(en.errors.cannotAppeal));
    const appealed = (await anyone.get(`/grievances/${reference}`)).text;
    expect(appealed).toContain('data-grievance-state="appealed"');
    expect(appealed).toContain(esc(en.case.yourAppeal));
    // Staff read it as the person's appeal, not their own.
    const staffView = (await lead.get(`/admin/grievances/${id}`)).text;
    expect(staffView).toContain(esc(en.staff.theirAppeal));
    expect(staffView).not.toContain(esc(en.case.yourAppeal));

    expect(
      (await step(id, { action: "decide_appeal", appealOutcome: "changed", outcome: "upheld", reason: "The death certificate confirms it. The benefit is restored.", remedy: "Back payment from March." })).status,
    ).toBe(303);
    const closed = await anyone.get(`/grievances/${reference}`);
    expect(closed.text).toContain('data-grievance-state="closed"');
    expect(closed.text).toContain('data-appeal-outcome="changed"');
    expect(closed.text).toContain("Back payment from March.");
    expect(closed.text).not.toContain('name="reason"');

    const [{ events }] = await sql<{ events: number }[]>`select count(*)::int as events from grievance_events where grievance_id = ${id}`;
    expect(events).toBe(6);
    await until(() => mails.filter((m) => m.to === "person@example.org").length >= 6, 10_000);
    // Each change told, by email, in the person's language; never from another case.
    expect(mails.filter((m) => m.to === "person@example.org").every((m) => subjectOf(m.raw).includes(reference))).toBe(true);

    // After 30 days closed, the address is erased; the rate-limit key after 2 days.
    await sql`update grievances set closed_at = now() - interval '31 days', created_at = now() - interval '40 days' where id = ${id}`;
    const purged = await purgeGrievanceData();
    expect(purged.contacts).toBeGreaterThanOrEqual(1);
    const [after] = await sql<{ contactEmail: string | null; sourceHash: string | null }[]>`select contact_email, source_hash from grievances where id = ${id}`;
    expect(after).toEqual({ contactEmail: null, sourceHash: null });
  });

  it("tells a signed-in filer in their inbox, and marks overdue cases for staff", async () => {
    const p = new Client(server.url);
    await p.post("/c/demo/join", { pseudonym: "Inbox Griever", consent: "yes" });
    const { reference } = await file({ kind: "opt_out", body: "Please do not score my household when the pilot starts." }, p);
    const inbox = await p.get("/account/inbox");
    expect(inbox.text).toContain(reference);
    expect(inbox.text).toContain(`href="/grievances/${reference}"`);

    const id = await idOf(reference);
    await sql`update grievances set due_on = current_date - 3 where id = ${id}`;
    const overdue = await lead.get("/admin/grievances?overdue=1");
    expect(overdue.text).toContain(reference);
    const row = overdue.text.split("<tr").find((r) => r.includes(`/admin/grievances/${id}`))!;
    expect(row).toMatch(/^ data-overdue=""/);
    // Not overdue: not in the filtered list.
    await sql`update grievances set due_on = current_date + 3 where id = ${id}`;
    expect((await lead.get("/admin/grievances?overdue=1")).text).not.toContain(reference);
    await sql`update grievances set due_on = current_date - 3 where id = ${id}`;
    expect((await p.get(`/grievances/${reference}`)).text).toContain("data-overdue");
  });
});

describe("public statistics", () => {
  it("count by state and give times to decision only once five are decided, never a single case", async () => {
    const stats = await new Client(server.url).get("/register/demo/grievances");
    expect(stats.text).toContain("data-grievance-stats");
    const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from grievances g join deployments d on d.id = g.deployment_id where d.slug = 'demo' and g.state = 'closed'`;
    expect(stats.text).toMatch(new RegExp(`data-state="closed"><th scope="row">[^<]+</th><td>${n}</td>`));
    const [{ decided }] = await sql<{ decided: number }[]>`select count(*)::int as decided from grievances g join deployments d on d.id = g.deployment_id where d.slug = 'demo' and decided_at is not null`;
    if (decided < 5) expect(stats.text).toContain(esc(en.stats.timesHidden.replace("{{count}}", "5")));
    // No reference code and no complaint text on the public page.
    const refs = await sql<{ reference: string; body: string }[]>`select reference, body from grievances`;
    for (const r of refs) {
      expect(stats.text).not.toContain(r.reference);
      expect(stats.text).not.toContain(esc(r.body.slice(0, 30)));
    }
    // Decide five more, and the times appear.
    const deployment = await getGrievanceDeployment("demo");
    for (let i = 0; i < 5; i++) {
      const r = await fileGrievance({ kind: "other", lang: "en", body: `Statistics case ${i} about the system.`, deployment, userId: null, sourceHash: `stats-${i}` });
      if (!r.ok) throw new Error(r.error);
      const id = await idOf(r.reference);
      for (const action of ["acknowledge", "review"]) expect((await step(id, { action })).status).toBe(303);
      expect((await step(id, { action: "decide", outcome: "upheld", reason: "Accepted." })).status).toBe(303);
    }
    const after = await new Client(server.url).get("/register/demo/grievances");
    expect(after.text).not.toContain(esc(en.stats.timesHidden.replace("{{count}}", "5")));
    expect(after.text).toContain("were decided within the time limit");
  });
});

describe("steps and time limits per organisation", () => {
  it("are set by an admin, refused with a clear message when wrong, and used for new cases and contests", async () => {
    const admin = await signedInStaff(server.url, { email: "grievance-admin@example.org", roles: ["admin"] });
    expect((await lead.get("/admin/grievances/settings")).status).toBe(403);
    const form = await admin.get("/admin/grievances/settings");
    expect(form.status).toBe(200);
    const fields: Record<string, string> = { contestDays: "21" };
    for (const s of ["received", "acknowledged", "under_review", "decided", "appealed"]) {
      fields[`entity_${s}`] = `Desk for ${s}`;
      fields[`days_${s}`] = "7";
    }
    const bad = await admin.post("/admin/grievances/settings", { ...fields, days_received: "0" });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain(esc(en.errors.days));
    expect(bad.text).toContain("Desk for appealed");
    expect((await admin.post("/admin/grievances/settings", fields)).status).toBe(303);

    const { reference } = await file({ body: "After the settings changed, a new case with new limits." });
    const [g] = await sql<{ days: number }[]>`select due_on - created_at::date as days from grievances where reference = ${reference}`;
    expect(g.days).toBe(7);
    expect((await new Client(server.url).get(`/grievances/${reference}`)).text).toContain("Desk for received");
    const [org] = await sql<{ contestDays: number }[]>`select contest_days from organisations o join deployments d on d.organisation_id = o.id where d.slug = 'demo'`;
    expect(org.contestDays).toBe(21);
  });
});
