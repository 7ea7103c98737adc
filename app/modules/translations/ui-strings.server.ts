import { z } from "zod";
import "~/lib/zod-errors";
import { sql as pool, type Db } from "../../../db/client";
import { isSupportedLng, languageNames, namespaces, supportedLngs, type Lng, type Namespace } from "~/i18n";
import { resources } from "~/i18n.server";
import type { Refusal } from "../auth/auth.server";
import translationStatus from "../../../locales/status.json";

// The interface's own strings (issue #9): how far each UI language can be trusted (locales/status.json,
// 000 §15: a machine draft is labelled until a fluent person has reviewed it), and fixes that translators
// suggest to single strings, which an admin accepts or rejects and exports as a locale file. The running
// site never reads the suggestions: an accepted fix reaches people only when the exported file is
// committed to locales/ and shipped, so a bad suggestion cannot change a page by itself.

type Tree = { [key: string]: string | Tree };
const PLURAL = /_(zero|one|two|few|many|other)$/;
const PLURAL_ORDER = ["zero", "one", "two", "few", "many", "other"] as const;
const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;
// No English string carries markup, and a locale string is rendered as text: a tag in one is either a
// mistake or an attempt to smuggle HTML into every page that shows it.
const MARKUP = /<[^<>]*>/;
const SUGGESTIONS_SHOWN = 100;

const E = {
  language: "translations:ui.errors.language",
  namespace: "translations:ui.errors.namespace",
  key: "translations:ui.errors.key",
  unknownKey: "translations:ui.errors.unknownKey",
  text: "translations:ui.errors.text",
  textTooLong: "translations:ui.errors.textTooLong",
  markup: "translations:ui.errors.markup",
  placeholders: "translations:ui.errors.placeholders",
  unchanged: "translations:ui.errors.unchanged",
  notFound: "translations:ui.errors.notFound",
  decided: "translations:ui.errors.decided",
} as const;

/** A suggested fix to one string, as the form sends it. Error values are i18n keys. */
export const SuggestFixSchema = z.object({
  lang: z.string({ required_error: E.language }).refine(isSupportedLng, E.language),
  namespace: z.enum(namespaces, { errorMap: () => ({ message: E.namespace }) }),
  // The shape the table allows (0022); whether English has the key is checked by suggestFix.
  key: z.string({ required_error: E.key }).trim().regex(/^[A-Za-z0-9_.-]{1,200}$/, E.key),
  text: z.string({ required_error: E.text }).trim().min(1, E.text).max(2000, E.textTooLong),
});
export type SuggestFix = z.infer<typeof SuggestFixSchema>;

/** An admin's decision on one suggestion. */
export const DecideSuggestionSchema = z.object({
  id: z.string().uuid(E.notFound),
  status: z.enum(["accepted", "rejected"], { errorMap: () => ({ message: E.notFound }) }),
});

/** The UI language and namespace of an export, from the query string. */
export const ExportLocaleSchema = z.object({
  lang: z.string({ required_error: E.language }).refine(isSupportedLng, E.language),
  ns: z.enum(namespaces, { errorMap: () => ({ message: E.namespace }) }),
});

export type UiRefusal = Refusal & { field?: "lang" | "namespace" | "key" | "text" };

// ---------------------------------------------------------------------------------------------------
// Reading the shipped strings (loaded once at start by i18n.server.ts)

function treeOf(lang: string, namespace: string): Tree {
  const value = resources[lang]?.[namespace];
  return value && typeof value === "object" ? (value as Tree) : {};
}

function flatten(tree: Tree, prefix = "", out = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === "string") out.set(prefix + k, v);
    else if (v && typeof v === "object") flatten(v, `${prefix}${k}.`, out);
  }
  return out;
}

const flatCache = new Map<string, Map<string, string>>();
/** A language's strings of one namespace as dotted keys (cached: the resources never change while running). */
function flat(lang: string, namespace: string): Map<string, string> {
  const id = `${lang}/${namespace}`;
  let map = flatCache.get(id);
  if (!map) flatCache.set(id, (map = flatten(treeOf(lang, namespace))));
  return map;
}

const baseOf = (key: string) => key.replace(PLURAL, "");

function pluralCategories(lang: string): string[] {
  return new Intl.PluralRules(lang).resolvedOptions().pluralCategories as string[];
}

/**
 * The English string a key of `lang` translates. A plural form English lacks ("_few" in Arabic) stands for
 * English's "_other", but only when the language's grammar has that form.
 */
function englishFor(lang: string, namespace: string, key: string): string | undefined {
  const en = flat("en", namespace);
  const direct = en.get(key);
  if (direct !== undefined) return direct;
  const m = key.match(PLURAL);
  if (!m || !pluralCategories(lang).includes(m[1])) return undefined;
  return en.get(`${baseOf(key)}_other`);
}

function placeholdersOf(text: string): Set<string> {
  return new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]));
}

/**
 * Whether `text` may stand for `english`: no markup, and the same placeholders. A plural form may spell its
 * number out ("two" in Arabic) and so drop {{count}}, but never invents one (as test/i18n/locales.test.ts).
 */
function checkText(text: string, english: string, plural: boolean): string | null {
  if (MARKUP.test(text)) return E.markup;
  const theirs = placeholdersOf(text);
  const ours = placeholdersOf(english);
  const invented = [...theirs].some((p) => !ours.has(p));
  const dropped = [...ours].some((p) => !theirs.has(p));
  if (invented || (dropped && !plural)) return E.placeholders;
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Languages and their status

interface StatusEntry {
  translatedBy: string;
  reviewed: boolean;
  reviewedBy: string | null;
  note?: string;
}

export interface UiLanguage {
  lang: Lng;
  /** The language named in itself. */
  name: string;
  translatedBy: string | null;
  /** A fluent person has reviewed it (locales/status.json). */
  reviewed: boolean;
  reviewedBy: string | null;
  note: string | null;
  /** How many of English's strings it has (plural forms counted once), and English's count. */
  keys: number;
  englishKeys: number;
}

function countKeys(lang: string): { keys: number; englishKeys: number } {
  let keys = 0;
  let englishKeys = 0;
  for (const ns of namespaces) {
    const english = new Set([...flat("en", ns).keys()].map(baseOf));
    const theirs = new Set([...flat(lang, ns)].filter(([, v]) => v.trim() !== "").map(([k]) => baseOf(k)));
    englishKeys += english.size;
    for (const k of english) if (theirs.has(k)) keys++;
  }
  return { keys, englishKeys };
}

let languagesCache: UiLanguage[] | null = null;
/** Every UI language, in the order of `supportedLngs`, with its review status and how complete it is. */
export function listUiLanguages(): UiLanguage[] {
  languagesCache ??= supportedLngs.map((lang) => {
    const s = (translationStatus as Record<string, StatusEntry | undefined>)[lang];
    return {
      lang,
      name: languageNames[lang],
      translatedBy: s?.translatedBy ?? null,
      reviewed: s?.reviewed === true,
      reviewedBy: s?.reviewedBy ?? null,
      note: s?.note ?? null,
      ...countKeys(lang),
    };
  });
  return languagesCache;
}

/** One string: its English text and what `lang` ships now (null when it has none); null for a key English lacks. */
export function findUiString(input: { lang: string; namespace: string; key: string }): { english: string; current: string | null } | null {
  if (!isSupportedLng(input.lang) || !(namespaces as readonly string[]).includes(input.namespace)) return null;
  const english = englishFor(input.lang, input.namespace, input.key);
  if (english === undefined) return null;
  return { english, current: flat(input.lang, input.namespace).get(input.key) ?? null };
}

// ---------------------------------------------------------------------------------------------------
// Suggestions

/**
 * Records a translator's fix to one string. Refuses (400, with the field) an unknown language or
 * namespace, a key English does not have, markup, placeholders other than English's, and the text the
 * string already has.
 */
export async function suggestFix(input: SuggestFix & { userId: string }, db: Db = pool): Promise<{ ok: true; id: string } | UiRefusal> {
  const parsed = SuggestFixSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, status: 400, error: issue.message, field: issue.path[0] as UiRefusal["field"] };
  }
  const { lang, namespace, key, text } = parsed.data;
  const english = englishFor(lang, namespace, key);
  if (english === undefined) return { ok: false, status: 400, error: E.unknownKey, field: "key" };
  const bad = checkText(text, english, PLURAL.test(key));
  if (bad) return { ok: false, status: 400, error: bad, field: "text" };
  if (flat(lang, namespace).get(key) === text) return { ok: false, status: 400, error: E.unchanged, field: "text" };
  const [row] = await db<{ id: string }[]>`
    insert into ui_suggestions (lang, namespace, key, text, suggested_by)
    values (${lang}, ${namespace}, ${key}, ${text}, ${input.userId}) returning id`;
  return { ok: true, id: row.id };
}

export interface UiSuggestion {
  id: string;
  namespace: Namespace;
  key: string;
  text: string;
  status: "open" | "accepted" | "rejected";
  suggestedBy: string | null;
  decidedBy: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  /** The English string and the one shipped now, to compare (null when the key left English). */
  english: string | null;
  current: string | null;
}

/** The latest suggestions for one language, newest first (bounded). */
export async function listSuggestions(input: { lang: Lng; limit?: number }, db: Db = pool): Promise<UiSuggestion[]> {
  const limit = Math.min(Math.max(input.limit ?? SUGGESTIONS_SHOWN, 1), 500);
  const rows = await db<Omit<UiSuggestion, "english" | "current">[]>`
    select s.id, s.namespace, s.key, s.text, s.status, s.created_at, s.decided_at,
      u.display_name as suggested_by, d.display_name as decided_by
    from ui_suggestions s
      left join users u on u.id = s.suggested_by
      left join users d on d.id = s.decided_by
    where s.lang = ${input.lang}
    order by s.created_at desc, s.id desc
    limit ${limit}`;
  return rows.map((r) => {
    const found = findUiString({ lang: input.lang, namespace: r.namespace, key: r.key });
    return { ...r, english: found?.english ?? null, current: found?.current ?? null };
  });
}

/**
 * An admin accepts or rejects an open suggestion, recorded with who and when. Refuses a suggestion
 * already decided (409) and an unknown one (404).
 */
export async function decideSuggestion(
  input: { id: string; status: "accepted" | "rejected"; userId: string },
  db: Db = pool,
): Promise<{ ok: true; lang: Lng } | UiRefusal> {
  if (!DecideSuggestionSchema.safeParse(input).success) return { ok: false, status: 404, error: E.notFound };
  // One statement: the decision and its audit line together, and "only while open" checked by the update
  // itself, so two admins deciding at once cannot both win.
  const [row] = await db<{ lang: Lng }[]>`
    with decided as (
      update ui_suggestions set status = ${input.status}, decided_by = ${input.userId}, decided_at = now()
      where id = ${input.id} and status = 'open'
      returning id, lang
    ), audit as (
      insert into audit_events (actor_id, action, subject_type, subject_id, details)
      select ${input.userId}, 'decide_ui_suggestion', 'ui_suggestion', id::text, jsonb_build_object('status', ${input.status}::text)
      from decided
    )
    select lang from decided`;
  if (row) return { ok: true, lang: row.lang };
  const [existing] = await db<{ status: string }[]>`select status from ui_suggestions where id = ${input.id}`;
  if (!existing) return { ok: false, status: 404, error: E.notFound };
  return { ok: false, status: 409, error: E.decided };
}

// ---------------------------------------------------------------------------------------------------
// Export

/**
 * `locales/<lang>/<namespace>.json` as shipped, with the accepted suggestions put in (the latest decision
 * wins for a key), keys in English's order. Strings English no longer has are left out, and so is an
 * accepted fix whose placeholders no longer match a changed English string. 400 for an unknown
 * language or namespace.
 */
export async function exportLocale(input: { lang: string; namespace: string }, db: Db = pool): Promise<{ ok: true; file: Tree } | UiRefusal> {
  if (!isSupportedLng(input.lang)) return { ok: false, status: 400, error: E.language, field: "lang" };
  if (!(namespaces as readonly string[]).includes(input.namespace)) return { ok: false, status: 400, error: E.namespace, field: "namespace" };
  const { lang, namespace } = input;
  // Bounded by the number of keys English has: one row per key.
  const accepted = await db<{ key: string; text: string }[]>`
    select distinct on (key) key, text from ui_suggestions
    where lang = ${lang} and namespace = ${namespace} and status = 'accepted'
    order by key, decided_at desc, created_at desc
    limit 5000`;
  const overrides = new Map<string, string>();
  for (const { key, text } of accepted) {
    const english = englishFor(lang, namespace, key);
    if (english !== undefined && !checkText(text, english, PLURAL.test(key))) overrides.set(key, text);
  }
  const categories = pluralCategories(lang);
  return { ok: true, file: inEnglishOrder(treeOf("en", namespace), treeOf(lang, namespace), "", overrides, categories) };
}

function inEnglishOrder(en: Tree, current: Tree | undefined, prefix: string, overrides: Map<string, string>, categories: string[]): Tree {
  const out: Tree = {};
  const pluralsDone = new Set<string>();
  const currentString = (k: string) => (typeof current?.[k] === "string" ? (current[k] as string) : undefined);
  for (const [k, v] of Object.entries(en)) {
    if (typeof v !== "string") {
      const sub = current?.[k];
      const child = inEnglishOrder(v, sub && typeof sub === "object" ? sub : undefined, `${prefix}${k}.`, overrides, categories);
      if (Object.keys(child).length) out[k] = child;
      continue;
    }
    if (PLURAL.test(k)) {
      // The language's own plural forms, where English's first one stands, in CLDR order.
      const base = baseOf(k);
      if (pluralsDone.has(base)) continue;
      pluralsDone.add(base);
      for (const cat of PLURAL_ORDER) {
        const form = `${base}_${cat}`;
        const value = (categories.includes(cat) ? overrides.get(prefix + form) : undefined) ?? currentString(form);
        if (value !== undefined) out[form] = value;
      }
      continue;
    }
    const value = overrides.get(prefix + k) ?? currentString(k);
    if (value !== undefined) out[k] = value;
  }
  return out;
}
