import fs from "node:fs";
import Ajv from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../db/client";
import { addMitigation, approveAndPublish, createImpact, openAssessment, setDecision, setMitigationStatus, submitForApproval, updateImpact } from "../../app/modules/assessment/assessment.server";
import { ImpactSchema } from "../../app/modules/assessment/schema";
import { Client, esc, startTestServer } from "../helpers/server";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const en = JSON.parse(fs.readFileSync("locales/en/responses.json", "utf8")).report;
const NOT_SHOWN = esc(en.notShown);
const validate = (() => {
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(fs.readFileSync("docs/report.schema.json", "utf8")));
})();

/** The words of the table row whose header is `label` (tags stripped), to read one figure off the page. */
function row(html: string, label: string): string {
  const found = html.split("<tr").find((r) => r.includes(label));
  if (!found) throw new Error(`no row ${label}`);
  return found.slice(found.indexOf(">") + 1, found.indexOf("</tr>")).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
}

async function report(slug: string) {
  const page = await new Client(server.url).get(`/c/${slug}/report`);
  const res = await fetch(`${server.url}/c/${slug}/report.json`);
  return { page, res, json: await res.json() };
}

const shown = (value: number) => ({ value, suppressed: false });
const hidden = { value: null, suppressed: true };

describe("the demo's report (issue #8)", () => {
  it("is generated from the records, as HTML and as JSON matching docs/report.schema.json, and names nobody", async () => {
    const { page, res, json } = await report("demo");
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<h1>${esc(en.heading)}</h1>`);
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);

    // 12 inputs from 6 people, 52 heard offline (38 at a workshop, 14 on the radio); one union.
    expect(json.participation.inputs).toEqual(shown(12));
    expect(json.participation.participants).toEqual(shown(6));
    expect(json.participation.peopleHeardOffline).toEqual(shown(52));
    expect(json.participation.groups).toEqual(hidden);
    const offline = Object.fromEntries(json.participation.byMethod.facilitated.methods.map((m: { method: string; people: unknown }) => [m.method, m.people]));
    expect(offline).toMatchObject({ workshop: shown(38), radio: shown(14), paper: shown(0) });
    // 9 in English, 2 in Swahili, 1 in French: hiding 1 and 2 alone would leave 12 - 9 = 3 = 1 + 2, so English goes too.
    expect(json.participation.byLanguage.map((r: { inputs: unknown }) => r.inputs)).toEqual([hidden, hidden, hidden]);
    expect(row(page.text, "Kiswahili")).toBe(`Kiswahili ${en.notShown}`);
    expect(row(page.text, esc(en.participation.peopleHeardOffline))).toContain("52");

    // Every demo input answered; four new harms, the first published conclusion.
    expect(json.responses.coverage).toEqual({ answered: 12, total: 12 });
    expect(json.responses.byDecision).toEqual({ adopted: 10, partly_adopted: 2, not_adopted: 0, out_of_scope: 0 });
    expect(json.responses.rows).toHaveLength(12);
    expect(json.responses.truncated).toBe(false);
    expect(json.assessment).toMatchObject({ before: null, after: { version: 1, conclusion: "proceed_with_conditions" }, ratingsChanged: 0 });
    expect(json.assessment.newHarms.map((h: { number: number }) => h.number)).toEqual([1, 2, 3, 4]);
    const sentence = `4 new harms, 0 ratings changed, ${json.assessment.mitigationsAdopted.length} mitigations adopted, first published conclusion: “Proceed with conditions”.`;
    expect(page.text).toContain(esc(sentence));
    expect(page.text).toContain('href="/register/demo/assessment#impact-1"');
    expect(page.text).toContain('href="/c/demo/report.json"');

    // Never who wrote what: no pseudonym, no name, no group name, no facilitator, no place.
    for (const text of [page.text, JSON.stringify(json)]) {
      for (const name of ["Amina K.", "Zawadi M.", "Jean-Baptiste", "Refugee Legal Aid Network", "Caseworkers' Union Branch 7", "Grace N.", "Public Service Workers", "Mbale district", "Demo analyst"]) {
        expect(text).not.toContain(name);
      }
    }
    expect(JSON.stringify(json)).not.toMatch(/pseudonym|author|facilitator|email/i);
  });

  it("is linked from the consultation page and the responses page", async () => {
    expect((await new Client(server.url).get("/c/demo")).text).toContain('href="/c/demo/report"');
    expect((await new Client(server.url).get("/c/demo/responses")).text).toContain('href="/c/demo/report"');
  });
});

describe("the report of a small consultation with known counts", () => {
  let consultationId: string;
  const ids: Record<string, string> = {};
  let analyst: string;
  let lead: string;

  beforeAll(async () => {
    const [c] = await sql<{ id: string }[]>`
      insert into consultations (slug, deployment_id, lifecycle_stage, title, summary, status, opens_at, closes_at)
      select 'night-shifts', deployment_id, 'procurement', 'Night shifts and the score', 'A second round with cleaners who work at night.', 'open', now(), now() + interval '30 days'
      from consultations where slug = 'demo' returning id`;
    consultationId = c.id;
    analyst = (await sql<{ id: string }[]>`select id from users where email = 'analyst@demo.invalid'`)[0].id;
    lead = (await sql<{ id: string }[]>`select id from users where email = 'lead@demo.invalid'`)[0].id;
    const [cleaners, vendors] = await sql<{ id: string }[]>`
      insert into target_groups (consultation_id, position, name) values (${c.id}, 0, 'Night-shift cleaners'), (${c.id}, 1, 'Street vendors') returning id`;
    // Six people write 14 inputs: 7 in English, 5 in French, 2 in Arabic. A seventh writes one that is hidden.
    const people: string[] = [];
    for (let i = 1; i <= 7; i++) {
      const [u] = await sql<{ id: string }[]>`insert into users (kind, display_name) values ('participant', ${`Secret Pseudonym ${i}`}) returning id`;
      const [p] = await sql<{ id: string }[]>`
        insert into participations (consultation_id, user_id, pseudonym, consent_version) values (${c.id}, ${u.id}, ${`Secret Pseudonym ${i}`}, 'test') returning id`;
      people.push(p.id);
      if (i <= 5) await sql`insert into participation_groups (participation_id, target_group_id) values (${p.id}, ${cleaners.id})`;
      if (i === 6) await sql`insert into participation_groups (participation_id, target_group_id) values (${p.id}, ${vendors.id})`;
    }
    const langs = [...Array(7).fill("en"), ...Array(5).fill("fr"), "ar", "ar"];
    const authors = [0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5];
    for (const [n, lang] of langs.entries()) {
      const body = n === 0 ? `The night shift is invisible to the score. ${"We clean the offices when nobody sees us, and the form asks for a daytime address. ".repeat(4)}TAIL-OF-A-LONG-INPUT` : `Night shift input number ${n}.`;
      const concerns = n < 6 ? ["privacy"] : n < 8 ? ["work"] : [];
      const [row] = await sql<{ id: string }[]>`
        insert into inputs (consultation_id, participation_id, kind, lang, body, concerns, attribution, idempotency_key)
        values (${c.id}, ${people[authors[n]]}, 'comment', ${lang}, ${body}, ${concerns}, ${n === 1 ? "chatham_house" : "pseudonymous"}, ${`night-${n}`}) returning id`;
      ids[`in${n}`] = row.id;
    }
    await sql`
      insert into inputs (consultation_id, participation_id, kind, lang, body, attribution, idempotency_key, status, hidden_reason)
      values (${c.id}, ${people[6]}, 'comment', 'en', 'A hidden one.', 'pseudonymous', 'night-hidden', 'hidden', 'spam')`;
    // Offline: one workshop of 40 people, six phone calls of one person each, one radio call speaking for 3.
    const offline = [["workshop", 40, "en"], ...Array(6).fill(["phone", 1, "sw"]), ["radio", 3, "sw"]] as [string, number, string][];
    for (const [n, [method, count, lang]] of offline.entries()) {
      await sql`
        insert into inputs (consultation_id, kind, lang, body, attribution, idempotency_key, on_behalf_count, on_behalf_method, on_behalf_place, original_date)
        values (${c.id}, 'comment', ${lang}, ${`Heard offline, number ${n}.`}, 'chatham_house', ${`night-offline-${n}`}, ${count}, ${method}, 'Kibera night market', current_date)`;
    }
    // Three answers.
    for (const [key, decision] of [["in0", "adopted"], ["in1", "adopted"], ["in2", "not_adopted"]]) {
      await sql`
        insert into responses (input_id, consultation_id, decision, reason, lang, batch_id)
        values (${ids[key]}, ${c.id}, ${decision}, ${`Answer to ${key}.`}, 'en', gen_random_uuid())`;
    }

    // The assessment: a new harm raised by input 0, one of its ratings changed because of input 3 (and one
    // because of a demo input, not counted), a mitigation adopted on it, a dropped one and one on an impact
    // this consultation never touched (neither counted); then version 2, "do not deploy".
    const head = await openAssessment({ slug: "demo" });
    const fields = (over: Record<string, unknown> = {}) =>
      ImpactSchema.parse({
        title: "Night-shift workers read as having no address",
        description: "",
        scale: "2",
        scope: "2",
        reversibility: "2",
        likelihood: "2",
        rationaleScale: "A missed month of income.",
        rationaleScope: "Cleaners who work at night.",
        rationaleReversibility: "Back-paid once noticed.",
        rationaleLikelihood: "Heard at every meeting.",
        ...over,
      });
    const created = await createImpact({ head, fields: fields(), fromInputId: ids.in0, actorId: analyst });
    if (!created.ok) throw new Error(created.error);
    ids.impact = created.id;
    expect(await updateImpact({ head, impactId: created.id, revision: 1, fields: fields({ scale: "3", causedBy: ids.in3 }), actorId: analyst })).toEqual({ ok: true });
    const [demoInput] = await sql<{ id: string }[]>`select id from inputs where idempotency_key = 'demo-comment-0'`;
    expect(await updateImpact({ head, impactId: created.id, revision: 2, fields: fields({ scale: "3", likelihood: "3", causedBy: demoInput.id }), actorId: analyst })).toEqual({ ok: true });
    const mitigation = { level: "reduce", description: "Accept a workplace address on the form.", owner: "", isCondition: false };
    expect(await addMitigation({ head, impactId: created.id, fields: mitigation, actorId: analyst })).toEqual({ ok: true });
    expect(await addMitigation({ head, impactId: created.id, fields: { ...mitigation, description: "A night office, later dropped." }, actorId: analyst })).toEqual({ ok: true });
    const [dropped] = await sql<{ id: string }[]>`select id from mitigations where description = 'A night office, later dropped.'`;
    expect(await setMitigationStatus({ head, mitigationId: dropped.id, status: "dropped", actorId: analyst })).toEqual({ ok: true });
    const [untouched] = await sql<{ id: string }[]>`select m.id from impacts m where m.assessment_id = ${head.id} and m.number = 3`;
    expect(await addMitigation({ head, impactId: untouched.id, fields: { ...mitigation, description: "Not from the night-shift round." }, actorId: analyst })).toEqual({ ok: true });
    const [a] = await sql<{ revision: number }[]>`select revision from assessments where id = ${head.id}`;
    expect(await setDecision({ head, conclusion: "do_not_deploy", justification: "The night shift cannot be scored fairly; the Ministry will not deploy the system.", revision: a.revision, actorId: analyst })).toEqual({ ok: true });
    expect(await submitForApproval({ head, actorId: analyst })).toEqual({ ok: true });
    expect(await approveAndPublish({ head, actorId: lead })).toEqual({ ok: true, version: 2 });
    // Work on the working copy after the publication is not public yet: not counted.
    expect((await createImpact({ head, fields: fields({ title: "Not published yet" }), fromInputId: ids.in4, actorId: analyst })).ok).toBe(true);
  });

  it("counts who took part, hiding every count under 5 and one more where subtraction would give it away", async () => {
    const { page, json } = await report("night-shifts");
    expect(page.status).toBe(200);
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    const p = json.participation;
    expect(p.inputs).toEqual(shown(22));
    expect(p.participants).toEqual(shown(6));
    expect(p.groups).toEqual(shown(0));
    expect(p.peopleHeardOffline).toEqual(shown(49));
    // en 8, sw 7, fr 5, ar 2: Arabic is small, and French goes with it (22 - 8 - 7 = 7 = 5 + 2, not 2).
    expect(Object.fromEntries(p.byLanguage.map((r: { lang: string; inputs: unknown }) => [r.lang, r.inputs]))).toEqual({ en: shown(8), sw: shown(7), fr: hidden, ar: hidden });
    expect(row(page.text, "English")).toBe("English 8");
    expect(row(page.text, "Français")).toBe(`Français ${en.notShown}`);
    expect(row(page.text, "العربية")).toBe(`العربية ${en.notShown}`);
    // By method: the workshop's 1 and the radio's 1 add up to 2, so the phone's 6 goes too; written inputs stay.
    const inputsBy = (group: "direct" | "facilitated") => Object.fromEntries(p.byMethod[group].methods.map((m: { method: string; inputs: unknown }) => [m.method, m.inputs]));
    expect(inputsBy("direct")).toEqual({ individual: shown(14), joint: shown(0) });
    expect(inputsBy("facilitated")).toEqual({ workshop: hidden, paper: shown(0), phone: hidden, radio: hidden, other: shown(0) });
    expect(p.byMethod.direct.inputs).toEqual(shown(14));
    expect(p.byMethod.facilitated.inputs).toEqual(hidden);
    // People heard offline: the radio's 3 is small, the phone's 6 goes with it; 40 at the workshop, 49 in all.
    const peopleBy = Object.fromEntries(p.byMethod.facilitated.methods.map((m: { method: string; people: unknown }) => [m.method, m.people]));
    expect(peopleBy).toEqual({ workshop: shown(40), paper: shown(0), phone: hidden, radio: hidden, other: shown(0) });
    expect(row(page.text, "phone call")).toBe(`phone call ${en.notShown} ${en.notShown}`);
    expect(p.selfIdentifiedGroups).toEqual([
      { name: "Night-shift cleaners", participants: shown(5) },
      { name: "Street vendors", participants: hidden },
    ]);
    expect(row(page.text, "Street vendors")).toBe(`Street vendors ${en.notShown}`);
    expect(page.text).toContain(esc(en.suppression.replaceAll("{{min}}", "5")));
  });

  it("counts the themes with the same rule", async () => {
    const { json } = await report("night-shifts");
    const concerns = Object.fromEntries(json.themes.byConcern.map((r: { concern: string; inputs: unknown }) => [r.concern, r.inputs]));
    expect(concerns).toMatchObject({ privacy: shown(6), work: hidden, fairness: shown(0) });
    expect(json.themes.byQuestion).toEqual([
      { target: "section", code: null, prompt: null, inputs: shown(0) },
      { target: "whole", code: null, prompt: null, inputs: shown(22) },
      { target: "reply", code: null, prompt: null, inputs: shown(0) },
    ]);
  });

  it("lists the answers with a short excerpt only, and links each to the board and the responses page", async () => {
    const { page, json } = await report("night-shifts");
    expect(json.responses.coverage).toEqual({ answered: 3, total: 22 });
    expect(json.responses.byDecision).toEqual({ adopted: 2, partly_adopted: 0, not_adopted: 1, out_of_scope: 0 });
    expect(json.responses.rows.map((r: { inputId: string }) => r.inputId).sort()).toEqual([ids.in0, ids.in1, ids.in2].sort());
    const long = json.responses.rows.find((r: { inputId: string }) => r.inputId === ids.in0);
    expect(long.excerpt.length).toBe(160);
    expect(page.text).toContain(`${esc(long.excerpt.trimEnd())}…`);
    expect(page.text).not.toContain("TAIL-OF-A-LONG-INPUT");
    expect(JSON.stringify(json)).not.toContain("TAIL-OF-A-LONG-INPUT");
    expect(page.text).toContain(`href="/c/night-shifts#input-${ids.in0}"`);
    expect(page.text).toContain(`href="/c/night-shifts/responses#response-${ids.in0}"`);
    expect(page.text).toContain("3 of 22 inputs answered");
  });

  it("says what the consultation changed in the published assessment, and nothing of unpublished work", async () => {
    const { page, json } = await report("night-shifts");
    expect(json.assessment).toMatchObject({
      before: { version: 1, conclusion: "proceed_with_conditions" },
      after: { version: 2, conclusion: "do_not_deploy" },
      conclusionChanged: true,
      ratingsChanged: 1,
    });
    expect(json.assessment.newHarms).toEqual([{ id: ids.impact, number: expect.any(Number), title: "Night-shift workers read as having no address" }]);
    expect(json.assessment.mitigationsAdopted.map((m: { description: string }) => m.description)).toEqual(["Accept a workplace address on the form."]);
    expect(page.text).toContain(esc("1 new harm, 1 rating changed, 1 mitigation adopted, conclusion changed from “Proceed with conditions” to “Do not deploy”."));
  });

  it("never shows a pseudonym, a name, the facilitator or the place, and never attributes a Chatham House input", async () => {
    const { page, json } = await report("night-shifts");
    for (const text of [page.text, JSON.stringify(json)]) {
      expect(text).not.toMatch(/Secret Pseudonym/);
      expect(text).not.toContain("Kibera");
      expect(text).not.toContain("A hidden one.");
      expect(text).not.toContain("chatham");
    }
  });
});

describe("addresses", () => {
  it("sends the old report-a-comment links to /flag for good, GET with 301 and a posted form with 308", async () => {
    const [input] = await sql<{ id: string }[]>`select id from inputs where idempotency_key = 'demo-comment-0'`;
    const old = await new Client(server.url).get(`/c/demo/report?input=${input.id}`);
    expect(old.status).toBe(301);
    expect(old.headers.get("location")).toBe(`/c/demo/flag?input=${input.id}`);
    const reader = new Client(server.url);
    expect((await reader.post("/c/demo/join", { pseudonym: "Reader Of Old Links", consent: "yes" })).status).toBe(303);
    const posted = await reader.post(`/c/demo/report?input=${input.id}`, { reason: "spam" }, { formPage: `/c/demo/flag?input=${input.id}` });
    expect(posted.status).toBe(308);
    expect(posted.headers.get("location")).toBe(`/c/demo/flag?input=${input.id}`);
  });

  it("serves the flag page at its new address, 404 for an unknown input", async () => {
    const [input] = await sql<{ id: string }[]>`select id from inputs where idempotency_key = 'demo-comment-0'`;
    const reader = new Client(server.url);
    expect((await reader.post("/c/demo/join", { pseudonym: "Flagging Reader", consent: "yes" })).status).toBe(303);
    const page = await reader.get(`/c/demo/flag?input=${input.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('name="reason"');
    expect((await reader.get("/c/demo/flag?input=00000000-0000-0000-0000-000000000000")).status).toBe(404);
    expect((await reader.get("/c/demo/flag")).status).toBe(404);
    // The board's links point there.
    expect((await reader.get("/c/demo")).text).toContain("/c/demo/flag?input=");
  });

  it("answers 404 for an unknown or draft consultation", async () => {
    expect((await new Client(server.url).get("/c/nope/report")).status).toBe(404);
    expect((await fetch(`${server.url}/c/nope/report.json`)).status).toBe(404);
    await sql`
      insert into consultations (slug, deployment_id, lifecycle_stage, title, summary, status)
      select 'still-a-draft', deployment_id, 'procurement', 'Draft', 'Not yet public.', 'draft' from consultations where slug = 'demo'`;
    expect((await new Client(server.url).get("/c/still-a-draft/report")).status).toBe(404);
    expect((await fetch(`${server.url}/c/still-a-draft/report.json`)).status).toBe(404);
  });
});
