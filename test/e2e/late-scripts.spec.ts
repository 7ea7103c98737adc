import { expect, test } from "@playwright/test";
import { holdScripts, hydrated, signInAdmin, t } from "./helpers";

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
  // The page's modules, and the worker that reads the time zone off the main thread.
  expect(scripts.every((u) => new URL(u).pathname.startsWith("/build/") || new URL(u).pathname === "/time-zone.js")).toBe(true);
});

// React 18, hydrating a <textarea> that came with text, puts that text back as its value: what someone had
// typed over it before the scripts arrived was lost (a CI run caught it on the interface texts page, where
// the field holds the current wording). app/lib/typed-before-hydration.client.tsx keeps it.
test("text typed over a filled-in field before the scripts arrive is still there once they have", async ({ page }, info) => {
  test.skip(info.project.name === "js-off", "without scripts nothing hydrates");
  await signInAdmin(page);
  const scripts = await holdScripts(page);
  await page.goto("/admin/translations/ui?lang=fr&ns=common&key=nav.account");
  const text = page.getByLabel(t("en", "translations:ui.admin.text"), { exact: true });
  const sent = await text.inputValue();
  expect(sent).not.toBe("");
  await text.fill("Typed before the scripts came ({{name}})");
  scripts.release();
  await hydrated(page);
  await scripts.stop();
  // Past the effects that follow hydration.
  await page.waitForTimeout(300);
  await expect(text).toHaveValue("Typed before the scripts came ({{name}})");
  // And the field still knows what it was sent with (a form can tell what was changed).
  expect(await text.evaluate((el: HTMLTextAreaElement) => el.defaultValue)).toBe(sent);
});
