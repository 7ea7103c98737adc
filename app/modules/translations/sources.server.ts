import { sql as pool, type Db } from "../../../db/client";
import { DossierSchema } from "../deployments/schema";
import { dossierTexts } from "../deployments/texts";
import type { TranslatedEntity } from "./constants";
import { choiceTexts } from "./translations.server";

// What can be translated (issue #9): per entity, its fields and where its source text and language live.
// One registry, read by the translators' queue, the editor, the machine-draft jobs and the coverage page.

/**
 * The fixed translatable fields of each entity, in the order the editor shows them (snake_case, as
 * stored). Some fields depend on the item: a question's choices ("choice.0"...) and, for a deployment,
 * every text of its published dossier by dotted path ("system.doesNot", see dossierTexts).
 */
export const translatableFields: Record<TranslatedEntity, readonly string[]> = {
  consultation: ["title", "summary"],
  briefing_section: ["title", "body", "plain", "easy_read"],
  question: ["prompt", "hint"],
  deployment: [],
  input: ["body"],
  response: ["reason"],
};

export interface SourceItem {
  entity: TranslatedEntity;
  entityId: string;
  /** The source's language. */
  lang: string;
  /** Non-empty source texts by field. */
  fields: Record<string, string>;
  /** The consultation (or, for a deployment, its first consultation's) slug, for links; and a sort key. */
  consultationSlug: string | null;
  deploymentId: string;
  position: number;
}

/**
 * The source texts of some entities of one kind, by id (one query). Inputs are read only while published;
 * hidden or withdrawn ones have nothing to translate.
 */
export async function readSources(entity: TranslatedEntity, ids: string[], db: Db = pool): Promise<Map<string, SourceItem>> {
  const out = new Map<string, SourceItem>();
  if (!ids.length) return out;
  const rows = await sourceQuery(entity, db, db`x.id = any(${ids}::uuid[])` as unknown as ReturnType<Db>);
  for (const r of rows) out.set(r.entityId, toItem(entity, r));
  return out;
}

/**
 * Every translatable item of a consultation (its texts, briefing, questions, the dossier of its
 * deployment, inputs and answers), bounded.
 */
export async function listConsultationSources(input: { consultationId: string; entities?: readonly TranslatedEntity[]; limit?: number }, db: Db = pool): Promise<SourceItem[]> {
  const entities = input.entities ?? (["consultation", "briefing_section", "question", "deployment", "input", "response"] as const);
  const out: SourceItem[] = [];
  for (const entity of entities) {
    const scope = (
      entity === "consultation"
        ? db`x.id = ${input.consultationId}`
        : entity === "deployment"
          ? db`x.id = (select deployment_id from consultations where id = ${input.consultationId})`
          : db`x.consultation_id = ${input.consultationId}`
    ) as unknown as ReturnType<Db>;
    const rows = await sourceQuery(entity, db, scope, Math.min(input.limit ?? 500, 2000));
    out.push(...rows.map((r) => toItem(entity, r)));
  }
  return out;
}

type Raw = { entityId: string; lang: string; consultationSlug: string | null; deploymentId: string; position: number } & Record<string, unknown>;

function toItem(entity: TranslatedEntity, r: Raw): SourceItem {
  const fields: Record<string, string> = {};
  for (const f of translatableFields[entity]) {
    const v = r[f.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())];
    if (typeof v === "string" && v.trim()) fields[f] = v;
  }
  if (entity === "question" && Array.isArray(r.choices)) Object.assign(fields, choiceTexts(r.choices as string[]));
  if (entity === "deployment") {
    // Only the published dossier is translated: drafts change until published.
    const dossier = DossierSchema.safeParse(r.content);
    if (dossier.success) Object.assign(fields, dossierTexts(dossier.data));
  }
  return { entity, entityId: r.entityId, lang: r.lang, fields, consultationSlug: r.consultationSlug, deploymentId: r.deploymentId, position: r.position };
}

function sourceQuery(entity: TranslatedEntity, db: Db, where: ReturnType<Db>, limit = 2000) {
  switch (entity) {
    case "consultation":
      return db<Raw[]>`
        select x.id as entity_id, x.lang, x.slug as consultation_slug, x.deployment_id, 0 as position, x.title, x.summary
        from consultations x where ${where} limit ${limit}`;
    case "briefing_section":
      return db<Raw[]>`
        select x.id as entity_id, c.lang, c.slug as consultation_slug, c.deployment_id, x.position, x.title, x.body, x.plain, x.easy_read
        from briefing_sections x join consultations c on c.id = x.consultation_id where ${where} order by x.position limit ${limit}`;
    case "question":
      return db<Raw[]>`
        select x.id as entity_id, c.lang, c.slug as consultation_slug, c.deployment_id, x.position, x.prompt, x.hint, x.choices
        from questions x join consultations c on c.id = x.consultation_id where ${where} order by x.position limit ${limit}`;
    case "deployment":
      return db<Raw[]>`
        select x.id as entity_id, x.lang, (select c.slug from consultations c where c.deployment_id = x.id order by c.created_at limit 1) as consultation_slug,
          x.id as deployment_id, 0 as position, v.content
        from deployments x join dossier_versions v on v.deployment_id = x.id and v.version = x.published_version
        where ${where} and x.status = 'published' limit ${limit}`;
    case "input":
      return db<Raw[]>`
        select x.id as entity_id, x.lang, c.slug as consultation_slug, c.deployment_id, 0 as position, x.body
        from inputs x join consultations c on c.id = x.consultation_id where ${where} and x.status = 'published'
        order by x.created_at, x.id limit ${limit}`;
    case "response":
      return db<Raw[]>`
        select x.id as entity_id, x.lang, c.slug as consultation_slug, c.deployment_id, 0 as position, x.reason
        from responses x join consultations c on c.id = x.consultation_id where ${where}
        order by x.responded_at, x.id limit ${limit}`;
  }
}
