import { expect, test } from "@playwright/test";
import { hydrated } from "./helpers";

// Dates are shown in the person's own time zone (the `tz` cookie, app/lib/time-zone.ts). The browser works
// the zone out in a worker (public/time-zone.js): on the page's own thread, building the calendar data for
// it was the longest task after the first paint, 100-150 ms at CPU x4 (issue #10, Lighthouse's blocking time).
test.use({ timezoneId: "Asia/Kolkata" });

test("the page learns the person's time zone off its main thread, and the next page shows times in it", async ({ page, context }, info) => {
  test.skip(info.project.name === "js-off", "without scripts the consultation's own zone is shown, named");
  // Counts the page's own uses of Intl.DateTimeFormat (a worker has a global of its own).
  await page.addInitScript(() => {
    const Original = Intl.DateTimeFormat;
    const counted = function (this: unknown, ...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
      (window as unknown as { __dateFormats: number }).__dateFormats++;
      return new Original(...args);
    } as unknown as typeof Intl.DateTimeFormat;
    Object.assign(counted, Original);
    (window as unknown as { __dateFormats: number }).__dateFormats = 0;
    Intl.DateTimeFormat = counted;
  });
  await page.goto("/c/demo");
  await hydrated(page);
  await expect.poll(async () => (await context.cookies()).find((c) => c.name === "tz")?.value, { timeout: 10_000 }).toMatch(/^Asia%2F(Kolkata|Calcutta)$/); // ICU may give the older name
  expect(await page.evaluate(() => (window as unknown as { __dateFormats: number }).__dateFormats)).toBe(0);
  await page.reload();
  // The demo closes at a time of day; whatever it is, it is now named in India's zone.
  await expect(page.locator("main")).toContainText("(GMT+5:30)");
});
