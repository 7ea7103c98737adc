import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createInstance, type i18n, type Resource, type TFunction } from "i18next";
import { initReactI18next } from "react-i18next";
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

/**
 * One i18next instance per language, made on first use and kept: the resources never change while the
 * server runs and a server-side instance never changes language. It holds every namespace, so pages,
 * actions and the error page all use it (building one per request cost 6% of a page in `npm run bench`).
 */
const instances = new Map<string, i18n>();
export function i18nFor(locale: string): i18n {
  let instance = instances.get(locale);
  if (!instance) {
    instance = createInstance();
    // With the resources given inline and initImmediate off, init completes before it returns.
    void instance.use(initReactI18next).init({ ...i18nOptions, lng: locale, resources, initImmediate: false });
    instances.set(locale, instance);
  }
  return instance;
}

/** A t function for a language, for actions, meta and pages rendered outside React. */
export function tFor(locale: string, ns: Namespace | Namespace[] = "common"): TFunction {
  return i18nFor(locale).getFixedT(locale, ns);
}
