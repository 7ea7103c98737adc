import { sql as pool, type Db, type Sql } from "../../../db/client";
import { isSupportedLng } from "~/i18n";
import type { Refusal } from "../auth/auth.server";
import { fieldStates, type FieldState, type QueueFilter, type TranslatedEntity } from "./constants";
import { listConsultationSources, readSources, type SourceItem } from "./sources.server";
import { saveTranslation, sourceHash, type TranslationRow } from "./translations.server";

// The translators' work (issue #9; 000 §15, §36, §56; 001 §31): a queue per language of what is missing,
// outdated or awaiting review; a person's translation, saved as a draft or as finished; review by a second
// translator, never the one who made it; a glossary per deployment. A machine draft is only a starting
// point: it is shown marked as such, and only a person's finished work counts as translated.


export interface StoredTranslation extends TranslationRow {
  entity: TranslatedEntity;
  translatedBy: string | null;
  translatorName: string | null;
  reviewedBy: string | null;
  reviewerName: string | null;
  reviewNote: string | null;
  updatedAt: Date;
}

/** The translations of some items into one language, whatever their status, by "entity:id:field". */
async function storedTranslations(items: { entity: TranslatedEntity; entityId: string }[], lang: string, db: Db): Promise<Map<string, StoredTranslation>> {
  const out = new Map<string, StoredTranslation>();
  const byEntity = new Map<TranslatedEntity, string[]>();
  for (const i of items) byEntity.set(i.entity, [...(byEntity.get(i.entity) ?? []), i.entityId]);
  for (const [entity, ids] of byEntity) {
    const rows = await db<StoredTranslation[]>`
      select t.entity, t.entity_id, t.field, t.text, t.method, t.status, t.source_hash, t.translated_by, tu.display_name as translator_name,
        t.reviewed_by, ru.display_name as reviewer_name, t.review_note, t.updated_at
      from translations t left join users tu on tu.id = t.translated_by left join users ru on ru.id = t.reviewed_by
      where t.lang = ${lang} and t.entity = ${entity} and t.entity_id = any(${ids}::uuid[])`;
    for (const r of rows) out.set(`${r.entity}:${r.entityId}:${r.field}`, r);
  }
  return out;
}

/** Where a field stands: no translation, an outdated one, a machine draft, a person's draft, finished, reviewed. */
export function fieldState(source: string, t: Pick<StoredTranslation, "method" | "status" | "sourceHash"> | undefined): FieldState {
  if (!t) return "missing";
  if (t.sourceHash !== sourceHash(source)) return "outdated";
  if (t.method === "machine") return "machine";
  return t.status;
}

/** The worst state among an item's fields. */
export function itemState(states: FieldState[]): FieldState {
  return states.reduce<FieldState>((worst, s) => (fieldStates.indexOf(s) < fieldStates.indexOf(worst) ? s : worst), "reviewed");
}

export interface QueueItem {
  entity: TranslatedEntity;
  entityId: string;
  sourceLang: string;
  /** The first field's text, cut short, to recognise the item. */
  excerpt: string;
  state: FieldState;
  fields: { field: string; state: FieldState }[];
  /** A person finished it and someone other than `viewerId` may review it. */
  awaitsReview: boolean;
  translatedBy: string | null;
}


/**
 * A consultation's translatable items in `lang` (texts, briefing, questions, inputs, answers), each with
 * where it stands, and the counts per state. Items written in `lang` need nothing and are left out.
 */
export async function listQueue(
  input: { consultationId: string; lang: string; filter?: QueueFilter; entities?: readonly TranslatedEntity[] },
  db: Db = pool,
): Promise<{ items: QueueItem[]; counts: Record<FieldState, number> }> {
  const sources = (await listConsultationSources({ consultationId: input.consultationId, entities: input.entities }, db)).filter(
    (s) => s.lang !== input.lang && Object.keys(s.fields).length > 0,
  );
  const stored = await storedTranslations(sources, input.lang, db);
  const counts = Object.fromEntries(fieldStates.map((s) => [s, 0])) as Record<FieldState, number>;
  const items: QueueItem[] = [];
  for (const s of sources) {
    const fields = Object.entries(s.fields).map(([field, text]) => ({ field, state: fieldState(text, stored.get(`${s.entity}:${s.entityId}:${field}`)) }));
    const state = itemState(fields.map((f) => f.state));
    counts[state]++;
    const first = stored.get(`${s.entity}:${s.entityId}:${Object.keys(s.fields)[0]}`);
    items.push({
      entity: s.entity,
      entityId: s.entityId,
      sourceLang: s.lang,
      excerpt: Object.values(s.fields)[0].slice(0, 140),
      state,
      fields,
      awaitsReview: state === "translated",
      translatedBy: first?.translatedBy ?? null,
    });
  }
  const f = input.filter ?? "todo";
  const keep = (i: QueueItem) =>
    f === "todo" ? i.state !== "reviewed" : f === "review" ? i.awaitsReview : f === "missing" ? i.state === "missing" || i.state === "draft" : i.state === f;
  return { items: items.filter(keep).slice(0, 300), counts };
}

export interface EditorItem {
  source: SourceItem;
  fields: { field: string; source: string; sourceHash: string; translation: StoredTranslation | null; state: FieldState }[];
  state: FieldState;
  glossary: GlossaryTerm[];
}

/** One item for the side-by-side editor: each field's source and translation, and the glossary terms it uses. */
export async function getEditorItem(input: { entity: TranslatedEntity; entityId: string; lang: string }, db: Db = pool): Promise<EditorItem | null> {
  if (!/^[0-9a-f-]{36}$/.test(input.entityId)) return null;
  const source = (await readSources(input.entity, [input.entityId], db)).get(input.entityId);
  if (!source || !Object.keys(source.fields).length) return null;
  const stored = await storedTranslations([source], input.lang, db);
  const fields = Object.keys(source.fields).map((field) => {
    const translation = stored.get(`${input.entity}:${input.entityId}:${field}`) ?? null;
    return { field, source: source.fields[field], sourceHash: sourceHash(source.fields[field]), translation, state: fieldState(source.fields[field], translation ?? undefined) };
  });
  const all = (await listGlossary({ deploymentId: source.deploymentId, lang: input.lang }, db)).filter((g) =>
    Object.values(source.fields).some((text) => text.toLowerCase().includes(g.term.toLowerCase())),
  );
  return { source, fields, state: itemState(fields.map((f) => f.state)), glossary: all };
}

/** Markup is refused in a translation: translations are plain text, like their sources. */
export function hasMarkup(text: string): boolean {
  return /<\/?[a-z!][^>]*>/i.test(text);
}

/**
 * Saves a person's translation of an item: as a draft (not shown) or finished ("translated", shown as a
 * person's work and waiting for review). Refused when the source changed while they worked (409, their
 * text kept by the page), for markup (400) or a language the platform does not offer (400). Saving over a
 * reviewed translation makes it wait for review again.
 */
export async function saveHumanTranslation(
  input: { entity: TranslatedEntity; entityId: string; lang: string; texts: Record<string, string>; hashes: Record<string, string>; finished: boolean; userId: string },
  db: Sql = pool,
): Promise<{ ok: true; saved: number } | (Refusal & { fields?: string[] })> {
  if (!isSupportedLng(input.lang)) return { ok: false, status: 400, error: "translations:errors.lang" };
  return (await db.begin(async (tx) => {
    const source = (await readSources(input.entity, [input.entityId], tx)).get(input.entityId);
    if (!source) return { ok: false, status: 404, error: "translations:errors.notFound" } as const;
    if (source.lang === input.lang) return { ok: false, status: 400, error: "translations:errors.sameLanguage" } as const;
    const changed = Object.keys(input.texts).filter((f) => source.fields[f] && input.hashes[f] !== sourceHash(source.fields[f]));
    if (changed.length) return { ok: false, status: 409, error: "translations:errors.sourceChanged", fields: changed } as const;
    const marked = Object.entries(input.texts).filter(([, text]) => hasMarkup(text)).map(([f]) => f);
    if (marked.length) return { ok: false, status: 400, error: "translations:errors.markup", fields: marked } as const;
    let saved = 0;
    for (const [field, raw] of Object.entries(input.texts)) {
      const text = raw.trim();
      if (!source.fields[field] || !text) continue;
      await saveTranslation(
        { entity: input.entity, entityId: input.entityId, field, lang: input.lang, text, source: source.fields[field], method: "human", status: input.finished ? "translated" : "draft", by: input.userId },
        tx,
      );
      await tx`update translations set reviewed_by = null, reviewed_at = null, review_note = null
        where entity = ${input.entity} and entity_id = ${input.entityId} and field = ${field} and lang = ${input.lang}`;
      saved++;
    }
    if (!saved) return { ok: false, status: 400, error: "translations:errors.empty" } as const;
    await tx`
      insert into audit_events (actor_id, action, subject_type, subject_id, details)
      values (${input.userId}, 'translate', ${input.entity}, ${input.entityId}, ${tx.json({ lang: input.lang, finished: input.finished, fields: saved })})`;
    return { ok: true, saved } as const;
  })) as { ok: true; saved: number } | (Refusal & { fields?: string[] });
}

/**
 * A second translator's review of an item's finished fields: approved ("reviewed"), or sent back as a
 * draft with a note. Never by the person who translated it (403); only when every field is finished and
 * current (409 otherwise).
 */
export async function reviewTranslation(
  input: { entity: TranslatedEntity; entityId: string; lang: string; decision: "approve" | "return"; note?: string; userId: string },
  db: Sql = pool,
): Promise<{ ok: true } | Refusal> {
  return (await db.begin(async (tx) => {
    const item = await getEditorItem(input, tx);
    if (!item) return { ok: false, status: 404, error: "translations:errors.notFound" } as const;
    if (item.fields.some((f) => f.state !== "translated" && f.state !== "reviewed") || item.fields.every((f) => f.state === "reviewed")) {
      return { ok: false, status: 409, error: "translations:errors.notReady" } as const;
    }
    if (item.fields.some((f) => f.state === "translated" && f.translation?.translatedBy === input.userId)) {
      return { ok: false, status: 403, error: "translations:errors.ownWork" } as const;
    }
    const approve = input.decision === "approve";
    await tx`
      update translations set status = ${approve ? "reviewed" : "draft"}, reviewed_by = ${input.userId}, reviewed_at = now(),
        review_note = ${approve ? null : (input.note ?? null)}
      where entity = ${input.entity} and entity_id = ${input.entityId} and lang = ${input.lang} and method = 'human' and status = 'translated'`;
    await tx`
      insert into audit_events (actor_id, action, subject_type, subject_id, details)
      values (${input.userId}, ${approve ? "review_translation" : "return_translation"}, ${input.entity}, ${input.entityId}, ${tx.json({ lang: input.lang })})`;
    return { ok: true } as const;
  })) as { ok: true } | Refusal;
}

export interface GlossaryTerm {
  id: string;
  term: string;
  translation: string;
  note: string | null;
}

/** A deployment's agreed terms in one language, alphabetical (bounded). */
export async function listGlossary(input: { deploymentId: string; lang: string }, db: Db = pool): Promise<GlossaryTerm[]> {
  return db<GlossaryTerm[]>`
    select id, term, translation, note from glossary_terms where deployment_id = ${input.deploymentId} and lang = ${input.lang}
    order by lower(term) limit 500`;
}

/** Adds a term (a second entry for the same term and language is refused, 409). */
export async function addGlossaryTerm(
  input: { deploymentId: string; lang: string; term: string; translation: string; note?: string; userId: string },
  db: Db = pool,
): Promise<{ ok: true } | Refusal> {
  if (!isSupportedLng(input.lang)) return { ok: false, status: 400, error: "translations:errors.lang" };
  const rows = await db`
    insert into glossary_terms (deployment_id, lang, term, translation, note, created_by)
    values (${input.deploymentId}, ${input.lang}, ${input.term}, ${input.translation}, ${input.note ?? null}, ${input.userId})
    on conflict (deployment_id, lang, lower(term)) do nothing returning id`;
  if (!rows.length) return { ok: false, status: 409, error: "translations:errors.termExists" };
  return { ok: true };
}

export async function removeGlossaryTerm(input: { deploymentId: string; id: string }, db: Db = pool): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/.test(input.id)) return false;
  const rows = await db`delete from glossary_terms where id = ${input.id} and deployment_id = ${input.deploymentId} returning id`;
  return rows.length > 0;
}

/**
 * The languages among `languages` in which a consultation's briefing (its texts, sections and questions)
 * is not yet translated by a person (finished or reviewed, and current): it may not open in them unless
 * its setting allows machine drafts.
 */
export async function languagesNotReady(input: { consultationId: string; languages: string[] }, db: Db = pool): Promise<string[]> {
  const out: string[] = [];
  for (const lang of input.languages) {
    const { counts } = await listQueue({ consultationId: input.consultationId, lang, entities: ["consultation", "briefing_section", "question"] }, db);
    if (counts.missing + counts.outdated + counts.machine + counts.draft > 0) out.push(lang);
  }
  return out;
}

/** The organisation of a deployment, for the permission check; null if there is none. */
export async function organisationOfDeployment(deploymentId: string, db: Db = pool): Promise<string | null> {
  const [row] = await db<{ organisationId: string }[]>`select organisation_id from deployments where id = ${deploymentId}`;
  return row?.organisationId ?? null;
}

/** A deployment by slug (id and organisation), for the glossary page; null if there is none. */
export async function findDeploymentBySlug(slug: string, db: Db = pool): Promise<{ id: string; name: string; lang: string; organisationId: string } | null> {
  const [row] = await db<{ id: string; name: string; lang: string; organisationId: string }[]>`select id, name, lang, organisation_id from deployments where slug = ${slug}`;
  return row ?? null;
}
