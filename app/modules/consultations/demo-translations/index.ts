import type { Db } from "../../../../db/client";
import { sourceHash } from "../../translations/translations.server";
import { ar } from "./ar";
import { fr } from "./fr";
import { sw } from "./sw";
import type { DemoTranslation } from "./types";

// The demo briefing in French, Arabic and Swahili (DESIGN.md contract "demo"). All three were drafted by
// an AI model; the demo, fictional throughout, shows each stage a translation goes through: French as a
// person's reviewed translation, Arabic as a person's translation awaiting review, Swahili as a machine draft.
const DEMO: { lang: string; text: DemoTranslation; method: "machine" | "human"; status: "draft" | "translated" | "reviewed" }[] = [
  { lang: "fr", text: fr, method: "human", status: "reviewed" },
  { lang: "ar", text: ar, method: "human", status: "translated" },
  { lang: "sw", text: sw, method: "machine", status: "draft" },
];

/** Inserts the demo translations that are missing; a translation already there (perhaps edited) stays. */
export async function seedDemoTranslations(input: { consultationId: string }, db: Db): Promise<void> {
  const [consultation] = await db<{ title: string; summary: string }[]>`select title, summary from consultations where id = ${input.consultationId}`;
  const sections = await db<{ id: string; title: string; body: string; plain: string; easyRead: string }[]>`
    select id, title, body, plain, easy_read from briefing_sections where consultation_id = ${input.consultationId} order by position`;
  const questions = await db<{ id: string; code: string; prompt: string; hint: string }[]>`
    select id, code, prompt, hint from questions where consultation_id = ${input.consultationId}`;
  const rows: { entity: string; entityId: string; field: string; lang: string; text: string; method: string; status: string; sourceHash: string }[] = [];
  const add = (entity: string, entityId: string, field: string, source: string, text: string | undefined, d: (typeof DEMO)[number]) => {
    if (source && text) rows.push({ entity, entityId, field, lang: d.lang, text, method: d.method, status: d.status, sourceHash: sourceHash(source) });
  };
  for (const d of DEMO) {
    add("consultation", input.consultationId, "title", consultation.title, d.text.consultation.title, d);
    add("consultation", input.consultationId, "summary", consultation.summary, d.text.consultation.summary, d);
    for (const [i, s] of sections.entries()) {
      const t = d.text.sections[i];
      if (!t) continue;
      add("briefing_section", s.id, "title", s.title, t.title, d);
      add("briefing_section", s.id, "body", s.body, t.body, d);
      add("briefing_section", s.id, "plain", s.plain, t.plain, d);
      add("briefing_section", s.id, "easy_read", s.easyRead, t.easyRead, d);
    }
    for (const q of questions) {
      add("question", q.id, "prompt", q.prompt, d.text.questions[q.code]?.prompt, d);
      add("question", q.id, "hint", q.hint, d.text.questions[q.code]?.hint, d);
    }
  }
  if (rows.length === 0) return;
  await db`
    insert into translations ${db(rows, "entity", "entityId", "field", "lang", "text", "method", "status", "sourceHash")}
    on conflict (entity, entity_id, field, lang) do nothing`;
}
