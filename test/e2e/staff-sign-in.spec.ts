import { expect, test } from "@playwright/test";
import { ADMIN, t } from "./helpers";

test.describe("staff sign-in", () => {
  test("refuses a wrong password with a generic message and keeps the email", async ({ page }, info) => {
    await page.goto("/login");
    await page.getByLabel(t("en", "auth:login.email.label"), { exact: true }).fill(ADMIN.email);
    await page.getByLabel(t("en", "auth:login.password.label"), { exact: true }).fill("not the password");
    await page.getByRole("button", { name: t("en", "auth:login.submit") }).click();
    await expect(page.getByRole("alert")).toContainText(t("en", "auth:errors.badCredentials"));
    await expect(page.getByLabel(t("en", "auth:login.email.label"), { exact: true })).toHaveValue(ADMIN.email);
    // Without JavaScript the page comes from the server: the password must not have been sent back.
    if (info.project.name === "js-off") await expect(page.getByLabel(t("en", "auth:login.password.label"), { exact: true })).toHaveValue("");
  });

  test("signs the admin in, invites a translator, and signs out", async ({ page, browserName }, info) => {
    await page.goto("/admin/users");
    // Sent to sign in, then back.
    await page.getByLabel(t("en", "auth:login.email.label"), { exact: true }).fill(ADMIN.email);
    await page.getByLabel(t("en", "auth:login.password.label"), { exact: true }).fill(ADMIN.password);
    await page.getByRole("button", { name: t("en", "auth:login.submit") }).click();
    await expect(page.getByRole("heading", { level: 1, name: t("en", "admin:users.title") })).toBeVisible();

    const email = `translator-${info.project.name}-${browserName}-${Date.now()}@example.org`;
    await page.getByLabel(t("en", "admin:users.invite.email"), { exact: true }).fill(email);
    await page.getByLabel(t("en", "admin:roles.translator"), { exact: true }).first().check();
    await page.getByRole("button", { name: t("en", "admin:users.invite.submit") }).click();
    await expect(page.getByRole("status")).toContainText("/invite/");
    await expect(page.getByRole("row", { name: new RegExp(email) })).toBeVisible();

    await page.getByRole("link", { name: t("en", "common:nav.account", { name: "Administrator" }) }).click();
    await page.getByRole("button", { name: t("en", "auth:account.signOut.here") }).click();
    await expect(page.getByRole("link", { name: t("en", "common:nav.signIn") })).toBeVisible();
  });
});
