import { expect, test } from "@playwright/test";

// Issue #10: no request to any other origin, from any public page, with JavaScript on (what scripts fetch
// later counts too: strings, the live board's socket, the service worker). Privacy and cost: a person on
// metered data pays for every byte, and a third party would learn who reads what.
const PAGES = ["/", "/c/demo", "/c/demo/briefing", "/c/demo/join", "/c/demo/responses", "/c/demo/report", "/register", "/register/demo", "/register/demo/assessment", "/register/demo/grievances", "/languages", "/login"];

test("public pages make no request to another origin", async ({ page, baseURL }, info) => {
  test.skip(info.project.name === "js-off", "scripts are what could reach out; without them the HTML is checked by test/server/http.test.ts");
  const origin = new URL(baseURL!).origin;
  const elsewhere: string[] = [];
  let seen = 0;
  page.on("request", (r) => {
    seen++;
    const url = new URL(r.url());
    if (url.origin !== origin && !["data:", "blob:"].includes(url.protocol)) elsewhere.push(`${r.resourceType()} ${r.url()}`);
  });
  page.on("websocket", (ws) => {
    if (new URL(ws.url()).host !== new URL(origin).host) elsewhere.push(`websocket ${ws.url()}`);
  });
  for (const path of PAGES) {
    await page.goto(path, { waitUntil: "networkidle" });
  }
  // The live board connects once the board is in view.
  await page.goto("/c/demo", { waitUntil: "networkidle" });
  const socket = page.waitForEvent("websocket", { timeout: 10_000 });
  await page.locator("section.board").scrollIntoViewIfNeeded();
  expect(new URL((await socket).url()).pathname).toMatch(/^\/yjs\//);
  expect(seen).toBeGreaterThan(PAGES.length * 3);
  expect(elsewhere).toEqual([]);
});
