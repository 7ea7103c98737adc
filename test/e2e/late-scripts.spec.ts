import { expect, test } from "@playwright/test";
import { hydrated } from "./helpers";

// Issue #10: the page paints before its scripts load (app/lib/late-scripts.server.ts), and still hydrates
// the document the server rendered, without a mismatch (which would make React render it all again).
for (const path of ["/c/demo", "/register/demo", "/register"]) {
  test(`${path} paints first, then loads its scripts and hydrates`, async ({ page }, info) => {
    test.skip(info.project.name === "js-off", "without scripts there is nothing to load late");
    const problems: string[] = [];
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(path);
    // Once hydrated, Remix renders its scripts no more: the preload links leave the document.
    await expect(page.locator('link[rel$="modulepreload"]')).toHaveCount(0, { timeout: 15_000 });
    await hydrated(page);
    const timing = await page.evaluate(() => ({
      paint: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
      scripts: performance
        .getEntriesByType("resource")
        .filter((e) => /\/build\/.+\.js$/.test(new URL(e.name).pathname))
        .map((e) => e.startTime),
    }));
    expect(timing.paint).not.toBeNull();
    expect(timing.scripts.length).toBeGreaterThan(5);
    expect(Math.min(...timing.scripts)).toBeGreaterThanOrEqual(timing.paint!);
    expect(problems).toEqual([]);
  });
}

test("/ loads no script at all, and its links still lead on", async ({ page }, info) => {
  test.skip(info.project.name === "js-off", "without scripts no page loads any");
  const scripts: string[] = [];
  page.on("request", (r) => r.resourceType() === "script" && scripts.push(r.url()));
  await page.goto("/", { waitUntil: "networkidle" });
  expect(scripts).toEqual([]);
  await page.locator(".card-list a").first().click();
  await expect(page).toHaveURL(/\/c\//);
  await hydrated(page);
  // The first scripts are the consultation page's own.
  expect(scripts.length).toBeGreaterThan(5);
  expect(scripts.every((u) => new URL(u).pathname.startsWith("/build/"))).toBe(true);
});
