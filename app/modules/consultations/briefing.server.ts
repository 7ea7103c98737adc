import type { z } from "zod";
import { sql as pool, type Db, type Sql } from "../../../db/client";
import type { Refusal } from "../auth/auth.server";
import { getPublicConsultation, type ConsultationSummary } from "./consultations.server";
import type { DossierSection, QuestionInput, QuestionKind, SectionSchema } from "./schema";
import { DossierSchema, type Dossier } from "../deployments/schema";
import type { TranslationShown } from "../translations/constants";
import { translateDossier } from "../deployments/texts.server";
import { applyTranslation, choiceTexts, findTranslations, translateTexts } from "../translations/translations.server";

export { dossierSections, type DossierSection } from "./schema";


export interface BriefingSection {
  id: string;
  position: number;
  dossierSection: DossierSection | null;
  title: string;
  body: string;
  plain: string;
  easyRead: string;
  /** Shown in the reader's language: which one, and how far to trust it; null for the original. */
  translation?: TranslationShown | null;
}

export interface Question {
  id: string;
  position: number;
  code: string;
  kind: QuestionKind;
  prompt: string;
  hint: string;
  /** The choices of a choice question, lettered A, B, C... in this order. */
  choices: string[];
  translation?: TranslationShown | null;
}

export interface BriefingPack {
  sections: BriefingSection[];
  questions: Question[];
  /** The deployment's latest published dossier, which dossier sections are read from (null if none). */
  dossier: Dossier | null;
  dossierVersion: number | null;
  /** With a reader's language: how far the dossier's translation can be trusted, and its translated paths. */
  dossierTranslation?: TranslationShown | null;
  dossierTranslated?: string[];
}

const sectionsOf = (db: Db, consultationId: string) => db<BriefingSection[]>`
  select id, position, dossier_section, title, body, plain, easy_read from briefing_sections
  where consultation_id = ${consultationId} order by position, created_at limit 100`;
const questionsOf = (db: Db, consultationId: string) => db<Question[]>`
  select id, position, code, kind, prompt, hint, choices from questions
  where consultation_id = ${consultationId} order by position, code limit 100`;

/**
 * The briefing pack of a consultation: its sections and questions in order (bounded) and, unless
 * `withDossier` is false, the published dossier its dossier sections point at (a large document, needed
 * only for the full text). Indexed queries only, whatever the size of the platform.
 */
export async function getBriefingPack(
  input: { consultationId: string; deploymentId: string; withDossier?: boolean },
  db: Db = pool,
): Promise<BriefingPack> {
  const [sections, questions, [dossierRow]] = await Promise.all([
    sectionsOf(db, input.consultationId),
    questionsOf(db, input.consultationId),
    input.withDossier === false
      ? Promise.resolve([])
      : db<{ content: unknown; version: number }[]>`
          select v.content, v.version from deployments d
          join dossier_versions v on v.deployment_id = d.id and v.version = d.published_version
          where d.id = ${input.deploymentId} and d.status = 'published'`,
  ]);
  const parsed = dossierRow ? DossierSchema.safeParse(dossierRow.content) : null;
  return { sections, questions, dossier: parsed?.success ? parsed.data : null, dossierVersion: dossierRow?.version ?? null };
}

/**
 * A public consultation with its briefing pack, or a 404 Response. With `lang` other than the
 * consultation's own, the pack's sections and questions come in that language where a translation is
 * shown (each marked with how far to trust it), and so does the dossier's text. The consultation itself
 * is returned as written: the page layout translates its title and summary once (translateConsultation),
 * for every page under it.
 */
export async function getPublicBriefing(
  slug: string,
  options: { withDossier?: boolean; lang?: string } = {},
  db: Db = pool,
): Promise<{ consultation: ConsultationSummary; pack: BriefingPack }> {
  const consultation = await getPublicConsultation(slug, db);
  const pack = await getBriefingPack({ consultationId: consultation.id, deploymentId: consultation.deploymentId, withDossier: options.withDossier }, db);
  const lang = options.lang;
  if (!lang || lang === consultation.lang) return { consultation, pack };
  const [sections, questions, dossier] = await Promise.all([
    findTranslations({ entity: "briefing_section", ids: pack.sections.map((s) => s.id), lang }, db),
    findTranslations({ entity: "question", ids: pack.questions.map((q) => q.id), lang }, db),
    pack.dossier ? translateDossier(pack.dossier, consultation.deploymentId, lang, db) : null,
  ]);
  return {
    consultation,
    pack: {
      ...pack,
      ...(dossier ? { dossier: dossier.value, dossierTranslation: dossier.translation, dossierTranslated: dossier.translated } : {}),
      sections: pack.sections.map((s) => {
        const { value, translation } = applyTranslation(s, ["title", "body", "plain", "easyRead"], sections.get(s.id), lang);
        return { ...value, translation };
      }),
      questions: pack.questions.map((q) => {
        const shown = translateTexts({ prompt: q.prompt, hint: q.hint, ...choiceTexts(q.choices) }, questions.get(q.id), lang);
        const t = shown.texts;
        return { ...q, prompt: t.prompt, hint: t.hint, choices: q.choices.map((c, i) => t[`choice.${i}`] ?? c), translation: shown.translation };
      }),
    },
  };
}

/** The consultation's title and summary in `lang` where a translation is shown. */
export async function translateConsultation(consultation: ConsultationSummary, lang: string, db: Db = pool): Promise<ConsultationSummary> {
  if (lang === consultation.lang) return consultation;
  const rows = await findTranslations({ entity: "consultation", ids: [consultation.id], lang }, db);
  const { value, translation } = applyTranslation(consultation, ["title", "summary"], rows.get(consultation.id), lang);
  return { ...value, translation };
}

/** Whether a consultation has this question code (facilitators' paper answers are entered by code). */
export async function findQuestionByCode(input: { consultationId: string; code: string }, db: Db = pool): Promise<Question | null> {
  const [row] = await db<Question[]>`
    select id, position, code, kind, prompt, hint, choices from questions
    where consultation_id = ${input.consultationId} and code = ${input.code.toUpperCase()}`;
  return row ?? null;
}

// Staff editing of the briefing pack (issue #4). Every write is scoped to the consultation, so an id
// from another consultation changes nothing.

/** Adds a section at the end: free text, or one that shows a section of the dossier. */
export async function addSection(input: { consultationId: string; title: string; dossierSection: DossierSection | null }, db: Db = pool): Promise<string> {
  const [row] = await db<{ id: string }[]>`
    insert into briefing_sections (consultation_id, position, dossier_section, title)
    values (${input.consultationId},
      (select coalesce(max(position) + 1, 0) from briefing_sections where consultation_id = ${input.consultationId}),
      ${input.dossierSection}, ${input.title})
    returning id`;
  return row.id;
}

/** Saves a section's texts; false when the section is not in this consultation. */
export async function updateSection(
  input: { consultationId: string; id: string } & z.infer<typeof SectionSchema>,
  db: Db = pool,
): Promise<boolean> {
  const result = await db`
    update briefing_sections set title = ${input.title}, body = ${input.body}, plain = ${input.plain}, easy_read = ${input.easyRead}, updated_at = now()
    where id = ${input.id} and consultation_id = ${input.consultationId}`;
  return result.count > 0;
}

/** Swaps a section with its neighbour above or below (nothing happens at either end). */
export async function moveSection(input: { consultationId: string; id: string; direction: "up" | "down" }, db: Sql = pool): Promise<void> {
  await db.begin(async (tx) => {
    const [me] = await tx<{ position: number }[]>`
      select position from briefing_sections where id = ${input.id} and consultation_id = ${input.consultationId} for update`;
    if (!me) return;
    const [other] = await tx<{ id: string; position: number }[]>`
      select id, position from briefing_sections
      where consultation_id = ${input.consultationId} and id <> ${input.id}
        and position ${input.direction === "up" ? tx`<=` : tx`>=`} ${me.position}
      order by position ${input.direction === "up" ? tx`desc` : tx`asc`} limit 1 for update`;
    if (!other) return;
    const swapTo = other.position === me.position ? me.position + (input.direction === "up" ? -1 : 1) : other.position;
    await tx`update briefing_sections set position = ${swapTo} where id = ${input.id}`;
    await tx`update briefing_sections set position = ${me.position} where id = ${other.id}`;
  });
}

export async function deleteSection(input: { consultationId: string; id: string }, db: Db = pool): Promise<void> {
  await db`delete from briefing_sections where id = ${input.id} and consultation_id = ${input.consultationId}`;
}

/** Adds a question at the end; refuses a code already used in the consultation (409). */
export async function addQuestion(input: { consultationId: string } & QuestionInput, db: Db = pool): Promise<{ ok: true; id: string } | Refusal> {
  const [row] = await db<{ id: string }[]>`
    insert into questions (consultation_id, position, code, kind, prompt, hint, choices)
    values (${input.consultationId},
      (select coalesce(max(position) + 1, 0) from questions where consultation_id = ${input.consultationId}),
      ${input.code}, ${input.kind}, ${input.prompt}, ${input.hint}, ${db.json(input.choices)})
    on conflict (consultation_id, code) do nothing
    returning id`;
  return row ? { ok: true, id: row.id } : { ok: false, status: 409, error: "admin:briefing.errors.codeTaken" };
}

/**
 * Saves a question; refuses a code used by another question of the consultation (409), and a change of
 * kind, code or choices once someone has answered it (409): their answers name the code and the letters.
 */
export async function updateQuestion(input: { consultationId: string; id: string } & QuestionInput, db: Db = pool): Promise<{ ok: true } | Refusal> {
  const [taken] = await db`select 1 from questions where consultation_id = ${input.consultationId} and code = ${input.code} and id <> ${input.id}`;
  if (taken) return { ok: false, status: 409, error: "admin:briefing.errors.codeTaken" };
  const [current] = await db<{ code: string; kind: string; choices: string[] }[]>`
    select code, kind, choices from questions where id = ${input.id} and consultation_id = ${input.consultationId}`;
  if (!current) return { ok: false, status: 404, error: "admin:consultations.errors.notFound" };
  const shapeChanged = current.code !== input.code || current.kind !== input.kind || JSON.stringify(current.choices) !== JSON.stringify(input.choices);
  if (shapeChanged) {
    const [answered] = await db`select 1 from inputs where consultation_id = ${input.consultationId} and section_ref = ${`question:${current.code}`} limit 1`;
    if (answered) return { ok: false, status: 409, error: "admin:briefing.errors.answered" };
  }
  await db`
    update questions set code = ${input.code}, kind = ${input.kind}, prompt = ${input.prompt}, hint = ${input.hint}, choices = ${db.json(input.choices)}
    where id = ${input.id} and consultation_id = ${input.consultationId}`;
  return { ok: true };
}

export async function deleteQuestion(input: { consultationId: string; id: string }, db: Db = pool): Promise<void> {
  await db`delete from questions where id = ${input.id} and consultation_id = ${input.consultationId}`;
}

/** A consultation's questions, code and prompt only, for the filters of lists (triage, public answers). */
export async function listQuestionCodes(consultationId: string, db: Db = pool) {
  return db<{ code: string; prompt: string }[]>`
    select code, prompt from questions where consultation_id = ${consultationId} order by position limit 100`;
}
