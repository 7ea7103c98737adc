import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { makeT, type Store } from "../../app/lib/i18n-core";
import { tFor } from "../../app/i18n.server";

// The string lookup shared by the server and the browser (docs/decisions/016-own-string-lookup.md).

const store: Store = {
  en: { common: { hello: "Hello {{name}}", items_one: "{{count}} item", items_other: "{{count}} items", only: { en: "English only" } }, other: { x: "X" } },
  ar: { common: { hello: "مرحبا {{name}}", items_zero: "لا عناصر", items_one: "عنصر واحد", items_two: "عنصران", items_few: "{{count}} عناصر", items_many: "{{count}} عنصرًا", items_other: "{{count}} عنصر" } },
};

describe("makeT", () => {
  it("finds a key by namespace and path, the default namespace when none is given", () => {
    const t = makeT(store, "en");
    expect(t("common:hello", { name: "Amina" })).toBe("Hello Amina");
    expect(t("hello", { name: "Amina" })).toBe("Hello Amina");
    expect(t("other:x")).toBe("X");
    expect(makeT(store, "en", "other")("x")).toBe("X");
  });

  it("picks the plural form the language's rules name, and _zero for 0 where the language has one", () => {
    const en = makeT(store, "en");
    expect(en("common:items", { count: 1 })).toBe("1 item");
    expect(en("common:items", { count: 0 })).toBe("0 items");
    expect(en("common:items", { count: 7 })).toBe("7 items");
    const ar = makeT(store, "ar");
    expect([0, 1, 2, 3, 11, 100].map((count) => ar("common:items", { count }))).toEqual(["لا عناصر", "عنصر واحد", "عنصران", "3 عناصر", "11 عنصرًا", "100 عنصر"]);
  });

  it("falls back to English for a string the language lacks, and gives the path for one no language has", () => {
    const ar = makeT(store, "ar");
    expect(ar("common:only.en")).toBe("English only");
    expect(ar("common:missing.key")).toBe("missing.key");
    expect(ar("nowhere:key")).toBe("key");
    // An object is not a string.
    expect(ar("common:only")).toBe("only");
  });

  it("leaves a placeholder without a value as it is and puts values in unescaped (React escapes)", () => {
    const t = makeT(store, "en");
    expect(t("common:hello")).toBe("Hello {{name}}");
    expect(t("common:hello", { name: "<b>&" })).toBe("Hello <b>&");
    expect(t("common:hello", { name: 0 })).toBe("Hello 0");
  });
});

describe("the shipped strings", () => {
  it("give every language's plural forms of a real key, as the locale files hold them", () => {
    const en = JSON.parse(fs.readFileSync("locales/en/translations.json", "utf8"));
    expect(tFor("en", "translations")("translations:machine.queued", { count: 1 })).toBe(en.machine.queued_one.replace("{{count}}", "1"));
    expect(tFor("en", "translations")("translations:machine.queued", { count: 3 })).toBe(en.machine.queued_other.replace("{{count}}", "3"));
    const ar = JSON.parse(fs.readFileSync("locales/ar/translations.json", "utf8"));
    expect(tFor("ar")("translations:machine.queued", { count: 2 })).toBe(ar.machine.queued_two.replace("{{count}}", "2"));
  });
});
