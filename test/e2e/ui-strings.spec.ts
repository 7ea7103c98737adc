import { expect } from "@playwright/test";
import { audit, test } from "./axe";
import { signInAdmin, t } from "./helpers";

// The interface's languages and the translators' page for its strings (issue #9): WCAG 2.2 A and AA through
// axe-core, with JavaScript off and on (the two projects), as test/e2e/accessibility.spec.ts does. axe runs
// inside the page, so the "js-off" project asks the server for no scripts (the data-saver cookie): the same HTML.

test.describe.configure({ timeout: 120_000 });


/** A string in `lng`, or in English where that language has no such file yet (the site falls back the same way). */
function tr(lng: string, key: string, vars: Record<string, string> = {}): string {
  try {
    return t(lng, key, vars);
  } catch {
    return t("en", key, vars);
  }
}

for (const lng of ["en", "ar"]) {
  test(`/languages has no serious accessibility violation in ${lng}`, async ({ page }, info) => {
    await page.goto(`/languages?lng=${lng}`);
    await expect(page.getByRole("heading", { level: 1, name: tr(lng, "translations:ui.languages.title") })).toBeVisible();
    await expect(page.getByRole("table").getByRole("row")).toHaveCount(13);
    await audit(page, `/languages ${lng}`);
    if (info.project.name === "js-off") expect(await page.locator("script").count()).toBe(0);
  });
}

test("the interface texts page, its errors and its suggestions have no serious accessibility violation", async ({ page }) => {
  await signInAdmin(page);

  await page.goto("/admin/translations/ui?lang=fr");
  await expect(page.getByRole("heading", { level: 1, name: t("en", "translations:ui.admin.title") })).toBeVisible();
  await audit(page, "/admin/translations/ui?lang=fr");

  // A string looked up, then a refused suggestion with its error summary and invalid field.
  await page.goto("/admin/translations/ui?lang=fr&ns=common&key=nav.account");
  await expect(page.locator("[data-english]")).toHaveText(t("en", "common:nav.account", { name: "{{name}}" }));
  const text = page.getByLabel(t("en", "translations:ui.admin.text"), { exact: true });
  await text.fill("<b>Votre espace</b> ({{name}})");
  await page.getByRole("button", { name: t("en", "translations:ui.admin.submit") }).click();
  await expect(page.getByRole("alert")).toContainText(t("en", "translations:ui.errors.markup"));
  await expect(text).toHaveValue("<b>Votre espace</b> ({{name}})");
  await audit(page, "/admin/translations/ui with errors");

  // A good one, then the list with its accept and reject buttons.
  await text.fill("Votre espace ({{name}})");
  await page.getByRole("button", { name: t("en", "translations:ui.admin.submit") }).click();
  await expect(page.getByRole("status")).toContainText(t("en", "translations:ui.admin.suggested"));
  await expect(page.getByRole("button", { name: `${t("en", "translations:ui.admin.accept")} common:nav.account` }).first()).toBeVisible();
  await audit(page, "/admin/translations/ui with a suggestion to decide");
});
