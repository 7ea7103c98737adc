import { sql as pool, type Db, type Sql } from "../../../db/client";
import { isSupportedLng } from "~/i18n";
import type { TranslatedEntity } from "./constants";
import { readSources } from "./sources.server";
import { saveTranslation, sourceHash } from "./translations.server";

// Machine drafts (issue #9): a starting point for a translator, never a finished translation (000 §15,
// §36; 001 §31). There is no provider unless the organisation configures one (TRANSLATE_URL), and the one
// we ship speaks the LibreTranslate API, which can be self-hosted: no text leaves the organisation unless
// it chooses. Requests wait in a queue (translation_jobs), as emails do (notices/mailer.server.ts): a
// provider that is down or slow only delays a draft, which is tried again later with a growing wait.
// Errors and logs carry codes only, never the source or translated text.

/** A machine translation provider: one translated text per text, in the same order. */
export interface MachineTranslator {
  name: string;
  translate(input: { texts: string[]; from: string; to: string }): Promise<string[]>;
}

/** A provider's failure, as a short code ("timeout", "ECONNREFUSED", "http_503", "bad_answer"); no text. */
export class MachineTranslationError extends Error {
  constructor(public readonly code: string) {
    super(`machine translation failed: ${code}`);
    this.name = "MachineTranslationError";
  }
}

/** A caller asked for drafts into a language the platform does not offer. */
export class UnsupportedLanguageError extends Error {
  readonly status = 400;
  readonly code = "unsupported_lang";
  constructor() {
    super("machine drafts refused: the language is not one the platform offers");
    this.name = "UnsupportedLanguageError";
  }
}

// The translations table holds at most 20,000 characters per text.
const MAX_TEXT = 20_000;

/** The code of a failed fetch: the time-out, the socket's code (ECONNREFUSED, ENOTFOUND…), never a message. */
function fetchErrorCode(err: unknown): string {
  const e = err as { name?: unknown; code?: unknown; cause?: { name?: unknown; code?: unknown } } | null;
  if (e?.name === "TimeoutError" || e?.cause?.name === "TimeoutError") return "timeout";
  if (typeof e?.cause?.code === "string") return e.cause.code.slice(0, 40);
  if (typeof e?.code === "string") return e.code.slice(0, 40);
  if (e?.name === "AbortError") return "aborted";
  return "fetch_failed";
}

/**
 * A provider speaking the LibreTranslate API at `url` (POST /translate). Each call waits `timeoutMs` (15 s)
 * at most; it throws a MachineTranslationError whose code says what went wrong, never quoting a text.
 */
export function libreTranslate(options: { url: string; apiKey?: string; timeoutMs?: number }): MachineTranslator {
  const endpoint = `${options.url.replace(/\/+$/, "")}/translate`;
  const timeoutMs = options.timeoutMs ?? 15_000;
  return {
    name: "libretranslate",
    async translate({ texts, from, to }) {
      if (texts.length === 0) return [];
      const body = JSON.stringify({ q: texts, source: from, target: to, format: "text", ...(options.apiKey ? { api_key: options.apiKey } : {}) });
      // One signal for the request and the reading of the answer: a provider that starts answering and
      // then stalls times out too.
      const signal = AbortSignal.timeout(timeoutMs);
      let answer: unknown;
      try {
        const res = await fetch(endpoint, { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body, signal });
        if (!res.ok) {
          // The error body may quote the text sent; it is dropped unread.
          await res.body?.cancel().catch(() => {});
          throw new MachineTranslationError(`http_${res.status}`);
        }
        answer = await res.json().catch((err: unknown) => {
          throw new MachineTranslationError(fetchErrorCode(err) === "timeout" ? "timeout" : "bad_answer");
        });
      } catch (err) {
        if (err instanceof MachineTranslationError) throw err;
        throw new MachineTranslationError(fetchErrorCode(err));
      }
      // An array `q` gets an array back; some versions answer a single text with a plain string.
      const translated = (answer as { translatedText?: unknown } | null)?.translatedText;
      const out = typeof translated === "string" && texts.length === 1 ? [translated] : translated;
      if (!Array.isArray(out) || out.length !== texts.length || !out.every((t) => typeof t === "string")) {
        throw new MachineTranslationError("bad_answer");
      }
      return out as string[];
    },
  };
}

/**
 * The provider configured by TRANSLATE_URL (and TRANSLATE_API_KEY), or null when none is: there is no
 * provider by default. Throws at start on an address that is not http(s), without quoting it (it may hold
 * a key).
 */
export function machineTranslatorFromEnv(env: Record<string, string | undefined> = process.env): MachineTranslator | null {
  const url = env.TRANSLATE_URL?.trim();
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("TRANSLATE_URL is not a valid address: give the http:// or https:// address of a LibreTranslate server");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new Error("TRANSLATE_URL must start with http:// or https:// (the address of a LibreTranslate server)");
  }
  return libreTranslate({ url, apiKey: env.TRANSLATE_API_KEY?.trim() || undefined });
}

/**
 * Queues a machine draft of every non-empty field of the given entities into `lang`, from their source as
 * it is now; returns how many jobs were queued (asking twice queues nothing new). Skips entities already
 * in `lang`, fields a person has translated (their work is never replaced by a draft) and fields whose
 * current source already has a machine draft.
 * Throws UnsupportedLanguageError for a language the platform does not offer: the count is the answer
 * callers use, and a route offers only supported languages, so another one is a caller's bug, not a
 * person's mistake to show beside a field.
 */
export async function requestMachineDrafts(
  input: { entity: TranslatedEntity; entityIds: string[]; lang: string; requestedBy: string | null },
  db: Db = pool,
): Promise<number> {
  if (!isSupportedLng(input.lang)) throw new UnsupportedLanguageError();
  const ids = [...new Set(input.entityIds)];
  if (!ids.length) return 0;
  const sources = await readSources(input.entity, ids, db);
  if (!sources.size) return 0;
  const existing = await db<{ entityId: string; field: string; method: "machine" | "human"; sourceHash: string }[]>`
    select entity_id, field, method, source_hash from translations
    where entity = ${input.entity} and lang = ${input.lang} and entity_id = any(${[...sources.keys()]}::uuid[])`;
  const have = new Map(existing.map((t) => [`${t.entityId}:${t.field}`, t]));
  const rows: { entity: string; entityId: string; field: string; lang: string; sourceHash: string; requestedBy: string | null }[] = [];
  for (const source of sources.values()) {
    if (source.lang === input.lang) continue;
    for (const [field, text] of Object.entries(source.fields)) {
      const hash = sourceHash(text);
      const current = have.get(`${source.entityId}:${field}`);
      // A person's translation, even of an older source or unfinished, is theirs to update: a draft would
      // replace it (one row per field and language), so none is made.
      if (current?.method === "human") continue;
      if (current?.method === "machine" && current.sourceHash === hash) continue;
      rows.push({ entity: input.entity, entityId: source.entityId, field, lang: input.lang, sourceHash: hash, requestedBy: input.requestedBy });
    }
  }
  if (!rows.length) return 0;
  const queued = await db`
    insert into translation_jobs ${db(rows, "entity", "entityId", "field", "lang", "sourceHash", "requestedBy")}
    on conflict (entity, entity_id, field, lang, source_hash) do nothing
    returning id`;
  return queued.length;
}

/** Minutes to wait before the next try: 1, 2, 4 … up to 6 hours. */
export function retryDelayMinutes(attempts: number): number {
  return Math.min(360, 2 ** Math.max(0, attempts - 1));
}

/**
 * The error's code (a provider's code, a system code such as ECONNRESET, a database error's SQLSTATE):
 * never the message, which can quote a text; any other code is not trusted to be one.
 */
function errorCode(err: unknown): string {
  if (err instanceof MachineTranslationError) return err.code;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^(E[A-Z0-9_]{2,30}|[0-9A-Z]{5})$/.test(code) ? code : "error";
}

interface Job {
  id: string;
  entity: TranslatedEntity;
  entityId: string;
  field: string;
  lang: string;
  sourceHash: string;
  attempts: number;
}

export interface MachineReport {
  done: number;
  failed: number;
  skipped: number;
}

/**
 * Makes the machine drafts that are due, at most `limit` jobs. Each is first leased for 10 minutes (so two
 * processes never run the same one), then translated outside any transaction, the fields of one entity and
 * language in one request. A job whose source changed, whose entity is gone or whose field a person has
 * translated meanwhile is closed as skipped; a failure keeps the job and sets its next try.
 */
export async function runDueJobs(input: { translator: MachineTranslator; limit?: number }, db: Sql = pool): Promise<MachineReport> {
  const report: MachineReport = { done: 0, failed: 0, skipped: 0 };
  const claimed = await db<Job[]>`
    update translation_jobs set next_attempt_at = now() + interval '10 minutes', attempts = attempts + 1
    where id in (
      select id from translation_jobs where done_at is null and next_attempt_at <= now()
      order by next_attempt_at limit ${input.limit ?? 20} for update skip locked)
    returning id, entity, entity_id, field, lang, source_hash, attempts`;
  if (!claimed.length) return report;

  const skip = async (job: Job, reason: string) => {
    await db`update translation_jobs set done_at = now(), last_error = ${reason} where id = ${job.id}`;
    report.skipped++;
  };
  const fail = async (job: Job, err: unknown) => {
    await db`
      update translation_jobs set last_error = ${errorCode(err)}, next_attempt_at = now() + make_interval(mins => ${retryDelayMinutes(job.attempts)})
      where id = ${job.id}`;
    report.failed++;
  };

  // One request per entity and language: its fields go together.
  const groups = new Map<string, Job[]>();
  for (const job of claimed) {
    const key = `${job.entity}:${job.entityId}:${job.lang}`;
    groups.set(key, [...(groups.get(key) ?? []), job]);
  }
  const entities = [...new Set(claimed.map((j) => j.entity))];
  const sourcesByEntity = new Map<string, Awaited<ReturnType<typeof readSources>>>();
  for (const entity of entities) {
    const ids = [...new Set(claimed.filter((j) => j.entity === entity).map((j) => j.entityId))];
    sourcesByEntity.set(entity, await readSources(entity, ids, db));
  }

  for (const jobs of groups.values()) {
    const { entity, entityId, lang } = jobs[0];
    const source = sourcesByEntity.get(entity)?.get(entityId);
    const work: { job: Job; text: string }[] = [];
    for (const job of jobs) {
      const text = source?.fields[job.field];
      if (!source || text === undefined) await skip(job, "gone");
      else if (source.lang === lang) await skip(job, "same_language");
      else if (sourceHash(text) !== job.sourceHash) await skip(job, "source_changed");
      else work.push({ job, text });
    }
    if (!work.length) continue;
    const people = await db<{ field: string }[]>`
      select field from translations where entity = ${entity} and entity_id = ${entityId} and lang = ${lang} and method = 'human'`;
    const human = new Set(people.map((p) => p.field));
    const todo: typeof work = [];
    for (const w of work) {
      if (human.has(w.job.field)) await skip(w.job, "human_translation");
      else todo.push(w);
    }
    if (!todo.length) continue;

    let translated: string[];
    try {
      translated = await input.translator.translate({ texts: todo.map((w) => w.text), from: source!.lang, to: lang });
      if (translated.length !== todo.length || translated.some((t) => typeof t !== "string" || !t.trim() || t.length > MAX_TEXT)) {
        throw new MachineTranslationError("bad_answer");
      }
    } catch (err) {
      for (const w of todo) await fail(w.job, err);
      continue;
    }

    for (const [i, w] of todo.entries()) {
      try {
        const stored = await db.begin(async (tx) => {
          // The row is locked while checked and written: a person's translation saved meanwhile is never
          // replaced by the draft (one saved after waits, then replaces the draft, as it should).
          const [row] = await tx<{ method: string }[]>`
            select method from translations
            where entity = ${entity} and entity_id = ${entityId} and field = ${w.job.field} and lang = ${lang} for update`;
          if (row?.method === "human") {
            await tx`update translation_jobs set done_at = now(), last_error = 'human_translation' where id = ${w.job.id}`;
            return false;
          }
          // A machine draft, always: only a person makes a translation "translated" or "reviewed". No one
          // is named as its translator; who asked for it stays on the job.
          await saveTranslation(
            { entity, entityId, field: w.job.field, lang, text: translated[i], source: w.text, method: "machine", status: "draft", by: null },
            tx,
          );
          await tx`update translation_jobs set done_at = now(), last_error = null where id = ${w.job.id}`;
          return true;
        });
        if (stored) report.done++;
        else report.skipped++;
      } catch (err) {
        await fail(w.job, err);
      }
    }
  }
  return report;
}
