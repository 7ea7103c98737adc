import http from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../db/client";
import { seedDemo } from "../../app/modules/demo/seed.server";
import {
  libreTranslate,
  MachineTranslationError,
  machineTranslatorFromEnv,
  requestMachineDrafts,
  retryDelayMinutes,
  runDueJobs,
  UnsupportedLanguageError,
  type MachineTranslator,
} from "../../app/modules/translations/machine.server";
import { saveTranslation, sourceHash } from "../../app/modules/translations/translations.server";
import { Client, signedInStaff, startTestServer } from "../helpers/server";
import { until } from "../helpers/yjs";

// Machine drafts (issue #9) against a real local HTTP server speaking the LibreTranslate API, never a mock,
// and the file's real database.

type Mode = "ok" | "slow" | "http500" | "string" | "garbage";
interface LibreRequest {
  q: string | string[];
  source: string;
  target: string;
  format: string;
  api_key?: string;
}

/** A LibreTranslate look-alike on loopback: "[<target>] " before each text. Slow mode holds answers until released. */
function startLibre(port = 0) {
  const state = { mode: "ok" as Mode, requests: [] as LibreRequest[], held: [] as http.ServerResponse[] };
  const server = http.createServer((req, res) => {
    if (req.method !== "POST" || req.url !== "/translate") return void res.writeHead(404).end();
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const body = JSON.parse(raw) as LibreRequest;
      state.requests.push(body);
      const json = (status: number, value: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
      const tr = (t: string) => `[${body.target}] ${t}`;
      switch (state.mode) {
        case "slow":
          state.held.push(res);
          return;
        case "http500":
          // Like a real server's error, it quotes what it was sent.
          return json(500, { error: `Cannot translate ${JSON.stringify(body.q)}` });
        case "garbage":
          return json(200, { translated: "nothing useful" });
        case "string":
          return json(200, { translatedText: tr(Array.isArray(body.q) ? body.q[0] : body.q) });
        default:
          return json(200, { translatedText: Array.isArray(body.q) ? body.q.map(tr) : tr(body.q) });
      }
    });
  });
  return new Promise<{ server: http.Server; port: number; url: string; state: typeof state; close(): Promise<void> }>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const actual = (server.address() as { port: number }).port;
      resolve({
        server,
        port: actual,
        url: `http://127.0.0.1:${actual}`,
        state,
        close: () =>
          new Promise<void>((r) => {
            for (const res of state.held.splice(0)) res.destroy();
            server.close(() => r());
            server.closeAllConnections();
          }),
      });
    });
  });
}

let libre: Awaited<ReturnType<typeof startLibre>>;
let translator: MachineTranslator;
type Section = { id: string; title: string; body: string; plain: string; easyRead: string };
let sections: Section[];

beforeAll(async () => {
  await seedDemo();
  libre = await startLibre();
  translator = libreTranslate({ url: libre.url, timeoutMs: 2_000 });
  sections = await sql<Section[]>`
    select s.id, s.title, s.body, s.plain, s.easy_read from briefing_sections s join consultations c on c.id = s.consultation_id
    where c.slug = 'demo' order by s.position limit 10`;
});
afterAll(async () => {
  await libre?.close();
});
afterEach(async () => {
  libre.state.mode = "ok";
  for (const res of libre.state.held.splice(0)) res.destroy();
  // Each test runs the queue itself: jobs a failed test left due must not change the next one's counts.
  await sql`update translation_jobs set next_attempt_at = now() + interval '1 day' where done_at is null and next_attempt_at <= now()`;
});

const fieldsOf = (s: Section) =>
  Object.entries({ title: s.title, body: s.body, plain: s.plain, easy_read: s.easyRead }).filter(([, v]) => typeof v === "string" && v.trim()) as [string, string][];
const translationsOf = (id: string, lang: string) =>
  sql<{ field: string; text: string; method: string; status: string; sourceHash: string; translatedBy: string | null }[]>`
    select field, text, method, status, source_hash, translated_by from translations
    where entity = 'briefing_section' and entity_id = ${id} and lang = ${lang} order by field`;
const jobsOf = (id: string, lang: string) =>
  sql<{ field: string; attempts: number; lastError: string | null; doneAt: Date | null; nextAttemptAt: Date; due: boolean }[]>`
    select field, attempts, last_error, done_at, next_attempt_at, next_attempt_at <= now() as due from translation_jobs
    where entity = 'briefing_section' and entity_id = ${id} and lang = ${lang} order by field`;
const request = (id: string, lang: string) => requestMachineDrafts({ entity: "briefing_section", entityIds: [id], lang, requestedBy: null });

describe("requestMachineDrafts and runDueJobs", () => {
  it("turns a request into machine drafts of each field, in one request to the provider, from the source as it is", async () => {
    const section = sections[0];
    const fields = fieldsOf(section);
    expect(fields.length).toBeGreaterThan(1);
    expect(await request(section.id, "ha")).toBe(fields.length);
    const before = libre.state.requests.length;

    expect(await runDueJobs({ translator })).toEqual({ done: fields.length, failed: 0, skipped: 0 });
    const sent = libre.state.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ source: "en", target: "ha", format: "text" });
    expect(sent[0].q).toHaveLength(fields.length);
    expect(sent[0].api_key).toBeUndefined();

    const rows = await translationsOf(section.id, "ha");
    expect(rows).toHaveLength(fields.length);
    for (const [field, text] of fields) {
      const row = rows.find((r) => r.field === field)!;
      // A machine draft, never reviewed and never credited to a person.
      expect(row).toMatchObject({ text: `[ha] ${text}`, method: "machine", status: "draft", sourceHash: sourceHash(text), translatedBy: null });
    }
    for (const job of await jobsOf(section.id, "ha")) expect(job).toMatchObject({ attempts: 1, lastError: null, doneAt: expect.any(Date) });
  });

  it("queues nothing new when asked again, and nothing for the source's own language", async () => {
    const section = sections[0];
    expect(await request(section.id, "ha")).toBe(0);
    expect(await requestMachineDrafts({ entity: "briefing_section", entityIds: [section.id, section.id], lang: "ha", requestedBy: null })).toBe(0);
    expect(await request(section.id, "en")).toBe(0);
    expect(await runDueJobs({ translator })).toEqual({ done: 0, failed: 0, skipped: 0 });
  });

  it("refuses a language the platform does not offer, queuing nothing", async () => {
    await expect(request(sections[0].id, "xx")).rejects.toBeInstanceOf(UnsupportedLanguageError);
    const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from translation_jobs where lang = 'xx'`;
    expect(n).toBe(0);
  });

  it("never overwrites a person's translation, made before the request or while the job waited", async () => {
    const section = sections[0];
    const fields = fieldsOf(section);
    const person = (field: string, text: string, source: string) =>
      saveTranslation({ entity: "briefing_section", entityId: section.id, field, lang: "es", text, source, method: "human", status: "draft" });
    await person("title", "Título de una persona", section.title);
    // Even a person's translation of an older source is theirs to update, not a draft's to replace.
    await person("body", "Cuerpo de una persona, de una versión anterior", "an older source text");
    expect(await request(section.id, "es")).toBe(fields.length - 2);

    await person("plain", "Texto sencillo de una persona", section.plain);
    const report = await runDueJobs({ translator });
    expect(report).toEqual({ done: fields.length - 3, failed: 0, skipped: 1 });
    const rows = await translationsOf(section.id, "es");
    expect(rows.find((r) => r.field === "title")).toMatchObject({ method: "human", text: "Título de una persona" });
    expect(rows.find((r) => r.field === "body")).toMatchObject({ method: "human", text: "Cuerpo de una persona, de una versión anterior" });
    expect(rows.find((r) => r.field === "plain")).toMatchObject({ method: "human", text: "Texto sencillo de una persona" });
    expect((await jobsOf(section.id, "es")).find((j) => j.field === "plain")).toMatchObject({ lastError: "human_translation", doneAt: expect.any(Date) });
  });

  it("keeps the jobs while the provider is down, and makes the drafts once it is back", async () => {
    const section = sections[1];
    const fields = fieldsOf(section);
    expect(await request(section.id, "pt")).toBe(fields.length);
    const port = libre.port;
    await libre.close();
    try {
      expect(await runDueJobs({ translator })).toEqual({ done: 0, failed: fields.length, skipped: 0 });
      for (const job of await jobsOf(section.id, "pt")) {
        expect(job).toMatchObject({ attempts: 1, lastError: "ECONNREFUSED", doneAt: null, due: false });
        // The next try in a minute (the first wait), not at once.
        expect(job.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 30_000);
      }
      expect(await translationsOf(section.id, "pt")).toHaveLength(0);
      // Not due yet: nothing is tried.
      expect(await runDueJobs({ translator })).toEqual({ done: 0, failed: 0, skipped: 0 });
    } finally {
      libre = await startLibre(port);
    }

    await sql`update translation_jobs set next_attempt_at = now() where entity_id = ${section.id} and lang = 'pt'`;
    expect(await runDueJobs({ translator })).toEqual({ done: fields.length, failed: 0, skipped: 0 });
    for (const job of await jobsOf(section.id, "pt")) expect(job).toMatchObject({ attempts: 2, lastError: null, doneAt: expect.any(Date) });
    expect((await translationsOf(section.id, "pt")).map((r) => r.text)).toEqual(
      fields.sort(([a], [b]) => a.localeCompare(b)).map(([, text]) => `[pt] ${text}`),
    );
  });

  it("fails a job with 'timeout' when the provider answers too late, storing nothing", async () => {
    const section = sections[1];
    const fields = fieldsOf(section);
    expect(await request(section.id, "id")).toBe(fields.length);
    libre.state.mode = "slow";
    const impatient = libreTranslate({ url: libre.url, timeoutMs: 200 });
    expect(await runDueJobs({ translator: impatient })).toEqual({ done: 0, failed: fields.length, skipped: 0 });
    expect(libre.state.held.length).toBe(1);
    for (const job of await jobsOf(section.id, "id")) expect(job).toMatchObject({ attempts: 1, lastError: "timeout", doneAt: null, due: false });
    expect(await translationsOf(section.id, "id")).toHaveLength(0);
  });

  it("fails a job with the status when the provider answers HTTP 500, and never keeps its error text", async () => {
    const section = sections[1];
    const fields = fieldsOf(section);
    expect(await request(section.id, "bn")).toBe(fields.length);
    libre.state.mode = "http500";
    expect(await runDueJobs({ translator })).toEqual({ done: 0, failed: fields.length, skipped: 0 });
    for (const job of await jobsOf(section.id, "bn")) expect(job).toMatchObject({ lastError: "http_500", doneAt: null });
    expect(await translationsOf(section.id, "bn")).toHaveLength(0);
  });

  it("skips a job whose source changed meanwhile or whose entity is gone, storing nothing for it", async () => {
    const section = sections[2];
    const fields = fieldsOf(section);
    expect(await request(section.id, "hi")).toBe(fields.length);
    await sql`update briefing_sections set plain = ${`${section.plain} (revised after the request)`} where id = ${section.id}`;
    await sql`
      insert into translation_jobs (entity, entity_id, field, lang, source_hash)
      values ('briefing_section', gen_random_uuid(), 'title', 'hi', ${sourceHash("a section since deleted")})`;

    expect(await runDueJobs({ translator })).toEqual({ done: fields.length - 1, failed: 0, skipped: 2 });
    const rows = await translationsOf(section.id, "hi");
    expect(rows.map((r) => r.field)).not.toContain("plain");
    expect(rows).toHaveLength(fields.length - 1);
    expect((await jobsOf(section.id, "hi")).find((j) => j.field === "plain")).toMatchObject({ lastError: "source_changed", doneAt: expect.any(Date) });
    const [gone] = await sql<{ lastError: string; doneAt: Date | null }[]>`
      select last_error, done_at from translation_jobs where lang = 'hi' and entity_id not in (${section.id})`;
    expect(gone).toMatchObject({ lastError: "gone", doneAt: expect.any(Date) });
  });

  it("never puts a text in last_error, whatever the provider throws or answers", async () => {
    const section = sections[3];
    const fields = fieldsOf(section);
    expect(await request(section.id, "am")).toBe(fields.length);
    const leaky: MachineTranslator = {
      name: "leaky",
      async translate({ texts }) {
        throw Object.assign(new Error(`could not translate: ${texts.join(" | ")}`), { code: texts[0].split(" ")[0] });
      },
    };
    expect(await runDueJobs({ translator: leaky })).toEqual({ done: 0, failed: fields.length, skipped: 0 });
    const wrongCount: MachineTranslator = { name: "short", translate: async ({ texts }) => texts.slice(1) };
    await sql`update translation_jobs set next_attempt_at = now() where entity_id = ${section.id} and lang = 'am'`;
    expect(await runDueJobs({ translator: wrongCount })).toEqual({ done: 0, failed: fields.length, skipped: 0 });
    const jobs = await jobsOf(section.id, "am");
    expect(jobs.map((j) => j.lastError)).toEqual(jobs.map(() => "bad_answer"));

    await sql`update translation_jobs set next_attempt_at = now() where entity_id = ${section.id} and lang = 'am'`;
    expect(await runDueJobs({ translator: leaky })).toMatchObject({ failed: fields.length });
    for (const job of await jobsOf(section.id, "am")) {
      expect(job.lastError).toBe("error");
      // The third failure waits 4 minutes.
      expect(job.attempts).toBe(3);
      expect(job.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 3 * 60_000);
    }
    const all = await sql<{ lastError: string }[]>`select last_error from translation_jobs where last_error is not null limit 500`;
    // Every one is a code from a short list, so none can carry a text.
    for (const { lastError } of all) expect(lastError).toMatch(/^(error|bad_answer|timeout|http_\d{3}|E[A-Z]+|gone|source_changed|human_translation|same_language)$/);
  });
});

describe("libreTranslate", () => {
  it("sends the key, and reads a single text answered as a plain string", async () => {
    libre.state.mode = "string";
    const keyed = libreTranslate({ url: `${libre.url}/`, apiKey: "k-123" });
    expect(await keyed.translate({ texts: ["Who decides?"], from: "en", to: "sw" })).toEqual(["[sw] Who decides?"]);
    expect(libre.state.requests.at(-1)).toEqual({ q: ["Who decides?"], source: "en", target: "sw", format: "text", api_key: "k-123" });
    // A plain string for several texts is no answer.
    await expect(keyed.translate({ texts: ["One", "Two"], from: "en", to: "sw" })).rejects.toMatchObject({ code: "bad_answer" });
  });

  it("fails with a code and a message that quote no text", async () => {
    const secret = "Household 4471 in Kibera was flagged";
    libre.state.mode = "http500";
    const err = await translator.translate({ texts: [secret], from: "en", to: "sw" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MachineTranslationError);
    expect(err).toMatchObject({ code: "http_500" });
    expect(String((err as Error).message)).not.toContain("Kibera");
    libre.state.mode = "garbage";
    await expect(translator.translate({ texts: [secret], from: "en", to: "sw" })).rejects.toMatchObject({ code: "bad_answer" });
  });

  it("waits for growing times between tries: 1, 2, 4 … minutes, up to 6 hours", () => {
    expect([1, 2, 3, 4, 9, 10, 30].map(retryDelayMinutes)).toEqual([1, 2, 4, 8, 256, 360, 360]);
  });
});

describe("machineTranslatorFromEnv", () => {
  it("has no provider unless TRANSLATE_URL is set", () => {
    expect(machineTranslatorFromEnv({})).toBeNull();
    expect(machineTranslatorFromEnv({ TRANSLATE_URL: "  " })).toBeNull();
    expect(machineTranslatorFromEnv({ TRANSLATE_URL: "https://translate.example.org", TRANSLATE_API_KEY: "k" })?.name).toBe("libretranslate");
  });

  it("refuses an address that is not http(s) with a clear error that does not quote it", () => {
    expect(() => machineTranslatorFromEnv({ TRANSLATE_URL: "ftp://user:hunter2@translate.example.org" })).toThrow(/TRANSLATE_URL must start with http:\/\/ or https:\/\//);
    expect(() => machineTranslatorFromEnv({ TRANSLATE_URL: "ftp://user:hunter2@translate.example.org" })).not.toThrow(/hunter2/);
    expect(() => machineTranslatorFromEnv({ TRANSLATE_URL: "translate.example.org:5000" })).toThrow(/TRANSLATE_URL/);
    expect(() => machineTranslatorFromEnv({ TRANSLATE_URL: "not an address" })).toThrow(/TRANSLATE_URL is not a valid address/);
  });
});

describe("the server's machine-draft worker", () => {
  it("makes queued drafts in the background and logs counts, never a text", async () => {
    const server = await startTestServer({ translate: { translator, intervalMs: 100 } });
    try {
      const section = sections[4] ?? sections[3];
      const fields = fieldsOf(section);
      expect(await request(section.id, "ur")).toBe(fields.length);
      const rows = await until(async () => {
        const r = await translationsOf(section.id, "ur");
        return r.length === fields.length ? r : undefined;
      }, 10_000);
      expect(rows.every((r) => r.method === "machine" && r.status === "draft")).toBe(true);
      const logs = await until(() => server.logs.find((l) => l.includes("machine drafts")), 5_000);
      expect(logs).toContain(`"done":${fields.length}`);
      const all = server.logs.join("\n");
      for (const [, text] of fields) {
        expect(all).not.toContain(text.slice(0, 40));
        expect(all).not.toContain(`[ur] ${text.slice(0, 30)}`);
      }
    } finally {
      await server.close();
    }
  });

  it("takes a translator's request from the queue: drafts of what is missing arrive marked, the dossier's too", async () => {
    const server = await startTestServer({ translate: { translator, intervalMs: 100 } });
    try {
      const staff = await signedInStaff(server.url, { email: "machine-queue@example.org", roles: ["translator"] });
      const queue = await staff.get("/admin/translations?consultation=demo&lang=bn");
      expect(queue.text).not.toContain('data-machine-drafts="off"');
      const asked = await staff.post("/admin/translations?index&consultation=demo&lang=bn", {});
      expect(asked.status).toBe(303);
      expect(Number(new URL(asked.headers.get("location")!, server.url).searchParams.get("queued"))).toBeGreaterThan(10);
      const [d] = await sql<{ id: string }[]>`select id from deployments where slug = 'demo'`;
      await until(async () => {
        const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from translations where entity = 'deployment' and entity_id = ${d.id} and lang = 'bn'`;
        return n > 5 ? n : undefined;
      }, 10_000);
      const page = await new Client(server.url).get("/register/demo?lng=bn");
      expect(page.text).toContain('data-translation-status="machine"');
      expect(page.text).toContain("[bn] ");
    } finally {
      await server.close();
    }
  });
});
