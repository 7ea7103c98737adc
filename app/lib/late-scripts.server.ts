// Scripts after the first paint (issue #10).
//
// Remix announces every module of a page as <link rel="modulepreload">, which browsers fetch at high
// priority beside the stylesheet, and its module script imports the route modules at once. On a slow link
// the page's scripts (about 107 KB on /c/demo) then share the line with the 2.9 KB stylesheet and hold back
// the first paint of a page that is whole without them.
//
// This rewrites the rendered document so that the page paints first and loads its scripts after: the
// preload links get an inert `rel`, and Remix's module script waits for the first paint, then turns the
// preloads back on and imports the same modules in the same order. React hydrates the
// document whole, Remix's script elements included, so no element is added, removed or moved: only the
// `rel` attribute and the module script's text change, and React compares neither when it hydrates.
//
// If Remix ever renders its scripts differently, the document is left as it was (the page loads its scripts
// early, as before), and test/server/late-scripts.test.ts fails on the real page.

const PRELOAD = '<link rel="modulepreload"';
const LATER = '<link rel="x-modulepreload"';
const MODULE_SCRIPT = /(<script\b[^>]*\btype="module"[^>]*>)([\s\S]*?)(<\/script>)/;
const STATIC_IMPORT = /^\s*import\s+(?:\*\s+as\s+([A-Za-z_$][\w$]*)\s+from\s+)?("[^"]+");?[ \t]*$/gm;

/** The document with its module preloads and module script held until after the first paint. */
export function scriptsAfterFirstPaint(html: string): string {
  const script = MODULE_SCRIPT.exec(html);
  if (!script) return html;
  const [whole, open, body, close] = script;
  const imports = [...body.matchAll(STATIC_IMPORT)].map((m) => ({ name: m[1], from: m[2] }));
  if (imports.length === 0) return html;
  const rest = body.replace(STATIC_IMPORT, "").replace(/^[;\s]+/, "");
  // After the first contentful paint, as the browser reports it once the frame is on screen (a browser that
  // does not report paints goes at once). A page that is not shown paints nothing: the timer loads its
  // scripts anyway. Written short: it is in every page, within the 14 KB budget.
  const late = [
    'await new Promise(g=>{setTimeout(g,3e3);PerformanceObserver.supportedEntryTypes?.includes("paint")?new PerformanceObserver(l=>l.getEntriesByName("first-contentful-paint")[0]&&g()).observe({type:"paint",buffered:!0}):g()});',
    'for(const l of document.querySelectorAll("[rel=x-modulepreload]"))l.rel="modulepreload";',
    `const [${imports.map((i, n) => i.name ?? `_${n}`).join(", ")}] = await Promise.all([${imports.map((i) => `import(${i.from})`).join(", ")}]);`,
    rest,
  ].join("\n");
  return (html.slice(0, script.index) + open + late + close + html.slice(script.index + whole.length)).replaceAll(PRELOAD, LATER);
}
