import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createInstance, type Resource, type TFunction } from "i18next";
import { RemixI18Next } from "remix-i18next/server";
import { i18nOptions, namespaces, supportedLngs, type Namespace } from "./i18n";

/** locales/ sits one level above both app/ (sources, tests) and build/ (the server bundle). */
function localesDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const dir of [path.resolve(here, "../locales"), path.resolve(here, "../../locales"), path.resolve("locales")]) {
    if (fs.existsSync(path.join(dir, "en"))) return dir;
  }
  throw new Error("locales/ not found");
}

/** Every shipped string, read once at start: a few tens of kilobytes, no I/O per request. */
function loadResources(): Resource {
  const dir = localesDir();
  const resources: Resource = {};
  for (const lng of supportedLngs) {
    resources[lng] = {};
    for (const ns of namespaces) {
      const file = path.join(dir, lng, `${ns}.json`);
      if (fs.existsSync(file)) resources[lng][ns] = JSON.parse(fs.readFileSync(file, "utf8"));
    }
  }
  return resources;
}

export const resources = loadResources();

export const remixI18n = new RemixI18Next({
  detection: { supportedLanguages: [...supportedLngs], fallbackLanguage: i18nOptions.fallbackLng },
  i18next: { ...i18nOptions, resources },
});

const fixed = new Map<string, TFunction>();
/** A t function for a language, for actions, meta and pages rendered outside React. */
export function tFor(locale: string, ns: Namespace | Namespace[] = "common"): TFunction {
  const key = `${locale}|${([] as string[]).concat(ns).join(",")}`;
  let t = fixed.get(key);
  if (!t) {
    const instance = createInstance();
    void instance.init({ ...i18nOptions, resources, lng: locale, initImmediate: false });
    t = instance.getFixedT(locale, ns);
    fixed.set(key, t);
  }
  return t;
}
