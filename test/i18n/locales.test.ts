import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { namespaces, supportedLngs } from "../../app/i18n";

// 000 §3, §56, §59(a): every shipped language is complete, so no one meets English mid-page.
const root = path.resolve("locales");
type Tree = { [key: string]: string | Tree };

function load(lng: string, ns: string): Tree | undefined {
  const file = path.join(root, lng, `${ns}.json`);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : undefined;
}

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === "string") out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();
const PLURAL = /_(zero|one|two|few|many|other)$/;

const english = new Map(namespaces.map((ns) => [ns, flatten(load("en", ns) ?? {})]));

describe("locale files", () => {
  for (const lng of supportedLngs.filter((l) => l !== "en")) {
    describe(lng, () => {
      for (const ns of namespaces) {
        it(`has every key of English ${ns}.json, no stray key, no empty value, the same placeholders`, () => {
          const tree = load(lng, ns);
          expect(tree, `locales/${lng}/${ns}.json is missing`).toBeDefined();
          const theirs = flatten(tree!);
          const en = english.get(ns)!;
          const singular = (k: string) => k.replace(PLURAL, "");
          const enBases = new Set([...en.keys()].map(singular));
          const missing = [...en.keys()].filter((k) => !PLURAL.test(k) && !theirs.has(k));
          const stray = [...theirs.keys()].filter((k) => !enBases.has(singular(k)));
          expect(missing, `missing in ${lng}/${ns}`).toEqual([]);
          expect(stray, `not in English ${ns}`).toEqual([]);
          for (const [k, v] of theirs) {
            expect(v.trim(), `${lng}/${ns}:${k} is empty`).not.toBe("");
            const enValue = en.get(k) ?? en.get(`${singular(k)}_other`)!;
            if (PLURAL.test(k)) {
              // A plural form may spell its number out ("two consultations" in Arabic), but invents no other.
              for (const name of placeholders(v)) expect(placeholders(enValue), `${lng}/${ns}:${k} placeholders`).toContain(name);
            } else {
              expect(placeholders(v), `${lng}/${ns}:${k} placeholders`).toEqual(placeholders(enValue));
            }
          }
          // Plurals: each language carries every form its grammar needs (Arabic has six).
          const categories = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
          for (const base of new Set([...en.keys()].filter((k) => PLURAL.test(k)).map(singular))) {
            for (const cat of categories) expect(theirs.has(`${base}_${cat}`), `${lng}/${ns}:${base}_${cat}`).toBe(true);
          }
        });
      }
    });
  }
});

describe("keys in code", () => {
  function sources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? sources(p) : /\.(ts|tsx)$/.test(e.name) ? [p] : [];
    });
  }

  it("are all in English (a key ending in '.' is a prefix completed at run time)", () => {
    const pattern = new RegExp(`["'\`](${namespaces.join("|")}):([A-Za-z0-9_.]+)`, "g");
    const missing: string[] = [];
    let seen = 0;
    for (const file of [...sources(path.resolve("app")), ...sources(path.resolve("server"))]) {
      for (const m of fs.readFileSync(file, "utf8").matchAll(pattern)) {
        seen++;
        const [ns, key] = [m[1] as (typeof namespaces)[number], m[2]];
        const en = english.get(ns)!;
        const found = key.endsWith(".") ? [...en.keys()].some((k) => k.startsWith(key)) : en.has(key) || en.has(`${key}_other`);
        if (!found) missing.push(`${path.relative(process.cwd(), file)}: ${ns}:${key}`);
      }
    }
    expect(seen).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });
});

describe("locales/status.json", () => {
  it("says for every language who translated it and whether a fluent person reviewed it (000 §15)", () => {
    const status = JSON.parse(fs.readFileSync(path.join(root, "status.json"), "utf8"));
    for (const lng of supportedLngs) {
      expect(status[lng], lng).toMatchObject({ translatedBy: expect.any(String), reviewed: expect.any(Boolean) });
      if (status[lng].reviewed) expect(status[lng].reviewedBy, `${lng} reviewed by whom`).toEqual(expect.any(String));
    }
  });
});
