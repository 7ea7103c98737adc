import { expect, test } from "@playwright/test";
import { ADMIN, t } from "./helpers";

// Issue #4, "Done when": a lead creates, edits, publishes and re-publishes a dossier through the UI,
// with JavaScript off (and on), and the diff between versions is readable.
test("a dossier is created, published, changed and re-published, and the change is shown", async ({ page }, info) => {
  const slug = `school-meals-${info.project.name}-${Date.now().toString(36)}`;
  const label = (key: string) => page.getByLabel(t("en", key), { exact: true });

  await page.goto("/login?redirectTo=/admin/deployments");
  await label("auth:login.email.label").fill(ADMIN.email);
  await label("auth:login.password.label").fill(ADMIN.password);
  await page.getByRole("button", { name: t("en", "auth:login.submit") }).click();
  await expect(page.getByRole("heading", { level: 1, name: t("en", "admin:deployments.title") })).toBeVisible();

  await label("admin:deployments.create.name").fill("School meals eligibility");
  await label("admin:deployments.create.slug").fill(slug);
  await label("admin:deployments.create.sector").selectOption("education");
  await page.getByRole("button", { name: t("en", "admin:deployments.create.submit") }).click();
  await expect(page.getByRole("heading", { level: 1, name: t("en", "admin:deployments.edit.title", { name: "School meals eligibility" }) })).toBeVisible();

  const fill: [string, string][] = [
    ["dossier:field.identity.responsibleOffice", "School meals unit, Ministry of Education"],
    ["dossier:field.identity.contact", "meals@education.example"],
    ["dossier:field.purpose.purpose", "Find pupils eligible for free school meals from benefit records."],
    ["dossier:field.purpose.mostImpacted", "Children of families not in the benefit records."],
    ["dossier:field.system.does", "Matches pupils to benefit records."],
    ["dossier:field.system.limitations", "Misses families who never applied for benefits."],
    ["dossier:field.system.humanOversight", "School staff confirm every match."],
    ["dossier:field.data.sources", "School rolls and benefit records."],
    ["dossier:field.data.personalData", "Names, dates of birth, addresses."],
    ["dossier:field.remedy.responsibleEntity", "Education ombudsperson"],
    ["dossier:field.remedy.process", "Ask the school office."],
  ];
  for (const [key, value] of fill) await label(key).fill(value);
  await page.getByRole("button", { name: t("en", "admin:deployments.edit.save") }).click();
  await expect(page.getByRole("status")).toContainText(t("en", "admin:deployments.edit.saved"));

  await label("admin:deployments.publish.changeSummary").fill("First publication");
  await page.getByRole("button", { name: t("en", "admin:deployments.publish.submit", { version: "1" }) }).click();
  await expect(page.getByRole("status")).toContainText(t("en", "admin:deployments.publish.published", { version: "1" }));

  await label("dossier:field.system.limitations").fill("Misses families who never applied for benefits, and new arrivals.");
  await page.getByRole("button", { name: t("en", "admin:deployments.edit.save") }).click();
  // Saved before publishing: with JavaScript a late answer to the save would otherwise overwrite the publish notice.
  await expect(page.getByRole("status")).toContainText(t("en", "admin:deployments.edit.saved"));
  await label("admin:deployments.publish.changeSummary").fill("New arrivals named as a limitation");
  await page.getByRole("button", { name: t("en", "admin:deployments.publish.submit", { version: "2" }) }).click();
  await expect(page.getByRole("status")).toContainText(t("en", "admin:deployments.publish.published", { version: "2" }));

  await page.goto(`/register/${slug}/versions?from=1&to=2`);
  await expect(page.getByRole("heading", { level: 2, name: t("en", "register:diff.title", { from: "1", to: "2" }) })).toBeVisible();
  await expect(page.locator("ins").filter({ hasText: "new arrivals" })).toBeVisible();
  await expect(page.getByText("New arrivals named as a limitation")).toBeVisible();
});
