import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN, t } from "./helpers";

// Issue #9, with JavaScript off and on: a translator takes the whole demo briefing into a new language, a
// second person reviews it, and readers see it marked as checked by two people; Arabic readers see the
// briefing right to left, marked as a person's translation awaiting review.

test.describe.configure({ timeout: 180_000 });

const label = (page: Page, key: string, vars: Record<string, string> = {}) => page.getByLabel(t("en", key, vars), { exact: true });

/** A translator of the demo's organisation, invited by the admin on `admin`, signed in on a page of their own. */
async function translatorPage(browser: Browser, admin: Page, email: string, js: boolean): Promise<Page> {
  await admin.goto("/admin/users");
  await label(admin, "auth:login.email.label").fill(ADMIN.email);
  await label(admin, "auth:login.password.label").fill(ADMIN.password);
  await admin.getByRole("button", { name: t("en", "auth:login.submit") }).click();
  await expect(admin.getByRole("heading", { level: 1, name: t("en", "admin:users.title") })).toBeVisible();
  await label(admin, "admin:users.invite.email").fill(email);
  await label(admin, "admin:users.invite.organisation").selectOption({ label: "Ministry of Social Protection, Republic of Kalindi (fictional)" });
  await label(admin, "admin:roles.translator").first().check();
  await admin.getByRole("button", { name: t("en", "admin:users.invite.submit") }).click();
  const link = (await admin.getByRole("status").innerText()).match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/)![0];
  const context = await browser.newContext({ javaScriptEnabled: js, baseURL: new URL(admin.url()).origin });
  const page = await context.newPage();
  await page.goto(new URL(link).pathname);
  await label(page, "auth:invite.name.label").fill("Inès, translator");
  await label(page, "auth:invite.password.label").fill("a translator's long password");
  await label(page, "auth:invite.confirm.label").fill("a translator's long password");
  await page.getByRole("button", { name: t("en", "auth:invite.submit") }).click();
  await expect(page.getByRole("link", { name: t("en", "admin:nav.translations") })).toBeVisible();
  return page;
}

test("a translator takes the demo briefing into a new language and a second person reviews it", async ({ browser, page: admin }, info) => {
  const js = info.project.name === "js-on";
  // Each project its own language: the two run at once on one database.
  const lang = js ? "id" : "es";
  const translator = await translatorPage(browser, admin, `translator-${info.project.name}-${Date.now()}@example.org`, js);
  await translator.getByRole("link", { name: t("en", "admin:nav.translations") }).click();
  const filters = translator.locator("form.filters");
  await filters.getByLabel(t("en", "translations:queue.consultation"), { exact: true }).selectOption("demo");
  await filters.getByLabel(t("en", "translations:queue.lang"), { exact: true }).selectOption(lang);
  await translator.getByRole("button", { name: t("en", "translations:queue.apply") }).click();
  await expect(translator.locator(`tr[data-lang="${lang}"] [data-ready]`)).toHaveAttribute("data-ready", "no");

  // Every item of the briefing, one after another, from the queue.
  const briefing = translator.locator("ul.queue li:not([data-state='translated'])").filter({ hasText: /^(Consultation title|Briefing section|Question)/ });
  for (let round = 0; round < 40 && (await briefing.count()) > 0; round++) {
    await briefing.first().getByRole("link").click();
    // The editor itself (with JavaScript the queue's own heading is still there for a moment).
    await expect(translator.locator("[data-item-state]")).toBeVisible();
    const areas = translator.locator("textarea[name^='text_']");
    for (let i = 0; i < (await areas.count()); i++) await areas.nth(i).fill(`[${lang}] translated text ${round}.${i}`);
    await translator.getByRole("button", { name: t("en", "translations:editor.finish") }).click();
    await expect(translator.getByRole("status")).toContainText(t("en", "translations:editor.done.finish"));
    await expect(translator.getByText(t("en", "translations:review.ownWork"))).toBeVisible();
    await translator.goto(`/admin/translations?consultation=demo&lang=${lang}`);
  }
  await expect(translator.locator(`tr[data-lang="${lang}"] [data-ready]`)).toHaveAttribute("data-ready", "yes");
  await expect(translator.locator(`tr[data-lang="${lang}"] [data-state="translated"]`)).not.toHaveText("0");

  // The admin, a second person, reviews each one.
  await admin.goto(`/admin/translations?consultation=demo&lang=${lang}&show=review`);
  const toReview = admin.locator("ul.queue li[data-state='translated']").filter({ hasText: /^(Consultation title|Briefing section|Question)/ });
  for (let round = 0; round < 40 && (await toReview.count()) > 0; round++) {
    await toReview.first().getByRole("link").click();
    await expect(admin.locator("[data-item-state='translated']")).toBeVisible();
    await admin.getByRole("button", { name: t("en", "translations:review.approve") }).click();
    await expect(admin.getByRole("status")).toContainText(t("en", "translations:editor.done.approve"));
    await admin.goto(`/admin/translations?consultation=demo&lang=${lang}&show=review`);
  }
  await admin.goto(`/admin/translations?consultation=demo&lang=${lang}`);
  await expect(admin.locator(`tr[data-lang="${lang}"] [data-state="translated"]`)).toHaveText("0");

  // Readers in that language see the briefing as translated and checked by two people.
  const reader = await browser.newContext({ javaScriptEnabled: js, baseURL: new URL(admin.url()).origin });
  const page = await reader.newPage();
  await page.goto(`/c/demo/briefing?lng=${lang}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^\[.+\] translated text/);
  const statuses = await page.locator("[data-translation-status]").evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute("data-translation-status")))]);
  expect(statuses).toEqual(["human_reviewed"]);
  await reader.close();
  await translator.context().close();
});

test("a reader in Arabic gets the briefing right to left, marked as a person's translation awaiting review", async ({ page }) => {
  await page.goto("/c/demo?lng=ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveAttribute("data-translation-status", "human");
  await expect(page.locator(".translation-note[data-translation-status='human']").first()).toBeVisible();
  // Inputs written in another language and translated: the reader in English sees them marked, the original a click away.
  await page.goto("/c/demo?lng=en");
  const machine = page.locator("details.translation-note[data-translation-status='machine']").first();
  await expect(machine).toBeVisible();
  await machine.locator("summary").click();
  await expect(machine).toContainText("Watu wengi hawatajua");
});
