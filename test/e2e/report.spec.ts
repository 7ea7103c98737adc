import { audit } from "./axe";
import { expect, test, type Page } from "@playwright/test";
import { t } from "./helpers";

// Issue #8: the consultation report, generated from the records: read with JavaScript off and on (the two
// projects), audited with axe, and printed. Other specs add inputs to the demo while this one runs, so the
// figures that can move are matched as numbers, not as the demo's own.

/** A locale string with its {{count}} as any number, as a pattern. */
function counted(key: string): string {
  const [one, other] = [t("en", `${key}_one`, { count: "#" }), t("en", `${key}_other`, { count: "#" })].map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace("#", "\\d+"));
  return `(?:${one}|${other})`;
}

const sentence = new RegExp(
  [counted("responses:report.changes.newHarms"), counted("responses:report.changes.ratings"), counted("responses:report.changes.mitigations")].join(", ") +
    ", " +
    t("en", "responses:report.changes.conclusionFirst", { to: t("en", "assessment:conclusion.proceed_with_conditions") }).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
);

async function openReport(page: Page) {
  await page.goto("/c/demo/responses");
  await page.getByRole("link", { name: t("en", "responses:report.link") }).click();
  await expect(page.getByRole("heading", { level: 1, name: t("en", "responses:report.heading") })).toBeVisible();
}

test("the report shows who took part and what the consultation changed in the assessment", async ({ page }) => {
  await openReport(page);
  await expect(page.locator(".lead")).toHaveText(sentence);
  await expect(page.getByRole("heading", { level: 2, name: t("en", "responses:report.changes.heading") })).toBeVisible();

  const figures = page.getByRole("table", { name: t("en", "responses:report.participation.figures") });
  await expect(figures.getByRole("row", { name: new RegExp(t("en", "responses:report.participation.participants")) })).toContainText(/\d+/);
  const methods = page.getByRole("table", { name: t("en", "responses:report.participation.byMethod") });
  // One radio call-in, for 14 people: the count of inputs is hidden (under 5), the people are shown.
  await expect(methods.getByRole("row", { name: new RegExp(t("en", "inputs:method.radio")) })).toHaveText(new RegExp(`${t("en", "responses:report.notShown")}\\s*14`));
  await expect(page.getByRole("table", { name: t("en", "responses:report.participation.byLanguage") })).toBeVisible();
  await expect(page.getByRole("table", { name: t("en", "responses:report.themes.byConcern") })).toBeVisible();
  await expect(page.getByRole("table", { name: t("en", "responses:report.answers.table") }).getByRole("row")).not.toHaveCount(0);
  await expect(page.getByRole("link", { name: /^#1 Refugee households/ }).first()).toBeVisible();

  // The open data beside it.
  const json = await (await page.request.get("/c/demo/report.json")).json();
  expect(json.participation.peopleHeardOffline.value).toBeGreaterThanOrEqual(52);
  expect(json.assessment.after).toMatchObject({ version: 1, conclusion: "proceed_with_conditions" });
});

test("printed, the report keeps its tables and drops the navigation", async ({ page }) => {
  await openReport(page);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: t("en", "common:nav.label") })).toBeHidden();
  await expect(page.getByRole("navigation", { name: t("en", "responses:report.contents") })).toBeHidden();
  await expect(page.getByRole("table", { name: t("en", "responses:report.participation.byMethod") })).toBeVisible();
  await expect(page.locator(".lead")).toHaveText(sentence);
  await page.emulateMedia({ media: "screen" });
  await expect(page.getByRole("navigation", { name: t("en", "responses:report.contents") })).toBeVisible();
});

// axe runs in the page, so it needs JavaScript: the "js-off" project audits the page a browser without
// JavaScript gets by asking for no scripts at all (the data-saver cookie), as accessibility.spec.ts does.
test("the report has no serious accessibility violation (WCAG 2.2 A and AA)", async ({ browser, baseURL }, info) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ baseURL, javaScriptEnabled: true });
  if (info.project.name === "js-off") await context.addCookies([{ name: "data_saver", value: "1", url: baseURL! }]);
  const page = await context.newPage();
  for (const lng of ["en", "ar"]) {
    await page.goto(`/c/demo/report?lng=${lng}`);
    await audit(page, `/c/demo/report ${lng}`);
  }
  if (info.project.name === "js-off") expect(await page.locator("script").count()).toBe(0);
  await context.close();
});
