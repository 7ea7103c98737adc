import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../db/client";
import { addQuestion } from "../../app/modules/consultations/briefing.server";
import { saveTranslation } from "../../app/modules/translations/translations.server";
import { Client, csrfFrom, esc, signedInStaff, startTestServer } from "../helpers/server";

// The translation workflow (issue #9; 000 §15, §36, §56; 001 §31) over HTTP with JavaScript off, on the
// real database: the queue and coverage, a translator's work, a second translator's review, the glossary,
// outdated translations, the language gate of a consultation, and inputs read across languages.

let server: Awaited<ReturnType<typeof startTestServer>>;
let first: Client;
let second: Client;
beforeAll(async () => {
  server = await startTestServer();
  first = await signedInStaff(server.url, { email: "translator-one@example.org", roles: ["translator"] });
  second = await signedInStaff(server.url, { email: "translator-two@example.org", roles: ["translator"] });
});
afterAll(async () => {
  await server?.close();
});

const en = JSON.parse(fs.readFileSync("locales/en/translations.json", "utf8"));
const admin = JSON.parse(fs.readFileSync("locales/en/admin.json", "utf8"));

/** The editor's form fields as the page sends them: each field's current text and its source hash. */
async function editorFields(client: Client, path: string): Promise<{ html: string; fields: Record<string, string> }> {
  const page = await client.get(path);
  expect(page.status, page.text.slice(0, 200)).toBe(200);
  const fields: Record<string, string> = {};
  for (const m of page.text.matchAll(/name="(hash_[A-Za-z0-9_.]+)" value="([0-9a-f]+)"/g)) fields[m[1]] = m[2];
  return { html: page.text, fields };
}

async function firstSection(): Promise<{ id: string; title: string }> {
  const [s] = await sql<{ id: string; title: string }[]>`
    select s.id, s.title from briefing_sections s join consultations c on c.id = s.consultation_id where c.slug = 'demo' order by s.position limit 1`;
  return s;
}

describe("the queue and the coverage", () => {
  it("show per language what the demo briefing still needs, for translators of its organisation only", async () => {
    const page = await first.get("/admin/translations?consultation=demo");
    expect(page.status).toBe(200);
    const row = (lang: string) => page.text.split("<tr").find((r) => r.includes(`data-lang="${lang}"`))!;
    // French reviewed, Arabic translated by a person: it may open in them; Swahili is a machine draft.
    expect(row("fr")).toContain('data-ready="yes"');
    expect(row("ar")).toContain('data-ready="yes"');
    expect(row("sw")).toContain('data-ready="no"');
    expect(row("sw")).toMatch(/data-state="machine">[1-9]/);

    const participant = new Client(server.url);
    await participant.post("/c/demo/join", { pseudonym: "Curious Reader", consent: "yes" });
    expect((await participant.get("/admin/translations")).status).toBe(403);
    expect((await new Client(server.url).get("/admin/translations")).status).toBe(303);
    await sql`insert into organisations (name) values ('Other translation org') on conflict do nothing`;
    const [org] = await sql<{ id: string }[]>`select id from organisations where name = 'Other translation org'`;
    const outsider = await signedInStaff(server.url, { email: "outsider-translator@example.org", roles: [] });
    await sql`insert into role_assignments (user_id, organisation_id, role)
      select id, ${org.id}, 'translator' from users where email = 'outsider-translator@example.org' on conflict do nothing`;
    expect((await outsider.get("/admin/translations?consultation=demo")).status).toBe(403);
    const section = await firstSection();
    expect((await outsider.get(`/admin/translations/briefing_section/${section.id}/es`)).status).toBe(403);
    // No machine translation service is connected here: no button, and a request is refused.
    expect((await first.get("/admin/translations?consultation=demo&lang=hi")).text).toContain('data-machine-drafts="off"');
    expect((await first.post("/admin/translations?index&consultation=demo&lang=hi", {})).status).toBe(409);
    // A language the platform does not offer.
    expect((await first.get("/admin/translations?consultation=demo&lang=xx")).status).toBe(400);
    expect((await first.get(`/admin/translations/briefing_section/${section.id}/xx`)).status).toBe(404);
  });
});

describe("translating and reviewing", () => {
  it("takes a section into a new language: markup refused, finished by one translator, reviewed by a second, outdated when the original changes", async () => {
    const section = await firstSection();
    const path = `/admin/translations/briefing_section/${section.id}/es`;
    const queue = await first.get("/admin/translations?consultation=demo&lang=es");
    expect(queue.text).toContain(`href="${path}"`);

    const { fields } = await editorFields(first, path);
    const texts: Record<string, string> = {};
    for (const key of Object.keys(fields)) texts[`text_${key.slice(5)}`] = `Texto en español (${key.slice(5)}).`;
    const marked = await first.post(path, { ...fields, ...texts, text_title: "<b>Quién</b> decide", intent: "finish" });
    expect(marked.status).toBe(400);
    expect(marked.text).toContain(esc(en.errors.markup));
    expect(marked.text).toContain("&lt;b&gt;Quién&lt;/b&gt; decide");
    const [{ n: none }] = await sql<{ n: number }[]>`select count(*)::int as n from translations where entity_id = ${section.id} and lang = 'es'`;
    expect(none).toBe(0);

    expect((await first.post(path, { ...fields, ...texts, text_title: "Quién decide", intent: "finish" })).status).toBe(303);
    const mine = await first.get(path);
    expect(mine.text).toContain('data-item-state="translated"');
    expect(mine.text).toContain(esc(en.review.ownWork));
    // Never reviewed by the one who translated it.
    const own = await first.post(path, { intent: "approve" });
    expect(own.status).toBe(403);
    expect(own.text).toContain(esc(en.errors.ownWork));

    const review = await second.get(path);
    expect(review.text).toContain(esc(en.review.approve));
    expect((await second.post(path, { intent: "approve" })).status).toBe(303);
    expect((await second.get(path)).text).toContain('data-item-state="reviewed"');
    const stored = await sql<{ method: string; status: string; reviewedBy: string | null }[]>`
      select method, status, reviewed_by from translations where entity_id = ${section.id} and lang = 'es'`;
    expect(stored.every((r) => r.method === "human" && r.status === "reviewed" && r.reviewedBy)).toBe(true);
    // Readers in Spanish see it as checked by two people.
    expect((await new Client(server.url).get("/c/demo/briefing?lng=es")).text).toContain('data-translation-status="human_reviewed"');

    // The original changes: the translation is outdated, and a save made against the old original is refused.
    await sql`update briefing_sections set title = title || ' (revised)' where id = ${section.id}`;
    expect((await first.get(path)).text).toContain('data-item-state="outdated"');
    expect((await new Client(server.url).get("/c/demo/briefing?lng=es")).text).toContain('data-translation-status="outdated"');
    const stale = await first.post(path, { ...fields, ...texts, text_title: "Quién decide ahora", intent: "finish" });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain(esc(en.errors.sourceChanged));
    expect(stale.text).toContain("Quién decide ahora");
    await sql`update briefing_sections set title = ${section.title} where id = ${section.id}`;
  });

  it("sends a translation back with a note, which the translator sees", async () => {
    const [q] = await sql<{ id: string }[]>`select q.id from questions q join consultations c on c.id = q.consultation_id where c.slug = 'demo' order by q.position limit 1`;
    const path = `/admin/translations/question/${q.id}/pt`;
    const { fields } = await editorFields(first, path);
    const texts = Object.fromEntries(Object.keys(fields).map((k) => [`text_${k.slice(5)}`, "Quem decide sobre o meu pedido?"]));
    expect((await first.post(path, { ...fields, ...texts, intent: "finish" })).status).toBe(303);
    expect((await second.post(path, { intent: "return", note: "Use the glossary's word for 'score'." })).status).toBe(303);
    const back = await first.get(path);
    expect(back.text).toContain('data-item-state="draft"');
    expect(back.text).toContain("Use the glossary&#x27;s word for &#x27;score&#x27;.");
    // A draft is never shown to readers.
    expect((await new Client(server.url).get("/c/demo?lng=pt")).text).not.toContain("Quem decide sobre o meu pedido?");
  });
});

describe("the dossier and a question's choices", () => {
  it("translate the published dossier field by field, shown on the register with each text's language, outdated when a new version changes it", async () => {
    const [d] = await sql<{ id: string }[]>`select id from deployments where slug = 'demo'`;
    const path = `/admin/translations/deployment/${d.id}/fr`;
    // The dossier is in the consultation's queue, with its own labels per field.
    expect((await first.get("/admin/translations?consultation=demo&lang=fr")).text).toContain(`href="${path}"`);
    const { html, fields } = await editorFields(first, path);
    expect(Object.keys(fields)).toEqual(expect.arrayContaining(["hash_identity.name", "hash_system.does", "hash_testing.0.method", "hash_purpose.affectedGroups.0"]));
    // Not prose: catalogue values, dates, links and the contact address.
    expect(Object.keys(fields).some((k) => /sector|plannedStart|contact|\.link$|\.kind$/.test(k))).toBe(false);
    const dossierEn = JSON.parse(fs.readFileSync("locales/en/dossier.json", "utf8"));
    expect(html).toContain(esc(dossierEn.field.system.does));

    const texts = { "text_system.does": "Il classe les ménages selon leur risque d'erreur.", "text_purpose.affectedGroups.0": "Ménages demandeurs" };
    expect((await first.post(path, { ...fields, ...texts, intent: "finish" })).status).toBe(303);
    const reader = new Client(server.url);
    const page = (await reader.get("/register/demo?lng=fr")).text;
    expect(page).toContain("Il classe les ménages selon leur risque d&#x27;erreur.");
    expect(page).toContain('data-translation-status="human"');
    // The translated text says it is French; an untranslated one keeps the dossier's language.
    expect(page).toMatch(/<div lang="fr"><p>Il classe les ménages/);
    expect(page).toMatch(/<div lang="en"><p>[^<]/);
    // The original one click away, and an older version as written.
    const original = (await reader.get("/register/demo?lng=fr&original=1")).text;
    expect(original).not.toContain("Il classe les ménages");
    expect(original).not.toContain("data-translation-status");
    expect((await reader.get("/register/demo?lng=fr&version=1")).text).not.toContain("Il classe les ménages");

    // A new version changes what the system does: the translation is outdated, shown so until redone.
    const [v] = await sql<{ version: number; content: { system: { does: string } } }[]>`
      select v.version, v.content from dossier_versions v join deployments x on x.id = v.deployment_id and v.version = x.published_version where x.id = ${d.id}`;
    const before = v.content.system.does;
    await sql`update dossier_versions set content = ${sql.json({ ...v.content, system: { ...v.content.system, does: `${before} Revised.` } } as never)}
      where deployment_id = ${d.id} and version = ${v.version}`;
    try {
      expect((await reader.get("/register/demo?lng=fr")).text).toContain('data-translation-status="outdated"');
      expect((await first.get(path)).text).toContain('data-state="outdated"');
    } finally {
      await sql`update dossier_versions set content = ${sql.json(v.content as never)} where deployment_id = ${d.id} and version = ${v.version}`;
    }
  });

  it("translate a choice question's choices, shown lettered as in the original", async () => {
    const [c] = await sql<{ id: string }[]>`select id from consultations where slug = 'demo'`;
    const added = await addQuestion({ consultationId: c.id, code: "Q9", kind: "single_choice", prompt: "Which matters most?", hint: "", choices: ["Speed", "Fairness"] });
    expect(added.ok).toBe(true);
    const id = added.ok ? added.id : "";
    const path = `/admin/translations/question/${id}/id`;
    const { html, fields } = await editorFields(first, path);
    expect(Object.keys(fields).sort()).toEqual(["hash_choice.0", "hash_choice.1", "hash_prompt"]);
    expect(html).toContain(esc(en.field.choice.replace("{{letter}}", "B")));
    const texts = { text_prompt: "Apa yang paling penting?", "text_choice.0": "Kecepatan", "text_choice.1": "Keadilan" };
    expect((await first.post(path, { ...fields, ...texts, intent: "finish" })).status).toBe(303);
    const briefing = (await new Client(server.url).get("/c/demo/briefing?lng=id")).text;
    // The answer sheet lists them in the reader's language, marked so.
    expect(briefing.replace(/<!-- -->/g, "")).toMatch(/<ul class="answer-sheet__choices" lang="id"><li>[^]*?A\. Kecepatan<\/li><li>[^]*?B\. Keadilan<\/li>/);
    await sql`delete from questions where id = ${id}`;
  });
});

describe("the glossary", () => {
  it("keeps one agreed translation per term, shown beside texts that use it", async () => {
    const path = "/admin/translations/glossary?deployment=demo&lang=es";
    expect((await first.post(path, { term: "", translation: "" })).status).toBe(400);
    expect((await first.post(path, { term: "score", translation: "puntuación", note: "Never 'nota'." })).status).toBe(303);
    const twice = await first.post(path, { term: "Score", translation: "calificación" });
    expect(twice.status).toBe(409);
    expect(twice.text).toContain(esc(en.errors.termExists));
    const [s] = await sql<{ id: string }[]>`
      select s.id from briefing_sections s join consultations c on c.id = s.consultation_id
      where c.slug = 'demo' and (s.body ilike '%score%' or s.plain ilike '%score%' or s.title ilike '%score%') limit 1`;
    const editor = await first.get(`/admin/translations/briefing_section/${s.id}/es`);
    expect(editor.text).toContain("puntuación");
  });
});

describe("the languages of a consultation", () => {
  it("open only where a person translated the briefing, unless machine drafts are allowed with a warning", async () => {
    const lead = await signedInStaff(server.url, { email: "languages-lead@example.org", roles: ["consultation_lead"] });
    const page = await lead.get("/admin/consultations/demo");
    const csrf = csrfFrom(page.text);
    const [c] = await sql<{ title: string; summary: string; timeZone: string; lifecycleStage: string; defaultAttribution: string }[]>`
      select title, summary, time_zone, lifecycle_stage, default_attribution from consultations where slug = 'demo'`;
    const settings = { intent: "save", title: c.title, summary: c.summary, lang: "en", lifecycleStage: c.lifecycleStage, timeZone: c.timeZone, defaultAttribution: c.defaultAttribution, languages: ["en", "fr", "ar", "sw", "bn"] };
    // Bengali has no translation at all: refused while machine drafts are not allowed.
    const refused = await lead.post("/admin/consultations/demo", settings, { csrf });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain(esc(admin.consultations.errors.languagesNotReady));
    const [{ languages }] = await sql<{ languages: string[] }[]>`select languages from consultations where slug = 'demo'`;
    expect(languages).not.toContain("bn");
    expect((await lead.post("/admin/consultations/demo", { ...settings, allowUnreviewedLanguages: "on" }, { csrf })).status).toBe(303);
    const [after] = await sql<{ languages: string[]; allowUnreviewedLanguages: boolean }[]>`select languages, allow_unreviewed_languages from consultations where slug = 'demo'`;
    expect(after.languages).toContain("bn");
    expect(after.allowUnreviewedLanguages).toBe(true);
    expect((await first.get("/admin/translations?consultation=demo")).text).toContain(esc(en.coverage.allowUnreviewed));
  });
});

describe("reading inputs across languages", () => {
  it("shows an input in the reader's language where translated, marked, with the original one click away, right to left in Arabic", async () => {
    const [input] = await sql<{ id: string; body: string; lang: string }[]>`
      select i.id, i.body, i.lang from inputs i join consultations c on c.id = i.consultation_id
      where c.slug = 'demo' and i.lang = 'en' and i.status = 'published' and i.kind = 'comment' order by i.created_at desc limit 1`;
    const path = `/admin/translations/input/${input.id}/ar`;
    const { fields } = await editorFields(first, path);
    const arabic = "يجب أن يشرح القرار للأسرة بلغتها.";
    expect((await first.post(path, { ...fields, text_body: arabic, intent: "finish" })).status).toBe(303);
    const board = (await new Client(server.url).get("/c/demo?lng=ar")).text;
    expect(board).toContain('<html lang="ar" dir="rtl"');
    const item = board.slice(board.indexOf(arabic) - 400, board.indexOf(arabic) + 2000);
    expect(item).toContain('lang="ar"');
    expect(item).toContain('data-translation-status="human"');
    // The original, as written, in the same place.
    expect(item).toContain(esc(input.body).slice(0, 40));
    // Asking for the originals shows no translation.
    expect((await new Client(server.url).get("/c/demo?lng=ar&original=1")).text).not.toContain(arabic);
  });

  it("shows an answer's reason in the reader's language where translated, the original one click away", async () => {
    const [r] = await sql<{ id: string; reason: string }[]>`
      select r.id, r.reason from responses r join consultations c on c.id = r.consultation_id where c.slug = 'demo' order by r.responded_at desc limit 1`;
    const path = `/admin/translations/response/${r.id}/fr`;
    const { fields } = await editorFields(first, path);
    const french = "Nous avons retenu votre proposition : elle devient une condition du pilote.";
    expect((await first.post(path, { ...fields, text_reason: french, intent: "finish" })).status).toBe(303);
    const page = (await new Client(server.url).get("/c/demo/responses?lng=fr")).text;
    const item = page.slice(page.indexOf(french) - 300, page.indexOf(french) + 1500);
    expect(item).toContain('data-translation-status="human"');
    expect(item).toContain(esc(r.reason).slice(0, 40));

    // The open data files carry it too, beside the input's translations, each with its status.
    type Row = { reasonTranslations: { lang: string; text: string; status: string }[]; inputTranslations: { lang: string; status: string }[]; reason: string };
    const findRow = (rows: Row[]) => rows.find((x) => x.reason === r.reason)!;
    const json = findRow((await (await fetch(`${server.url}/c/demo/responses.json`)).json()) as Row[]);
    expect(json.reasonTranslations).toEqual([{ lang: "fr", text: french, status: "human" }]);
    const report = findRow(((await (await fetch(`${server.url}/c/demo/report.json`)).json()) as { responses: { rows: Row[] } }).responses.rows);
    expect(report.reasonTranslations).toEqual([{ lang: "fr", text: french, status: "human" }]);
    // The input's words in another language, as long as the row's own excerpt, marked as a machine draft.
    const [input] = await sql<{ id: string; body: string }[]>`select i.id, i.body from inputs i join responses x on x.input_id = i.id where x.id = ${r.id}`;
    await saveTranslation({ entity: "input", entityId: input.id, field: "body", lang: "ha", text: "Fassara ".repeat(60), source: input.body, method: "machine", status: "draft" });
    const withInput = findRow((await (await fetch(`${server.url}/c/demo/responses.json`)).json()) as Row[]);
    expect(withInput.inputTranslations).toEqual([{ lang: "ha", text: "Fassara ".repeat(60).slice(0, 280), status: "machine" }]);
    // A reason changed after it was translated: outdated, worked out in the database from the same hash.
    await sql`update responses set reason = reason || ' (corrected)' where id = ${r.id}`;
    try {
      const stale = ((await (await fetch(`${server.url}/c/demo/responses.json`)).json()) as Row[]).find((x) => x.reason === `${r.reason} (corrected)`)!;
      expect(stale.reasonTranslations).toEqual([{ lang: "fr", text: french, status: "outdated" }]);
    } finally {
      await sql`update responses set reason = ${r.reason} where id = ${r.id}`;
    }
  });

  it("shows an analyst the input in their language beside the original, marked, with a way to translate others", async () => {
    const analyst = await signedInStaff(server.url, { email: "reading-analyst@example.org", roles: ["analyst", "translator"] });
    // The demo's French comment has a reviewed English translation; its Swahili one only a machine draft.
    const [fr] = await sql<{ id: string }[]>`select id from inputs where idempotency_key = 'demo-comment-2'`;
    const page = (await analyst.get(`/admin/assessments/demo/inputs/${fr.id}`)).text;
    expect(page).toContain("Les familles qui travaillent aux champs");
    expect(page).toContain("Families who work in the fields have incomes that change with the season.");
    expect(page).toContain('data-translation-status="human_reviewed"');
    const [sw] = await sql<{ id: string }[]>`select id from inputs where idempotency_key = 'demo-comment-4'`;
    const machine = (await analyst.get(`/admin/assessments/demo/inputs/${sw.id}`)).text;
    expect(machine).toContain('data-translation-status="machine"');
    expect(machine).toContain(`href="/admin/translations/input/${sw.id}/en"`);
    // The triage queue reads the same way: the translation linked, marked, the original one click away.
    const queue = (await analyst.get("/admin/assessments/demo/triage")).text;
    const item = queue.slice(queue.indexOf(`/admin/assessments/demo/inputs/${fr.id}`) - 200, queue.indexOf(`/admin/assessments/demo/inputs/${fr.id}`) + 900);
    expect(item).toMatch(/<p lang="en" data-translation-status="human_reviewed"><a [^>]*>Families who work in the fields/);
    expect(item).toContain('<details class="translation-note" data-translation-status="human_reviewed">');
    expect(item).toContain('<p lang="fr">Les familles qui travaillent aux champs');
    // In French, the French input is as written.
    const inFrench = (await analyst.get("/admin/assessments/demo/triage?lng=fr")).text;
    expect(inFrench).toMatch(new RegExp(`<p lang="fr"><a [^>]*href="/admin/assessments/demo/inputs/${fr.id}"`));
  });
});
