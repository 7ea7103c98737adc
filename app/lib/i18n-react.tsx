import { createContext, useContext, useEffect, useMemo, useSyncExternalStore } from "react";
import { makeT, type Store } from "./i18n-core";

export type { TFunction } from "./i18n-core";

// The interface's strings in React (see i18n-core.ts). On the server every language is at hand
// (entry.server.tsx provides them); the browser fetches the namespaces a page needs from /locales/ (same
// origin, cached) before it hydrates, and any others when a later page asks for them.

const browserStore: Store = {};
const StoreContext = createContext<Store>(browserStore);
const LanguageContext = createContext<string>("en");
export const StringsProvider = StoreContext.Provider;
export const LanguageProvider = LanguageContext.Provider;

let version = 0;
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};
const getVersion = () => version;
const pending = new Map<string, Promise<void>>();

/**
 * Fetches the namespaces of a language the browser does not have yet, each once however often asked, then
 * tells the components once (one re-render for the lot, not one per file).
 */
export function loadNamespaces(lng: string, namespaces: readonly string[]): Promise<void> {
  const missing = namespaces.filter((ns) => !browserStore[lng]?.[ns]);
  if (missing.length === 0) return Promise.resolve();
  return Promise.all(
    missing.map((ns) => {
      const key = `${lng}/${ns}`;
      let loading = pending.get(key);
      if (!loading) {
        loading = fetch(`/locales/${encodeURIComponent(lng)}/${encodeURIComponent(ns)}.json`)
          .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`locales ${r.status}`))))
          .then((tree) => {
            (browserStore[lng] ??= {})[ns] = tree;
          })
          .finally(() => pending.delete(key));
        pending.set(key, loading);
      }
      return loading;
    }),
  ).then(() => {
    version++;
    for (const l of listeners) l();
  });
}

/** The t function of the page's language; with namespaces, the browser loads any it lacks and re-renders. */
export function useTranslation(namespaces?: string | readonly string[]) {
  const store = useContext(StoreContext);
  const lng = useContext(LanguageContext);
  const seen = useSyncExternalStore(subscribe, getVersion, getVersion);
  const wanted = namespaces === undefined ? "" : typeof namespaces === "string" ? namespaces : namespaces.join(",");
  useEffect(() => {
    if (store === browserStore && wanted) loadNamespaces(lng, wanted.split(",")).catch(() => {});
  }, [store, lng, wanted]);
  const t = useMemo(() => makeT(store, lng), [store, lng, seen]);
  return { t, i18n: { language: lng } };
}
