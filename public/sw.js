// The service worker (issue #5): keeps the briefing pack readable without a connection. It caches, on
// this device only, the consultation and briefing pages a person has opened, and the hashed scripts,
// styles and words they need; pages are always fetched fresh first and the copy is used only offline.
// Nothing is sent anywhere; signing out or deleting the account clears the copies.
const PAGES = "pages-v1";
const ASSETS = "assets-v1";
const PAGE = /^\/c\/[a-z0-9][a-z0-9-]*(\/briefing)?$/;

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== PAGES && k !== ASSETS).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== "GET") {
    // Signing out or deleting the account: nothing of theirs stays on the device.
    if (url.pathname === "/logout" || url.pathname === "/account") event.waitUntil(caches.delete(PAGES));
    return;
  }
  if (request.mode === "navigate" && PAGE.test(url.pathname)) {
    event.respondWith(networkFirst(request));
  } else if (url.pathname.startsWith("/build/")) {
    // Hashed names: a file never changes, so the copy is always right.
    event.respondWith(cacheFirst(request));
  } else if (url.pathname.startsWith("/locales/")) {
    // The words may be corrected: the copy now, a fresh one for next time.
    event.respondWith(staleWhileRevalidate(request));
  }
});

async function networkFirst(request) {
  const cache = await caches.open(PAGES);
  try {
    const response = await fetch(request);
    if (response.ok && !/no-store/.test(response.headers.get("cache-control") || "")) await cache.put(request, response.clone());
    return response;
  } catch (err) {
    const copy = await cache.match(request, { ignoreSearch: false });
    if (copy) return copy;
    throw err;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(ASSETS);
  const copy = await cache.match(request);
  if (copy) return copy;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function staleWhileRevalidate(request) {
  const cache = await caches.open(ASSETS);
  const copy = await cache.match(request);
  const fresh = fetch(request).then(async (response) => {
    if (response.ok) await cache.put(request, response.clone());
    return response;
  });
  if (copy) {
    fresh.catch(() => {});
    return copy;
  }
  return fresh;
}
