import { expect, test } from "@playwright/test";
import { t, uniqueName } from "./helpers";

// Issue #5: with JavaScript off (and on), a new person joins, comments on a question, replies to
// someone, and sees both.
test("a new participant comments on a question and replies to someone", async ({ page }) => {
  const pseudonym = uniqueName("Wanjiku");
  const label = (key: string) => page.getByLabel(t("en", key), { exact: true });
  await page.goto("/c/demo/join");
  await label("consultations:join.pseudonym.label").fill(pseudonym);
  await label("consultations:join.consent.label").check();
  await page.getByRole("button", { name: t("en", "consultations:join.submit") }).click();
  await page.getByRole("link", { name: t("en", "auth:welcome.continue") }).click();

  const comment = `Automated flags must be explained to the family in their language (${pseudonym}).`;
  await label("inputs:form.body.label").fill(comment);
  await label("inputs:form.target.label").selectOption({ label: t("en", "inputs:form.target.question", { code: "Q3" }) });
  await page.getByRole("button", { name: t("en", "inputs:form.submit") }).click();
  const mine = page.locator("article.board__item", { hasText: comment });
  await expect(mine).toBeVisible();
  await expect(mine).toContainText(pseudonym);

  await page.getByRole("link", { name: t("en", "inputs:board.replyTo", { name: "Amina K." }) }).click();
  await expect(page.getByText(t("en", "inputs:form.replyingTo", { name: "Amina K." }))).toBeVisible();
  const reply = `Yes, the spelling problem is common (${pseudonym}).`;
  await label("inputs:form.body.label").fill(reply);
  await page.getByRole("button", { name: t("en", "inputs:form.replySubmit") }).click();
  const thread = page.locator("article.board__item", { hasText: "My application took four months" });
  await expect(thread.locator(".board__replies")).toContainText(reply);
  await expect(mine).toBeVisible();
});
