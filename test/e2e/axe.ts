import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type Page } from "@playwright/test";
import { settled } from "./helpers";

// Accessibility audits shared by the specs: WCAG 2.2 A and AA through axe-core. axe runs inside the page,
// so the browser needs JavaScript; the "js-off" project audits what a browser without JavaScript gets by
// asking the server for no scripts at all (the data-saver cookie), which is the same HTML.

/** Playwright's `test` whose `page` is set up for auditing as described above. */
export const test = base.extend<{ page: Page }>({
  page: async ({ browser, baseURL }, use, info) => {
    const context = await browser.newContext({ baseURL, javaScriptEnabled: true });
    if (info.project.name === "js-off") await context.addCookies([{ name: "data_saver", value: "1", url: baseURL! }]);
    const page = await context.newPage();
    await use(page);
    await context.close();
  },
});

/** Audits the page as it is: critical and serious violations fail, the rest are printed. */
export async function audit(page: Page, label: string) {
  // Scripts load after the first paint (issue #10): the page is audited once they have run, not while React
  // is hydrating it (a CI run once reported no title on a page that always has one, audited mid-way).
  await settled(page);
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const bad = result.violations.filter((v) => v.impact === "critical" || v.impact === "serious");
  for (const v of result.violations.filter((x) => !bad.includes(x))) console.log(`${label}: ${v.impact} ${v.id} (${v.nodes.length})`);
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), label).toEqual([]);
}
