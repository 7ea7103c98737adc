import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../db/client";
import { applyTranslation, sourceHash } from "../../app/modules/translations/translations.server";
import { sw } from "../../app/modules/consultations/demo-translations/sw";
import { fr } from "../../app/modules/consultations/demo-translations/fr";
import { Client, esc, signedInAdmin, startTestServer } from "../helpers/server";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const locale = (lng: string) => JSON.parse(fs.readFileSync(`locales/${lng}/consultations.json`, "utf8"));
const page = async (path: string) => (await new Client(server.url, { "save-data": "on" }).get(path)).text;

describe("the briefing in the reader's language", () => {
  it("reads the demo in Swahili, marked as a machine translation, with the original one click away", async () => {
    const html = await page("/c/demo?lng=sw");
    expect(html).toContain(esc(sw.consultation.title));
    expect(html).toContain(esc(sw.sections[0].plain));
    expect(html).toMatch(/<section[^>]*lang="sw"[^>]*data-translation-status="machine"/);
    expect(html).toContain(esc(locale("sw").translation.machine));
    expect(html).toContain('href="/c/demo?original=1"');
    const original = await page("/c/demo?lng=sw&original=1");
    expect(original).toContain("Should the Ministry use automated scoring");
    expect(original).not.toContain('data-translation-status="machine"');
    // The printable briefing and its answer sheet too.
    expect(await page("/c/demo/briefing?lng=sw&level=easy")).toContain(esc(sw.questions.Q1.prompt));
  });

  it("marks a person's translation, reviewed or not, and lays Arabic out right to left", async () => {
    expect(await page("/c/demo?lng=fr")).toMatch(/data-translation-status="human_reviewed"/);
    const ar = await page("/c/demo?lng=ar");
    expect(ar).toMatch(/<section[^>]*lang="ar" dir="rtl"[^>]*data-translation-status="human"/);
  });

  it("shows the original where there is no translation, and never a person's unfinished draft", async () => {
    const [section] = await sql<{ id: string; plain: string }[]>`
      select s.id, s.plain from briefing_sections s join consultations c on c.id = s.consultation_id where c.slug = 'demo' order by position limit 1`;
    await sql`
      insert into translations (entity, entity_id, field, lang, text, method, status, source_hash)
      values ('briefing_section', ${section.id}, 'plain', 'es', 'Borrador a medio hacer', 'human', 'draft', ${sourceHash(section.plain)})`;
    const es = await page("/c/demo?lng=es");
    expect(es).not.toContain("Borrador a medio hacer");
    expect(es).not.toContain("data-translation-status");
    expect(es).toContain(esc(section.plain));
  });

  it("marks a translation outdated once its source changes", async () => {
    const admin = await signedInAdmin(server.url);
    const [section] = await sql<{ id: string; title: string; body: string; easyRead: string }[]>`
      select s.id, s.title, s.body, s.easy_read from briefing_sections s join consultations c on c.id = s.consultation_id where c.slug = 'demo' order by position limit 1`;
    const saved = await admin.post("/admin/consultations/demo/briefing", {
      intent: "updateSection",
      id: section.id,
      title: section.title,
      body: section.body,
      plain: "The Ministry is thinking about a computer system for cash transfers. Nothing is decided. Every comment gets a public answer.",
      easyRead: section.easyRead,
    });
    expect(saved.status).toBe(303);
    const html = await page("/c/demo?lng=fr");
    expect(html).toMatch(/<section[^>]*id="section-1"[^>]*data-translation-status="outdated"/);
    expect(html).toMatch(/<section[^>]*id="section-2"[^>]*data-translation-status="human_reviewed"/);
    // Still in French, with the warning: better than nothing, and said so.
    expect(html).toContain(esc(fr.sections[0].plain));
  });
});

describe("applyTranslation", () => {
  const source = { title: "Title", plain: "Plain words", body: "" };
  const row = (field: string, text: string, method: "machine" | "human", status: "draft" | "translated" | "reviewed", of: string) => [
    field,
    { entityId: "x", field, text, method, status, sourceHash: sourceHash(of) },
  ] as const;

  it("takes the least trustworthy field's status and keeps untranslated fields", () => {
    const rows = new Map([row("title", "Titre", "human", "reviewed", "Title"), row("plain", "Mots simples", "machine", "draft", "Plain words")]);
    const { value, translation } = applyTranslation(source, ["title", "plain", "body"], rows, "fr");
    expect(value).toEqual({ title: "Titre", plain: "Mots simples", body: "" });
    expect(translation).toEqual({ lang: "fr", status: "machine" });
  });

  it("says outdated when a source changed, and nothing when nothing is translated", () => {
    const rows = new Map([row("title", "Titre", "human", "reviewed", "An older title")]);
    expect(applyTranslation(source, ["title"], rows, "fr").translation).toEqual({ lang: "fr", status: "outdated" });
    expect(applyTranslation(source, ["title"], new Map(), "fr")).toEqual({ value: source, translation: null });
  });
});
