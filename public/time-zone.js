// A worker that tells the page the person's time zone (app/entry.client.tsx). Asking for it makes the
// browser build its calendar data: 25-40 ms of a laptop's main thread, 100-150 ms of a cheap phone's
// (measured in chromium at CPU x4), while the page is trying to become usable. Here it costs the page
// nothing.
try {
  postMessage(Intl.DateTimeFormat().resolvedOptions().timeZone || "");
} catch {
  postMessage("");
}
