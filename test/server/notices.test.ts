import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../db/client";
import { Client, csrfFrom, esc, signedInStaff, startTestServer } from "../helpers/server";
import { bodyOf, startSmtp as startSmtpServer, subjectOf, type Mail } from "../helpers/smtp";
import { until } from "../helpers/yjs";

// Notices (issue #8) through a real SMTP server on loopback (smtp-server), never a mock.
const mails: Mail[] = [];
const startSmtp = (port = 0) => startSmtpServer(mails, port);

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let server: Awaited<ReturnType<typeof startTestServer>>;
let lead: Client;
beforeAll(async () => {
  smtp = await startSmtp();
  server = await startTestServer({ mail: { url: `smtp://127.0.0.1:${smtp.port}`, from: "notices@consult.test", siteUrl: "https://consult.test", intervalMs: 100 } });
  lead = await signedInStaff(server.url, { email: "lead@example.org", roles: ["consultation_lead"] });
});
afterAll(async () => {
  await server?.close();
  await new Promise((r) => smtp?.close(() => r(null)));
});

const fr = JSON.parse(fs.readFileSync("locales/fr/responses.json", "utf8"));
const en = JSON.parse(fs.readFileSync("locales/en/responses.json", "utf8"));

async function participantWithComment(lng: string, email: string | null, body: string) {
  const p = new Client(server.url);
  await p.get(`/c/demo?lng=${lng}`);
  expect((await p.post("/c/demo/join", { pseudonym: `Reader ${Math.random().toString(36).slice(2, 7)}`, consent: "yes" })).status).toBe(303);
  if (email) expect((await p.post("/account", { email })).status).toBe(303);
  const csrf = csrfFrom((await p.get("/c/demo")).text);
  expect((await p.post("/c/demo", { body, attribution: "pseudonymous", idempotencyKey: `notice-${Date.now()}-${Math.random().toString(36).slice(2, 8)}` }, { csrf })).status).toBe(303);
  const [input] = await sql<{ id: string }[]>`select id from inputs where body = ${body}`;
  return { p, inputId: input.id };
}

async function answer(inputId: string, reason: string) {
  expect((await lead.post(`/admin/consultations/demo/responses/${inputId}`, { decision: "adopted", reason })).status).toBe(303);
}

describe("notices", () => {
  it("tell the author in their inbox and by email, in their language; nothing about other people", async () => {
    const { p, inputId } = await participantWithComment("fr", "lectrice@example.org", "Merci de publier la liste des districts du projet pilote.");
    await answer(inputId, "The list of pilot districts will be published a month before the pilot.");
    const inbox = await p.get("/account/inbox");
    expect(inbox.status).toBe(200);
    const decision = fr.decision.adopted;
    expect(inbox.text).toContain(esc(decision));
    expect(inbox.text).toContain(`href="/c/demo/responses#response-${inputId}"`);
    expect((await p.get("/account")).text).toContain(esc(fr.inbox.unread_one.replace("{{count}}", "1")));

    const mail = await until(() => mails.find((m) => m.to === "lectrice@example.org"), 10_000);
    expect(subjectOf(mail.raw)).toContain(decision);
    const body = bodyOf(mail.raw);
    expect(body).toContain(fr.notice.intro);
    expect(body).toContain(`https://consult.test/c/demo/responses#response-${inputId}`);
    expect(body).not.toContain("Amina K.");
    // Addresses and typed text never reach the logs.
    expect(server.logs.join("\n")).not.toContain("lectrice@example.org");
    expect(server.logs.join("\n")).not.toContain("Merci de publier");

    expect((await p.post("/account/inbox", {})).status).toBe(303);
    expect((await p.get("/account/inbox")).text).not.toContain("notice-item--unread");
  });

  it("keep an email when the SMTP server is down, and send it once it is back", async () => {
    const { inputId } = await participantWithComment("en", "patient@example.org", "Will the re-test results be published in Swahili too?");
    const port = smtp.port;
    await new Promise((r) => smtp.close(() => r(null)));
    await answer(inputId, "Yes: the summary of the re-test will be in Swahili, French and Arabic.");
    const [queued] = await until(async () => {
      const rows = await sql<{ attempts: number; lastError: string | null; sentAt: Date | null }[]>`
        select o.attempts, o.last_error, o.sent_at from email_outbox o join users u on u.id = o.user_id where u.email = 'patient@example.org'`;
      return rows[0]?.lastError ? rows : undefined;
    }, 10_000);
    expect(queued.sentAt).toBeNull();
    expect(queued.lastError).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    expect(mails.some((m) => m.to === "patient@example.org")).toBe(false);

    smtp = await startSmtp(port);
    // The wait before the next try has passed.
    await sql`update email_outbox set next_attempt_at = now() where sent_at is null`;
    const mail = await until(() => mails.find((m) => m.to === "patient@example.org"), 10_000);
    expect(subjectOf(mail.raw)).toContain(en.decision.adopted);
    // The server marks it sent once the SMTP server has taken it: right after the mail arrives, not before.
    const sent = async () => (await sql`select count(*)::int as n from email_outbox o join users u on u.id = o.user_id where u.email = 'patient@example.org' and o.sent_at is not null`)[0].n;
    await until(async () => ((await sent()) === 1 ? true : undefined), 10_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(await sent()).toBe(1);
    expect(mails.filter((m) => m.to === "patient@example.org")).toHaveLength(1);
  });

  it("gather a day's notices into one email for those who chose a daily digest, and none for those who chose none", async () => {
    const daily = await participantWithComment("en", "daily@example.org", "Who decides the threshold for the review of the score?");
    expect((await daily.p.post("/account", { intent: "noticeEmail", noticeEmail: "daily" })).status).toBe(303);
    const quiet = await participantWithComment("en", "quiet@example.org", "How long are scores kept after a payment?");
    expect((await quiet.p.post("/account", { intent: "noticeEmail", noticeEmail: "none" })).status).toBe(303);
    expect((await daily.p.post("/account", { intent: "noticeEmail", noticeEmail: "sometimes" })).status).toBe(400);
    await answer(daily.inputId, "The Permanent Secretary, after the pilot review.");
    await answer(quiet.inputId, "Seven years with the case file, as the dossier says.");
    // The status of the consultation changes too: a second notice for the daily reader.
    expect((await lead.post("/admin/consultations/demo", { intent: "status", to: "closed" })).status).toBe(303);
    await new Promise((r) => setTimeout(r, 500));
    expect(mails.some((m) => m.to === "daily@example.org" || m.to === "quiet@example.org")).toBe(false);
    expect((await daily.p.get("/account/inbox")).text).toContain("Closed");

    // A day later the digest goes out, once, with both notices.
    await sql`update notices set created_at = created_at - interval '1 day' where user_id = (select id from users where email = 'daily@example.org')`;
    const digest = await until(() => mails.find((m) => m.to === "daily@example.org"), 10_000);
    expect(subjectOf(digest.raw)).toBe(en.notice.digestSubject_other.replace("{{count}}", "2"));
    await new Promise((r) => setTimeout(r, 500));
    expect(mails.filter((m) => m.to === "daily@example.org")).toHaveLength(1);
    expect(mails.some((m) => m.to === "quiet@example.org")).toBe(false);
    expect((await quiet.p.get("/account/inbox")).text).toContain(esc(en.decision.adopted));
  });
});
