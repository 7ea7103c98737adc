import { RemixBrowser } from "@remix-run/react";
import i18next, { type BackendModule } from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { getInitialNamespaces } from "remix-i18next/client";
import { i18nOptions, namespaces } from "./i18n";
import { TZ_COOKIE } from "./lib/time-zone";

// GOV.UK's pattern: styles that need JavaScript hang off this class, so without it the page is whole.
document.documentElement.classList.add("js");

// Dates and times are shown in the person's own time zone; the server learns it from this cookie.
try {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone && !document.cookie.split("; ").includes(`${TZ_COOKIE}=${encodeURIComponent(zone)}`)) {
    document.cookie = `${TZ_COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax${location.protocol === "https:" ? "; secure" : ""}`;
  }
} catch {
  // No Intl time zone: the consultation's own zone is shown, named.
}

// The strings of a language are fetched only when the page needs them (same origin, cached an hour).
const fetchBackend: BackendModule = {
  type: "backend",
  init() {},
  read(lng, ns, callback) {
    fetch(`/locales/${encodeURIComponent(lng)}/${encodeURIComponent(ns)}.json`)
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`locales ${r.status}`))))
      .then((data) => callback(null, data), (error) => callback(error, false));
  },
};

// The briefing pack stays readable offline (public/sw.js); a browser without service workers just goes on.
if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js").catch(() => {});
  });
}

i18next
  .use(initReactI18next)
  .use(fetchBackend)
  .init({ ...i18nOptions, lng: document.documentElement.lang, ns: getInitialNamespaces() })
  .then(() => {
    startTransition(() => {
      hydrateRoot(
        document,
        <I18nextProvider i18n={i18next}>
          <StrictMode>
            <RemixBrowser />
          </StrictMode>
        </I18nextProvider>,
      );
    });
    // The page's own namespaces came first; the others follow while the person reads, so moving to
    // another kind of page shows its words at once (root.tsx also asks for a page's namespaces).
    const idle = window.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 1000));
    idle(() => void i18next.loadNamespaces([...namespaces]));
  });
