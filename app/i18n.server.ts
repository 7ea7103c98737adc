import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { fallbackLng, namespaces, supportedLngs, type Namespace } from "./i18n";
import { makeT, type Store, type TFunction } from "./lib/i18n-core";

/** locales/ sits one level above both app/ (sources, tests) and build/ (the server bundle). */
function localesDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const dir of [path.resolve(here, "../locales"), path.resolve(here, "../../locales"), path.resolve("locales")]) {
    if (fs.existsSync(path.join(dir, "en"))) return dir;
  }
  throw new Error("locales/ not found");
}

/** Every shipped string, read once at start: a few tens of kilobytes, no I/O per request. */
function loadResources(): Store {
  const dir = localesDir();
  const resources: Store = {};
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

/** A t function for a language, for actions, meta and pages rendered outside React. */
export function tFor(locale: string, ns: Namespace | Namespace[] = "common"): TFunction {
  return makeT(resources, locale, Array.isArray(ns) ? ns[0] : ns, fallbackLng);
}
