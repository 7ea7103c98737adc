import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../db/client";
import { languageNames, supportedLngs } from "../../app/i18n";
import { Client, esc, signedInAdmin, signedInStaff, startTestServer } from "../helpers/server";

// The interface's languages and fixes to its strings (issue #9; 000 §15; 001 §31), over HTTP with
// JavaScript off, on the real database.

let server: Awaited<ReturnType<typeof startTestServer>>;
let translator: Client;
let admin: Client;
beforeAll(async () => {
  server = await startTestServer();
  translator = await signedInStaff(server.url, { email: "ui-translator@example.org", roles: ["translator"] });
  admin = await signedInAdmin(server.url);
});
afterAll(async () => {
  await server?.close();
});

type Tree = { [key: string]: string | Tree };
const read = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));
const status = read("locales/status.json") as Record<string, { translatedBy: string; reviewed: boolean; reviewedBy: string | null; note?: string }>;
const en = read("locales/en/translations.json").ui;
const enCommon = read("locales/en/common.json") as Tree;
const frCommon = read("locales/fr/common.json") as Tree;
const PAGE = "/admin/translations/ui?lang=fr";

function flatten(tree: Tree, prefix = ""): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [[prefix + k, v] as [string, string]] : flatten(v, `${prefix}${k}.`)));
}
/** Keys with plural forms counted once, in file order: what "the same keys as English" means across grammars. */
const baseKeys = (tree: Tree) => [...new Set(flatten(tree).map(([k]) => k.replace(/_(zero|one|two|few|many|other)$/, "")))];

async function suggestionCount(): Promise<number> {
  const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from ui_suggestions`;
  return n;
}

async function suggest(fields: Record<string, string>, client = translator) {
  return client.post(PAGE, { intent: "suggest", lang: "fr", namespace: "common", key: "nav.account", ...fields });
}

describe("/languages", () => {
  it("lists every UI language with its review status as locales/status.json has it, to anyone", async () => {
    const page = await new Client(server.url).get("/languages");
    expect(page.status).toBe(200);
    const rows = [...page.text.matchAll(/<tr data-lang="([a-z]+)" data-reviewed="(true|false)">([\s\S]*?)<\/tr>/g)];
    expect(rows.map((r) => r[1])).toEqual([...supportedLngs]);
    expect(rows).toHaveLength(12);
    for (const [, lang, reviewed, row] of rows) {
      const s = status[lang];
      expect(reviewed, lang).toBe(String(s.reviewed));
      expect(row).toContain(`lang="${lang}"`);
      expect(row).toContain(esc(languageNames[lang as keyof typeof languageNames]));
      expect(row).toContain(esc(s.translatedBy));
      if (s.note) expect(row).toContain(esc(s.note));
      if (s.reviewed) expect(row).toContain(esc(en.languages.checkedBy.replace("{{name}}", s.reviewedBy!)));
      else expect(row).toContain(esc(en.languages.notChecked));
    }
  });

  it("is laid out right to left in Arabic, and the footer's machine-draft note links to it", async () => {
    const ar = await new Client(server.url).get("/languages?lng=ar");
    expect(ar.status).toBe(200);
    expect(ar.text).toMatch(/<html lang="ar" dir="rtl"/);
    expect((await new Client(server.url).get("/?lng=fr")).text).toContain('href="/languages"');
  });
});

describe("/admin/translations/ui", () => {
  it("shows a translator the English and the current French of a string looked up by key", async () => {
    const page = await translator.get(`${PAGE}&ns=common&key=nav.account`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(esc((enCommon.nav as Tree).account as string));
    expect(page.text).toContain(esc((frCommon.nav as Tree).account as string));
    // A translator suggests; only an admin decides or downloads.
    expect(page.text).not.toContain('value="decide"');
    expect(page.text).not.toContain("/admin/translations/ui.json");
    // An unknown language is a refused GET form.
    expect((await translator.get("/admin/translations/ui?lang=xx")).status).toBe(400);
  });

  it("refuses a key English does not have, with the message and the typed text kept, writing nothing", async () => {
    const res = await suggest({ key: "nav.nowhere", text: "Texte gardé ({{name}})" });
    expect(res.status).toBe(400);
    expect(res.text).toContain(esc(en.errors.unknownKey));
    expect(res.text).toContain('id="key-error"');
    expect(res.text).toContain("nav.nowhere");
    expect(res.text).toContain(esc("Texte gardé ({{name}})"));
    expect(await suggestionCount()).toBe(0);
  });

  it("refuses markup, with the message and the typed text kept, writing nothing", async () => {
    const res = await suggest({ text: "<b>Votre espace</b> ({{name}})" });
    expect(res.status).toBe(400);
    expect(res.text).toContain(esc(en.errors.markup));
    expect(res.text).toContain('id="text-error"');
    expect(res.text).toContain(esc("<b>Votre espace</b> ({{name}})"));
    expect(await suggestionCount()).toBe(0);
  });

  it("refuses placeholders other than English's, dropped or invented, with the message and the typed text kept", async () => {
    for (const text of ["Votre espace personnel", "Votre espace ({{nom}})", "Votre espace ({{name}}, {{email}})"]) {
      const res = await suggest({ text });
      expect(res.status, text).toBe(400);
      expect(res.text).toContain(esc(en.errors.placeholders));
      expect(res.text).toContain(esc(text));
    }
    expect(await suggestionCount()).toBe(0);
  });

  it("takes a good suggestion, which an admin accepts once and the export then carries", async () => {
    const res = await suggest({ text: "Votre espace ({{name}})" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin/translations/ui?lang=fr&suggested=1");
    const [row] = await sql<{ id: string; status: string }[]>`select id, status from ui_suggestions where text = 'Votre espace ({{name}})'`;
    expect(row.status).toBe("open");
    // The translator may not decide it.
    expect((await translator.post(PAGE, { intent: "decide", id: row.id, status: "accepted" })).status).toBe(403);

    const list = await admin.get(PAGE);
    expect(list.text).toContain(`data-suggestion="${row.id}"`);
    expect(list.text).toContain('value="decide"');
    const accepted = await admin.post(PAGE, { intent: "decide", id: row.id, status: "accepted" });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get("location")).toBe("/admin/translations/ui?lang=fr&decided=accepted");
    const [decided] = await sql<{ status: string; decidedBy: string | null }[]>`select status, decided_by from ui_suggestions where id = ${row.id}`;
    expect(decided.status).toBe("accepted");
    expect(decided.decidedBy).not.toBeNull();

    // A second decision is refused and changes nothing.
    const again = await admin.post(PAGE, { intent: "decide", id: row.id, status: "rejected" });
    expect(again.status).toBe(409);
    expect(again.text).toContain(esc(en.errors.decided));
    const [still] = await sql<{ status: string }[]>`select status from ui_suggestions where id = ${row.id}`;
    expect(still.status).toBe("accepted");

    const file = await admin.get("/admin/translations/ui.json?lang=fr&ns=common");
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toMatch(/^application\/json/);
    expect(file.headers.get("content-disposition")).toBe('attachment; filename="common.json"');
    const exported = JSON.parse(file.text) as Tree;
    expect((exported.nav as Tree).account).toBe("Votre espace ({{name}})");
    // The same keys as English, in English's order; every other string as shipped.
    expect(baseKeys(exported)).toEqual(baseKeys(enCommon));
    const shipped = new Map(flatten(frCommon));
    for (const [k, v] of flatten(exported)) if (k !== "nav.account") expect(v, k).toBe(shipped.get(k));
  });

  it("exports the latest accepted fix of a key, and leaves a rejected one out", async () => {
    for (const [text, decision] of [
      ["Mon compte ({{name}})", "accepted"],
      ["Compte refusé ({{name}})", "rejected"],
    ] as const) {
      expect((await suggest({ text })).status).toBe(303);
      const [row] = await sql<{ id: string }[]>`select id from ui_suggestions where text = ${text}`;
      expect((await admin.post(PAGE, { intent: "decide", id: row.id, status: decision })).status).toBe(303);
    }
    const exported = JSON.parse((await admin.get("/admin/translations/ui.json?lang=fr&ns=common")).text) as Tree;
    expect((exported.nav as Tree).account).toBe("Mon compte ({{name}})");
  });

  it("answers 400 to an export of an unknown language or namespace", async () => {
    expect((await admin.get("/admin/translations/ui.json?lang=xx&ns=common")).status).toBe(400);
    expect((await admin.get("/admin/translations/ui.json?lang=fr&ns=nothing")).status).toBe(400);
    expect((await admin.get("/admin/translations/ui.json")).status).toBe(400);
  });

  it("is refused to a participant (403) and sends an anonymous visitor to sign in", async () => {
    const participant = new Client(server.url);
    expect((await participant.post("/c/demo/join", { pseudonym: "UI Strings Onlooker", consent: "yes" })).status).toBe(303);
    expect((await participant.get(PAGE)).status).toBe(403);
    expect((await participant.get("/admin/translations/ui.json?lang=fr&ns=common")).status).toBe(403);
    const before = await suggestionCount();
    expect((await participant.post(PAGE, { intent: "suggest", lang: "fr", namespace: "common", key: "nav.account", text: "Intrus ({{name}})" }, { formPage: "/c/demo" })).status).toBe(403);
    expect(await suggestionCount()).toBe(before);

    const anonymous = new Client(server.url);
    const page = await anonymous.get(PAGE);
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(PAGE)}`);
    const file = await anonymous.get("/admin/translations/ui.json?lang=fr&ns=common");
    expect(file.status).toBe(303);
    expect(file.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  });
});
