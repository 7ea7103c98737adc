import { expect, test } from "@playwright/test";
import { t, uniqueName } from "./helpers";

const LANGS = ["en", "fr", "es", "pt", "ar", "ur", "sw", "am", "ha", "hi", "bn", "id"];

test.describe("taking part in the demo consultation", () => {
  test("joins with only a pseudonym, keeps the recovery code, and is shown as taking part (001 §33)", async ({ page }) => {
    const pseudonym = uniqueName("Amani");
    await page.goto("/c/demo");
    await page.getByRole("link", { name: t("en", "consultations:takePart.join") }).click();
    await expect(page.getByRole("heading", { level: 1, name: t("en", "consultations:join.title") })).toBeVisible();
    // Nothing but a pseudonym and consent is asked: no email, phone or name field.
    await expect(page.locator("input[type=email], input[type=tel]")).toHaveCount(0);
    await page.getByLabel(t("en", "consultations:join.pseudonym.label"), { exact: true }).fill(pseudonym);
    await page.getByLabel(t("en", "consultations:join.consent.label"), { exact: true }).check();
    await page.getByRole("button", { name: t("en", "consultations:join.submit") }).click();

    await expect(page.getByRole("heading", { level: 1, name: t("en", "auth:welcome.title") })).toBeVisible();
    const code = await page.locator(".recovery__code code").textContent();
    expect(code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    await page.getByRole("link", { name: t("en", "auth:welcome.continue") }).click();
    await expect(page.getByText(t("en", "consultations:takePart.joinedAs", { pseudonym }))).toBeVisible();
  });

  test("shows a refused join again with the error beside the field and the pseudonym kept", async ({ page }) => {
    const pseudonym = uniqueName("Halima");
    await page.goto("/c/demo/join?lng=fr");
    const field = page.getByLabel(t("fr", "consultations:join.pseudonym.label"), { exact: true });
    await field.fill(pseudonym);
    await page.getByRole("button", { name: t("fr", "consultations:join.submit") }).click();
    await expect(page.getByRole("alert")).toContainText(t("fr", "auth:errors.consentRequired"));
    await expect(field).toHaveValue(pseudonym);
    await expect(page.getByLabel(t("fr", "consultations:join.consent.label"), { exact: true })).toHaveAttribute("aria-invalid", "true");
  });

  test("reads the consultation in all 12 languages, Arabic and Urdu right to left", async ({ page }) => {
    // A CSP violation, a failed request or a hydration mismatch shows up here as a console error.
    const problems: string[] = [];
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    page.on("pageerror", (e) => problems.push(e.message));
    for (const lng of LANGS) {
      await page.goto(`/c/demo?lng=${lng}`);
      await expect(page.locator("html")).toHaveAttribute("lang", lng);
      await expect(page.locator("html")).toHaveAttribute("dir", lng === "ar" || lng === "ur" ? "rtl" : "ltr");
      await expect(page.getByRole("heading", { level: 2, name: t(lng, "consultations:takePart.heading") })).toBeVisible();
    }
    expect(problems).toEqual([]);
  });

  test("reads the briefing in easy read and opens the printable answer sheet", async ({ page }) => {
    await page.goto("/c/demo");
    const levels = page.getByRole("navigation", { name: t("en", "consultations:briefing.level.label") });
    await levels.getByRole("link", { name: t("en", "consultations:briefing.level.easy") }).click();
    await expect(levels.getByRole("link", { name: t("en", "consultations:briefing.level.easy") })).toHaveAttribute("aria-current", "page");
    await expect(page.getByText("Nothing is decided yet.", { exact: true })).toBeVisible();
    await page.getByRole("link", { name: t("en", "consultations:briefing.print") }).click();
    await expect(page.getByRole("heading", { level: 2, name: t("en", "consultations:paper.title") })).toBeVisible();
    await expect(page.getByRole("heading", { level: 3, name: /^Q1 · / })).toBeVisible();
  });

  test("changes language with the footer's switcher, and the choice is remembered", async ({ page }) => {
    await page.goto("/c/demo");
    await page.getByLabel(t("en", "common:language.label"), { exact: true }).selectOption("sw");
    await page.getByRole("button", { name: t("en", "common:language.submit") }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "sw");
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "sw");
    await expect(page.getByRole("heading", { level: 1, name: t("sw", "common:home.title") })).toBeVisible();
  });
});
