// The page paints before its scripts load (issue #10): app/lib/late-scripts.server.ts rewrites Remix's
// module preloads and module script. The rewrite may change attributes and the module script's text only:
// React hydrates the document whole, so an element added, removed or moved would make it throw the page
// away and render it again. test/e2e/late-scripts.spec.ts proves in a browser that the page paints first
// and still hydrates.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scriptsAfterFirstPaint } from "../../app/lib/late-scripts.server";
import { startTestServer } from "../helpers/server";

// What Remix 2 renders at the end of <body> (abridged: the manifest is longer).
const REMIX = [
  '<p>Text</p><link rel="modulepreload" href="/build/entry.client-A.js"/><link rel="modulepreload" href="/build/_shared/chunk-B.js"/>',
  '<script nonce="n">window.__remixContext = {};</script>',
  '<script nonce="n" type="module" async="">;',
  'import * as route0 from "/build/root-C.js";',
  'import * as route1 from "/build/routes/_index-D.js";',
  'window.__remixManifest = {"url": "/build/manifest-E.js"};',
  'window.__remixRouteModules = {"root":route0,"routes/_index":route1};',
  "",
  'import("/build/entry.client-A.js");</script><script nonce="n">window.__remixContext.streamController.close();</script>',
].join("\n");

/** The document's elements, opening and closing, in order. */
const tags = (html: string) => [...html.matchAll(/<(\/?[a-z]+)\b/g)].map((m) => m[1]);
const scriptTexts = (html: string) => [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);

describe("scripts after the first paint", () => {
  it("keeps every element in place and changes only the preloads' rel and the module script's text", () => {
    const out = scriptsAfterFirstPaint(REMIX);
    expect(tags(out)).toEqual(tags(REMIX));
    expect(out).not.toContain('<link rel="modulepreload"');
    expect(out.match(/<link rel="x-modulepreload" href="[^"]+"\/>/g)).toHaveLength(2);
    // The other scripts are untouched; the module script keeps its nonce, type and async.
    expect(scriptTexts(out).filter((_, i) => i !== 1)).toEqual(scriptTexts(REMIX).filter((_, i) => i !== 1));
    expect(out).toContain('<script nonce="n" type="module" async="">');
  });

  it("waits for the first paint, then turns the preloads on and imports the route modules in order before the entry", () => {
    const text = scriptTexts(scriptsAfterFirstPaint(REMIX))[1];
    const at = (s: string) => text.indexOf(s);
    expect(text).not.toMatch(/^\s*import\s/m);
    for (const s of ["first-contentful-paint", 'l.rel="modulepreload"', 'import("/build/root-C.js"), import("/build/routes/_index-D.js")', "window.__remixManifest", "window.__remixRouteModules", 'import("/build/entry.client-A.js")']) {
      expect(at(s), s).toBeGreaterThan(-1);
    }
    expect(at("first-contentful-paint")).toBeLessThan(at('l.rel="modulepreload"'));
    expect(at('l.rel="modulepreload"')).toBeLessThan(at('import("/build/root-C.js")'));
    expect(at("const [route0, route1] =")).toBeLessThan(at("window.__remixRouteModules"));
    expect(at("window.__remixRouteModules")).toBeLessThan(at('import("/build/entry.client-A.js")'));
    // It is a script a browser can compile (an async function stands for the module's top level).
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
    expect(() => new AsyncFunction(text.replace(/\bimport\(/g, "load("))).not.toThrow();
  });

  it("leaves a document it does not recognise as it was, and is idempotent", () => {
    const other = REMIX.replace('type="module"', 'type="text/x-other"');
    expect(scriptsAfterFirstPaint(other)).toBe(other);
    const once = scriptsAfterFirstPaint(REMIX);
    expect(scriptsAfterFirstPaint(once)).toBe(once);
  });
});

describe("scripts after the first paint, on the served page", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("/ is sent without any script: a list of links needs none (its route says scripts: false)", async () => {
    const home = await (await fetch(`${server.url}/`)).text();
    expect(home).toContain('<ul class="card-list">');
    expect(home).not.toMatch(/<script\b/);
    expect(home).not.toContain("modulepreload");
    // Its links lead to pages that load their scripts.
    expect(await (await fetch(`${server.url}/register`)).text()).toMatch(/<script\b[^>]*type="module"/);
  });

  it("/c/demo has no early module preload and one module script that waits for the first paint", async () => {
    const html = await (await fetch(`${server.url}/c/demo`)).text();
    expect(html).not.toContain('<link rel="modulepreload"');
    expect(html.match(/<link rel="x-modulepreload" href="\/build\/[^"]+\.js"\/>/g)?.length).toBeGreaterThan(5);
    const modules = [...html.matchAll(/<script\b[^>]*type="module"[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(modules).toHaveLength(1);
    expect(modules[0]).toMatch(/^await new Promise\(g=>\{.*"first-contentful-paint".*\}\);\nfor\(const l of/);
    expect(modules[0]).toMatch(/import\("\/build\/entry\.client-[^"]+\.js"\);\s*$/);
    expect(modules[0]).not.toMatch(/^\s*import\s/m);
  });
});
