import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { namespaces } from "./i18n";
import { loadNamespaces } from "./lib/i18n-react";
import { TZ_COOKIE } from "./lib/time-zone";
import { KeepTypedText, watchTypingUntilHydrated } from "./lib/typed-before-hydration.client";

// GOV.UK's pattern: styles that need JavaScript hang off this class, so without it the page is whole.
document.documentElement.classList.add("js");

// Dates and times are shown in the person's own time zone; the server learns it from this cookie, for
// the pages that come next. Working the zone out builds the browser's calendar data, a long task on a
// cheap phone just as the page becomes usable, so a worker does it (public/time-zone.js).
function rememberTimeZone(zone: unknown) {
  if (typeof zone !== "string" || !zone || document.cookie.split("; ").includes(`${TZ_COOKIE}=${encodeURIComponent(zone)}`)) return;
  document.cookie = `${TZ_COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax${location.protocol === "https:" ? "; secure" : ""}`;
}
try {
  if (typeof Worker === "function") {
    const worker = new Worker("/time-zone.js");
    worker.onmessage = (event) => {
      worker.terminate();
      rememberTimeZone(event.data);
    };
    worker.onerror = () => worker.terminate();
  } else {
    rememberTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
  }
} catch {
  // No worker and no Intl time zone: the consultation's own zone is shown, named.
}

// The briefing pack stays readable offline (public/sw.js); a browser without service workers just goes on.
if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js").catch(() => {});
  });
}

// The namespaces the page's routes name (their `handle.i18n`), which the server rendered it with.
const routeModules = (window as unknown as { __remixRouteModules: Record<string, { handle?: { i18n?: unknown } } | undefined> }).__remixRouteModules;
const pageNamespaces = Object.values(routeModules).flatMap((m) => (Array.isArray(m?.handle?.i18n) ? (m.handle.i18n as string[]) : []));
const lng = document.documentElement.lang;

// The strings are fetched (same origin, cached an hour) before the page hydrates, so it hydrates with the
// words it was rendered with. If they cannot be had, the page stays as the server sent it: it works
// without JavaScript, which is better than words replaced by their keys.
loadNamespaces(lng, ["common", ...pageNamespaces]).then(
  () => {
    watchTypingUntilHydrated();
    startTransition(() => {
      hydrateRoot(
        document,
        <StrictMode>
          <KeepTypedText>
            <RemixBrowser />
          </KeepTypedText>
        </StrictMode>,
      );
    });
    // The others follow while the person reads, so moving to another kind of page shows its words at once.
    const idle = window.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 1000));
    idle(() => void loadNamespaces(lng, namespaces).catch(() => {}));
  },
  () => document.documentElement.classList.remove("js"),
);
