import { expect, test } from "@playwright/test";
import { ADMIN, t } from "./helpers";

// Issue #8: staff answer an input and the answer is public, with JavaScript off and on.
test("a lead answers an input, and the answer is on the public page", async ({ page }, info) => {
  await page.goto("/admin/consultations/demo/responses");
  await page.getByLabel(t("en", "auth:login.email.label"), { exact: true }).fill(ADMIN.email);
  await page.getByLabel(t("en", "auth:login.password.label"), { exact: true }).fill(ADMIN.password);
  await page.getByRole("button", { name: t("en", "auth:login.submit") }).click();
  await expect(page.getByRole("heading", { level: 1, name: t("en", "responses:admin.heading") })).toBeVisible();
  await expect(page.getByRole("meter")).toBeVisible();

  // Each project answers its own input: the two run at the same time on one database.
  const mine = info.project.name === "js-off" ? { input: /Les familles qui travaillent aux champs/, impact: /#2 Messy papers and seasonal income read as fraud/ } : { input: /The free line and SMS are good/, impact: /#4 People do not know they can opt out/ };
  await page.getByRole("link", { name: mine.input }).click();
  await expect(page.getByRole("heading", { level: 1, name: t("en", "responses:admin.answerTitle") })).toBeVisible();
  const reason = page.getByLabel(t("en", "responses:admin.reason"), { exact: true });
  await reason.fill(" ");
  await page.getByRole("button", { name: t("en", "responses:admin.save"), exact: true }).click();
  await expect(page.getByRole("alert")).toContainText(t("en", "responses:errors.reason"));

  const words = `Answered again from the staff pages, with a new reason (${info.project.name}).`;
  await page.getByLabel(t("en", "responses:decision.partly_adopted"), { exact: true }).check();
  await page.getByLabel(t("en", "responses:admin.reason"), { exact: true }).fill(words);
  await page.getByRole("button", { name: t("en", "responses:admin.save"), exact: true }).click();
  await expect(page.getByRole("status")).toContainText(t("en", "responses:admin.answered"));

  await page.goto("/c/demo/responses?decision=partly_adopted");
  await expect(page.getByText(words)).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: words }).getByRole("link", { name: mine.impact })).toBeVisible();
});

test("a participant finds their notices from their account page", async ({ page }) => {
  await page.goto("/c/demo/join");
  await page.getByLabel(t("en", "consultations:join.pseudonym.label"), { exact: true }).fill(`Inbox reader ${Math.random().toString(36).slice(2, 6)}`);
  await page.getByLabel(t("en", "consultations:join.consent.label"), { exact: true }).check();
  await page.getByRole("button", { name: t("en", "consultations:join.submit") }).click();
  await page.getByRole("link", { name: t("en", "auth:welcome.continue") }).click();
  // Through the links, as a person would (with JavaScript, client-side navigation).
  await page.getByRole("link", { name: /^Your account/ }).click();
  await expect(page.getByRole("heading", { level: 2, name: t("en", "responses:inbox.title") })).toBeVisible();
  await page.getByRole("link", { name: t("en", "responses:inbox.unread_other", { count: "0" }) }).click();
  await expect(page.getByRole("heading", { level: 1, name: t("en", "responses:inbox.title") })).toBeVisible();
  await expect(page.getByText(t("en", "responses:inbox.empty"))).toBeVisible();
});
