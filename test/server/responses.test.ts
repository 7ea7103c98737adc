import fs from "node:fs";
import Ajv from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../db/client";
import { Client, esc, signedInStaff, startTestServer } from "../helpers/server";

let server: Awaited<ReturnType<typeof startTestServer>>;
let lead: Client;
beforeAll(async () => {
  server = await startTestServer();
  lead = await signedInStaff(server.url, { email: "lead@example.org", roles: ["consultation_lead"] });
});
afterAll(async () => {
  await server?.close();
});

const en = JSON.parse(fs.readFileSync("locales/en/responses.json", "utf8"));
const admin = JSON.parse(fs.readFileSync("locales/en/admin.json", "utf8"));

describe("the public answers", () => {
  it("show each demo input's answer and what it changed, with filters, and never who wrote it", async () => {
    const page = await new Client(server.url).get("/c/demo/responses");
    expect(page.status).toBe(200);
    expect(page.text).toContain(esc(en.public.heading));
    expect(page.text).toContain("12 of 12 inputs answered");
    expect(page.text).toContain("An independent re-test per group, published in full, is now a condition before the pilot");
    expect(page.text).toContain('href="/register/demo/assessment#impact-1"');
    expect(page.text).not.toContain("Amina K.");
    expect(page.text).not.toContain("Refugee Legal Aid Network");
    const partly = await new Client(server.url).get("/c/demo/responses?decision=partly_adopted");
    // Three answered "partly adopted" in the demo, one of them changed to "adopted" after its author contested it.
    expect(partly.text.match(/class="decision decision--partly_adopted"/g)).toHaveLength(2);
    expect(partly.text).not.toContain("decision--adopted");
    // The board links here, in every language.
    expect((await new Client(server.url).get("/c/demo")).text).toContain('href="/c/demo/responses"');
  });

  it("publishes responses.json matching docs/responses.schema.json, paged by a Link header", async () => {
    const res = await fetch(`${server.url}/c/demo/responses.json`);
    expect(res.status).toBe(200);
    const rows = await res.json();
    const ajv = new Ajv({ allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync("docs/responses.schema.json", "utf8")));
    expect(validate(rows), JSON.stringify(validate.errors)).toBe(true);
    expect(rows).toHaveLength(12);
    expect(validate([{ ...rows[0], decision: "ignored" }])).toBe(false);
    // No author anywhere in the export.
    const text = JSON.stringify(rows);
    for (const name of ["Amina K.", "Zawadi M.", "Jean-Baptiste", "pseudonym", "participation"]) expect(text).not.toContain(name);
    expect((await fetch(`${server.url}/c/demo/responses.json?after=bad`)).status).toBe(400);
    expect((await fetch(`${server.url}/c/nope/responses.json`)).status).toBe(404);
  });
});

describe("answering", () => {
  it("is for leads of the consultation's organisation, answers a cluster one row each, keeps what was typed on a mistake, and gates 'responded'", async () => {
    const participant = new Client(server.url);
    await participant.post("/c/demo/join", { pseudonym: "Late Writer", consent: "yes" });
    expect((await participant.get("/admin/consultations/demo/responses")).status).toBe(403);
    expect((await new Client(server.url).get("/admin/consultations/demo/responses")).status).toBe(303);

    // Three new comments, two of them nearly the same words.
    const html = (await participant.get("/c/demo")).text;
    const csrf = html.match(/name="_csrf" value="([^"]+)"/)![1];
    const bodies = [
      "Please publish the list of districts where the pilot will run, before it starts.",
      "Please publish the list of districts where the pilot will run before it starts, in our languages.",
      "What happens to the scores after the pilot ends?",
    ];
    for (const [n, body] of bodies.entries()) {
      expect((await participant.post("/c/demo", { body, attribution: "pseudonymous", idempotencyKey: `late-${n}-${Date.now()}` }, { csrf })).status).toBe(303);
    }
    const ids = await Promise.all(bodies.map(async (b) => (await sql<{ id: string }[]>`select id from inputs where body = ${b}`)[0].id));

    const queue = await lead.get("/admin/consultations/demo/responses?unanswered=1");
    expect(queue.status).toBe(200);
    expect(queue.text).toContain("12 of 15 inputs answered");
    const page = `/admin/consultations/demo/responses/${ids[0]}`;
    const form = await lead.get(page);
    expect(form.text).toContain(`name="similar" value="${ids[1]}"`);

    const noReason = await lead.post(page, { decision: "adopted", reason: " ", similar: ids[1] });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain(esc(en.errors.reason));
    // Another consultation's input smuggled into the cluster: refused, nothing written.
    const [other] = await sql<{ id: string }[]>`
      insert into consultations (slug, deployment_id, lifecycle_stage, title, summary, status)
      select 'round-two', deployment_id, 'procurement', 'Round two', 'Another round.', 'open' from consultations where slug = 'demo' returning id`;
    const [foreign] = await sql<{ id: string }[]>`
      insert into inputs (consultation_id, kind, lang, body, attribution, idempotency_key)
      values (${other.id}, 'comment', 'en', 'A comment in round two.', 'pseudonymous', 'round-two-1') returning id`;
    const smuggled = await lead.post(page, { decision: "adopted", reason: "The list will be published.", similar: foreign.id });
    expect(smuggled.status).toBe(400);
    expect(smuggled.text).toContain(esc(en.errors.otherConsultation));
    expect(smuggled.text).toContain("The list will be published.");
    expect((await sql`select count(*)::int as n from responses where input_id = any(${[ids[0], foreign.id]}::uuid[])`)[0].n).toBe(0);

    const impact = (await sql<{ id: string }[]>`select m.id from impacts m where m.number = 4`)[0].id;
    const ok = await lead.post(page, { decision: "adopted", reason: "The list of pilot districts will be published a month before, in Swahili, French and Arabic.", similar: ids[1], impactIds: impact, then: "next" });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toMatch(/\/admin\/consultations\/demo\/responses\/[0-9a-f-]{36}\?done=answered$/);
    const rows = await sql`select input_id, decision, batch_id from responses where input_id = any(${ids}::uuid[])`;
    expect(rows).toHaveLength(2);
    expect(rows[0].batchId).toBe(rows[1].batchId);

    // Not "responded" while one input has no answer.
    await sql`update consultations set status = 'analysis' where slug = 'demo'`;
    const manage = "/admin/consultations/demo";
    const early = await lead.post(manage, { intent: "status", to: "responded" });
    expect(early.status).toBe(409);
    expect(early.text).toContain(esc(admin.consultations.errors.unanswered));
    expect((await lead.post(`/admin/consultations/demo/responses/${ids[2]}`, { decision: "out_of_scope", reason: "Scores are deleted when the pilot ends; this is in the dossier, section Data." })).status).toBe(303);
    expect((await lead.post(manage, { intent: "status", to: "responded" })).status).toBe(303);
    expect((await sql`select status from consultations where slug = 'demo'`)[0].status).toBe("responded");

    const pub = await new Client(server.url).get("/c/demo/responses");
    expect(pub.text).toContain("15 of 15 inputs answered");
    expect(pub.text).toContain(esc(en.public.together_one.replace("{{count}}", "1")));
  });
});

describe("contesting an answer", () => {
  it("runs its course: the author contests once, the lead answers in public, the author is told", async () => {
    // The test above marked the consultation responded; open again so a new person can join.
    await sql`update consultations set status = 'open' where slug = 'demo'`;
    const author = new Client(server.url);
    expect((await author.post("/c/demo/join", { pseudonym: "Contesting Reader", consent: "yes" })).status).toBe(303);
    const [p] = await sql<{ id: string; consultationId: string }[]>`
      select p.id, p.consultation_id from participations p where p.pseudonym = 'Contesting Reader'`;
    const [input] = await sql<{ id: string }[]>`
      insert into inputs (consultation_id, participation_id, kind, lang, body, attribution, idempotency_key)
      values (${p.consultationId}, ${p.id}, 'comment', 'en', 'Scores must never decide who gets a home visit.', 'pseudonymous', 'contest-1') returning id`;
    expect((await lead.post(`/admin/consultations/demo/responses/${input.id}`, { decision: "not_adopted", reason: "Home visits are outside this system." })).status).toBe(303);

    // Only the author sees the link, and may contest; others get a 404.
    const page = (await author.get("/c/demo/responses")).text;
    expect(page).toContain(`href="/c/demo/responses/${input.id}/contest"`);
    expect((await new Client(server.url).get("/c/demo/responses")).text).not.toContain(`/responses/${input.id}/contest`);
    const stranger = new Client(server.url);
    await stranger.post("/c/demo/join", { pseudonym: "Not The Author", consent: "yes" });
    expect((await stranger.get(`/c/demo/responses/${input.id}/contest`)).status).toBe(404);

    const url = `/c/demo/responses/${input.id}/contest`;
    const short = await author.post(url, { reason: "No." });
    expect(short.status).toBe(400);
    expect(short.text).toContain(esc(en.errors.contestReason));
    expect(short.text).toContain("No.");
    const words = "The dossier says home visits will use the score: please read section Purpose again.";
    expect((await author.post(url, { reason: words })).status).toBe(303);
    const twice = await author.post(url, { reason: words });
    expect(twice.status).toBe(409);
    expect((await sql`select count(*)::int as n from contests c join responses r on r.id = c.response_id where r.input_id = ${input.id}`)[0].n).toBe(1);
    expect((await author.get("/c/demo/responses")).text).toContain(esc(en.contest.pending));

    // The lead's queue shows it with its deadline; a change without a new decision is refused.
    const queue = await lead.get("/admin/consultations/demo/contests");
    expect(queue.text).toContain(words.slice(0, 40));
    const contestId = queue.text.match(/name="contestId" value="([0-9a-f-]{36})"/)![1];
    const noDecision = await lead.post("/admin/consultations/demo/contests", { contestId, outcome: "changed", reason: "You are right." });
    expect(noDecision.status).toBe(400);
    expect(noDecision.text).toContain(esc(en.errors.decision));
    expect((await lead.post("/admin/consultations/demo/contests", { contestId, outcome: "changed", decision: "adopted", reason: "You are right: the score will not be used for home visits." })).status).toBe(303);
    expect((await lead.post("/admin/consultations/demo/contests", { contestId, outcome: "upheld", reason: "Again." })).status).toBe(409);

    const pub = (await new Client(server.url).get("/c/demo/responses")).text;
    expect(pub).toContain(esc(en.contest.outcome.changed));
    expect(pub).toContain("You are right: the score will not be used for home visits.");
    expect(pub).not.toContain(words);
    expect((await sql`select decision, revision from responses where input_id = ${input.id}`)[0]).toEqual({ decision: "adopted", revision: 2 });
    expect((await author.get("/account/inbox")).text).toContain(esc(en.notice.contest_changed.replace("{{consultation}}", "")).slice(0, 20));
    const json = await (await fetch(`${server.url}/c/demo/responses.json`)).json();
    expect(json.find((r: { inputId: string }) => r.inputId === input.id).contest).toMatchObject({ outcome: "changed" });
  });
});
