import crypto from "node:crypto";
import { sql as pool, type Db } from "../../../db/client";
import type { TranslatedEntity, TranslationShown, TranslationStatus } from "./constants";

// Reading content in the reader's language (000 §15, §36, §56; 001 §31). A translation is shown when it
// is a machine draft (always marked as such) or a person's finished work; a person's unfinished draft is
// not. When its source text changed after it was made, it is shown marked "outdated" until redone.

/** The hash of a source text that a translation records, to notice when the source changes. */
export function sourceHash(text: string): string {
  return crypto.createHash("sha256").update(text).digest("hex").slice(0, 32);
}

/** A stored translation of one field, as the reading functions need it. */
export interface TranslationRow {
  entityId: string;
  field: string;
  text: string;
  method: "machine" | "human";
  status: "draft" | "translated" | "reviewed";
  sourceHash: string;
}

/** The shown translations of some entities into one language, by entity id and field (one indexed query). */
export async function findTranslations(
  input: { entity: TranslatedEntity; ids: string[]; lang: string },
  db: Db = pool,
): Promise<Map<string, Map<string, TranslationRow>>> {
  const out = new Map<string, Map<string, TranslationRow>>();
  if (input.ids.length === 0) return out;
  const rows = await db<TranslationRow[]>`
    select entity_id, field, text, method, status, source_hash from translations
    where entity = ${input.entity} and lang = ${input.lang} and entity_id in ${db(input.ids)}
      and (method = 'machine' or status in ('translated', 'reviewed'))`;
  for (const row of rows) {
    let fields = out.get(row.entityId);
    if (!fields) out.set(row.entityId, (fields = new Map()));
    fields.set(row.field, row);
  }
  return out;
}

const TRUST: TranslationStatus[] = ["outdated", "machine", "human", "human_reviewed"];

/** How far a shown translation can be trusted, given whether it was made from the source as it is now. */
function trustOf(row: Pick<TranslationRow, "method" | "status">, current: boolean): TranslationStatus {
  return !current ? "outdated" : row.method === "machine" ? "machine" : row.status === "reviewed" ? "human_reviewed" : "human";
}

export interface ShownTranslation {
  lang: string;
  text: string;
  status: TranslationStatus;
}

/**
 * Every shown translation of inputs' or answers' text, in every language, each marked with how far to trust
 * it: for the open data files (responses.json, report.json). One query, bounded by the ids given; the
 * source's hash is worked out in the database (the same as sourceHash), so long texts are not read whole.
 */
export async function listShownTranslations(
  input: { entity: "input" | "response"; ids: string[]; maxChars?: number; lang?: string },
  db: Db = pool,
): Promise<Map<string, ShownTranslation[]>> {
  const out = new Map<string, ShownTranslation[]>();
  if (!input.ids.length) return out;
  const [field, source] = input.entity === "input" ? ["body", db`(select body from inputs where id = t.entity_id)`] : ["reason", db`(select reason from responses where id = t.entity_id)`];
  const rows = await db<(Pick<TranslationRow, "entityId" | "text" | "method" | "status"> & { lang: string; current: boolean })[]>`
    select t.entity_id, t.lang, left(t.text, ${input.maxChars ?? 20_000}) as text, t.method, t.status,
      t.source_hash = left(encode(sha256(convert_to(${source}, 'UTF8')), 'hex'), 32) as current
    from translations t
    where t.entity = ${input.entity} and t.field = ${field} and t.entity_id = any(${input.ids}::uuid[])
      and (t.method = 'machine' or t.status in ('translated', 'reviewed')) ${input.lang ? db`and t.lang = ${input.lang}` : db``}
    order by t.entity_id, t.lang`;
  for (const r of rows) {
    const list = out.get(r.entityId) ?? [];
    list.push({ lang: r.lang, text: r.text, status: trustOf(r, r.current) });
    out.set(r.entityId, list);
  }
  return out;
}

/**
 * Texts by field with their shown translations put in place, the fields translated, and how far the
 * translation can be trusted: the least of its fields (a machine draft of one field marks the whole item
 * as machine), "outdated" when any field's source changed since. Untranslated fields stay in the original
 * language; `translation` is null when none is translated.
 */
export function translateTexts(
  texts: Record<string, string>,
  rows: Map<string, TranslationRow> | undefined,
  lang: string,
): { texts: Record<string, string>; translated: string[]; translation: TranslationShown | null } {
  const out = { ...texts };
  const translated: string[] = [];
  let status: TranslationStatus = "human_reviewed";
  for (const [field, original] of Object.entries(texts)) {
    const row = rows?.get(field);
    if (!row || !original) continue;
    translated.push(field);
    out[field] = row.text;
    const fieldStatus = trustOf(row, row.sourceHash === sourceHash(original));
    if (TRUST.indexOf(fieldStatus) < TRUST.indexOf(status)) status = fieldStatus;
  }
  return { texts: out, translated, translation: translated.length ? { lang, status } : null };
}

/** The entity with its translated fields put in place (see translateTexts). Fields are stored snake_case. */
export function applyTranslation<T extends object>(
  source: T,
  fields: readonly (keyof T & string)[],
  rows: Map<string, TranslationRow> | undefined,
  lang: string,
): { value: T; translation: TranslationShown | null } {
  const stored = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const texts: Record<string, string> = {};
  for (const field of fields) {
    const original = source[field] as unknown;
    if (typeof original === "string") texts[stored(field)] = original;
  }
  const shown = translateTexts(texts, rows, lang);
  if (!shown.translation) return { value: source, translation: null };
  const value = { ...source } as Record<string, unknown>;
  for (const field of fields) if (stored(field) in shown.texts) value[field] = shown.texts[stored(field)];
  return { value: value as T, translation: shown.translation };
}

/** A question's choices (stored as fields "choice.0", "choice.1"...) in the reader's language where translated. */
export function choiceTexts(choices: string[]): Record<string, string> {
  return Object.fromEntries(choices.map((c, i) => [`choice.${i}`, c]));
}

/** Stores a translation, replacing the previous one (the demo's and the translators' work). */
export async function saveTranslation(
  input: { entity: TranslatedEntity; entityId: string; field: string; lang: string; text: string; source: string; method: "machine" | "human"; status: "draft" | "translated" | "reviewed"; by?: string | null },
  db: Db = pool,
): Promise<void> {
  await db`
    insert into translations (entity, entity_id, field, lang, text, method, status, source_hash, translated_by)
    values (${input.entity}, ${input.entityId}, ${input.field}, ${input.lang}, ${input.text}, ${input.method}, ${input.status}, ${sourceHash(input.source)}, ${input.by ?? null})
    on conflict (entity, entity_id, field, lang) do update
      set text = excluded.text, method = excluded.method, status = excluded.status, source_hash = excluded.source_hash,
        translated_by = excluded.translated_by, updated_at = now()`;
}
