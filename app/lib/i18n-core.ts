// Looking up the interface's strings (000 §3, §56), the same on the server and in the browser: keys are
// "namespace:path.to.key"; `count` picks the plural form the language's CLDR rules name ("_one", "_few"...,
// and "_zero" for 0 where a language has one); `{{name}}` takes the option of that name. React escapes
// what it shows, so values are put in as they are. A key no language has comes back as its path.
// Written for the budget of /c/<slug> (issue #10; docs/decisions/016-own-string-lookup.md): the subset of
// i18next's behaviour the locale files use, in a few hundred bytes instead of 15 KB of gzip.

export type Tree = { [key: string]: string | Tree };
/** Strings by language, then namespace. */
export type Store = Record<string, Record<string, Tree>>;
export interface TOptions {
  count?: number;
  [name: string]: unknown;
}
export type TFunction = (key: string, options?: TOptions) => string;

const rules = new Map<string, Intl.PluralRules>();
function pluralCategory(lng: string, count: number): string {
  let r = rules.get(lng);
  if (!r) rules.set(lng, (r = new Intl.PluralRules(lng)));
  return r.select(count);
}

function lookup(tree: Tree | undefined, path: string): string | undefined {
  let at: string | Tree | undefined = tree;
  for (const part of path.split(".")) {
    if (!at || typeof at !== "object") return undefined;
    at = at[part];
  }
  return typeof at === "string" ? at : undefined;
}

/** A t function for one language, falling back to `fallback` for a string the language lacks. */
export function makeT(store: Store, lng: string, defaultNS = "common", fallback = "en"): TFunction {
  return (key, options) => {
    const sep = key.indexOf(":");
    const ns = sep > 0 ? key.slice(0, sep) : defaultNS;
    const path = sep > 0 ? key.slice(sep + 1) : key;
    const count = options?.count;
    let found: string | undefined;
    for (const l of lng === fallback ? [lng] : [lng, fallback]) {
      const tree = store[l]?.[ns];
      if (!tree) continue;
      found =
        typeof count === "number"
          ? (count === 0 ? lookup(tree, `${path}_zero`) : undefined) ?? lookup(tree, `${path}_${pluralCategory(l, count)}`) ?? lookup(tree, path)
          : lookup(tree, path);
      if (found !== undefined) break;
    }
    if (found === undefined) return path;
    return options ? found.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (match, name: string) => (options[name] === undefined ? match : String(options[name]))) : found;
  };
}
