import { expect } from "@playwright/test";
import { audit, test } from "./axe";
import { signInAdmin, t } from "./helpers";

// The audit and the page it runs in (JavaScript on; the "js-off" project asks for no scripts) are in ./axe.ts.

// Each test audits many whole pages, and axe takes seconds on a long one (the published assessment) when
// the machine is busy: these tests get more time than the default 30 s.
test.describe.configure({ timeout: 120_000 });

// Staff pages are audited once, with JavaScript on (what staff use); public pages both ways, as issue #10
// asks. The HTML is the same either way, and CI's time is better spent on the public pages.
const STAFF_ONCE = "staff pages are audited with JavaScript on only";

// WCAG 2.2 A and AA through axe-core, in a left-to-right and a right-to-left language, with JavaScript
// off and on (the two projects). Critical and serious violations fail; the rest are printed.
const PAGES = ["/", "/c/demo", "/c/demo?level=easy", "/c/demo/briefing", "/c/demo/join", "/login", "/recover", "/register/demo/assessment", "/c/demo/responses", "/register/demo/grievances"];

for (const lng of ["en", "ar"]) {
  test(`public pages have no serious accessibility violation in ${lng}`, async ({ page }, info) => {
    for (const path of PAGES) {
      await page.goto(`${path}?lng=${lng}`);
      await audit(page, `${path} ${lng}`);
    }
    // A refused form, with its error summary and invalid fields.
    await page.goto(`/c/demo/join?lng=${lng}`);
    await page.getByRole("button", { name: t(lng, "consultations:join.submit") }).click();
    await expect(page.getByRole("alert")).toBeVisible();
    await audit(page, `join with errors ${lng}`);
    if (info.project.name === "js-off") expect(await page.locator("script").count()).toBe(0);
  });
}

test("the staff pages have no serious accessibility violation", async ({ page }, info) => {
  test.skip(info.project.name === "js-off", STAFF_ONCE);
  await signInAdmin(page);
  await audit(page, "/admin");
  await page.goto("/admin/users");
  await audit(page, "/admin/users");
  await page.goto("/account");
  await audit(page, "/account");
  await page.goto("/admin/deployments");
  await audit(page, "/admin/deployments");
  await page.goto("/admin/deployments/demo");
  await audit(page, "/admin/deployments/demo (the dossier editor)");
  await page.goto("/admin/consultations/demo/briefing");
  await audit(page, "/admin/consultations/demo/briefing (the briefing editor)");
  await page.goto("/c/demo/proxy");
  await audit(page, "/c/demo/proxy (offline input)");
});

// Split from the test above, and in two, so that each stays well within its time on a loaded machine.
test("the staff's consultation pages have no serious accessibility violation", async ({ page }, info) => {
  test.skip(info.project.name === "js-off", STAFF_ONCE);
  await signInAdmin(page);
  for (const path of ["/admin/consultations", "/admin/consultations/demo", "/admin/moderation", "/admin/extraction-errors", "/admin/consultations/demo/responses", "/admin/consultations/demo/contests"]) {
    await page.goto(path);
    await audit(page, path);
  }
  // One input to answer, with its form.
  await page.goto("/admin/consultations/demo/responses");
  await page.locator("table a").first().click();
  await expect(page.getByRole("heading", { level: 1, name: t("en", "responses:admin.answerTitle") })).toBeVisible();
  await audit(page, "/admin/consultations/demo/responses/<id>");
});

test("the staff's assessment and translation pages have no serious accessibility violation", async ({ page }, info) => {
  test.skip(info.project.name === "js-off", STAFF_ONCE);
  await signInAdmin(page);
  for (const path of [
    "/admin/assessments",
    "/admin/assessments/demo",
    "/admin/assessments/demo/triage",
    "/admin/assessments/demo/impacts/1",
    "/admin/assessments/demo/impacts/new",
    "/admin/translations?consultation=demo&lang=sw",
    "/admin/translations/glossary?deployment=demo&lang=sw",
  ]) {
    await page.goto(path);
    await audit(page, path);
  }
  // One input in triage, with its link form.
  await page.goto("/admin/assessments/demo/triage");
  await page.locator(".triage-item a").first().click();
  await expect(page.getByRole("heading", { level: 1, name: t("en", "assessment:triage.inputTitle") })).toBeVisible();
  await audit(page, "/admin/assessments/demo/inputs/<id>");
  // The translators' side-by-side editor, for a machine draft in Swahili.
  await page.goto("/admin/translations?consultation=demo&lang=sw");
  await page.locator("ul.queue a").first().click();
  await expect(page.locator("[data-item-state]")).toBeVisible();
  await audit(page, "/admin/translations/<entity>/<id>/sw");
});

test("the staff's grievance pages have no serious accessibility violation", async ({ page }, info) => {
  test.skip(info.project.name === "js-off", STAFF_ONCE);
  await signInAdmin(page);
  for (const path of ["/admin/grievances", "/admin/grievances/settings"]) {
    await page.goto(path);
    await audit(page, path);
  }
  // One grievance, with the form of its next step.
  await page.goto("/admin/grievances");
  await page.locator("table a").first().click();
  await expect(page.locator("[data-grievance-state]")).toBeVisible();
  await audit(page, "/admin/grievances/<id>");
});

for (const lng of ["en", "ar"]) {
  test(`a participant's pages have no serious accessibility violation in ${lng}`, async ({ page }) => {
    await page.goto(`/c/demo/join?lng=${lng}`);
    await page.getByLabel(t(lng, "consultations:join.pseudonym.label"), { exact: true }).fill(`Axe ${lng} ${Math.random().toString(36).slice(2, 6)}`);
    await page.getByLabel(t(lng, "consultations:join.consent.label"), { exact: true }).check();
    await page.getByRole("button", { name: t(lng, "consultations:join.submit") }).click();
    await page.getByRole("link", { name: t(lng, "auth:welcome.continue") }).click();
    // The comment form with its details open, and the forms that answer a choice and a "how serious" question.
    await page.locator("#comment-form details").evaluate((d) => ((d as HTMLDetailsElement).open = true));
    await audit(page, `/c/demo with the comment form ${lng}`);
    const report = await page.locator("a[href*='/flag?input=']").first().getAttribute("href");
    for (const path of ["/c/demo?answer=Q1", report!, "/account", "/account/inbox", "/c/demo/groups"]) {
      await page.goto(path);
      await audit(page, `${path} ${lng}`);
    }
    await page.getByLabel(t(lng, "inputs:groups.create.name"), { exact: true }).fill(`Axe group ${lng} ${Math.random().toString(36).slice(2, 6)}`);
    await page.getByRole("button", { name: t(lng, "inputs:groups.create.submit") }).click();
    await expect(page.getByRole("heading", { name: t(lng, "inputs:groups.draft.heading") })).toBeVisible();
    await audit(page, `a group's page ${lng}`);
  });
}

test("the register, a dossier and its versions have no serious accessibility violation", async ({ page }) => {
  for (const path of ["/register", "/register/demo", "/register/demo/versions?from=1&to=2", "/register?lng=ar", "/register/demo?lng=ar", "/register/demo/versions?from=1&to=2&lng=ar", "/c/demo/report?lng=ar"]) {
    await page.goto(path);
    await audit(page, path);
  }
});

for (const lng of ["en", "ar"]) {
  test(`a grievance's form, its errors and its case page have no serious accessibility violation in ${lng}`, async ({ page }) => {
    await page.goto(`/register/demo/grievances?lng=${lng}`);
    await page.getByRole("button", { name: t(lng, "grievances:file.submit") }).click();
    await expect(page.getByRole("alert")).toBeVisible();
    await audit(page, `/register/demo/grievances with errors ${lng}`);
    await page.getByLabel(t(lng, "grievances:kind.opt_out"), { exact: true }).check();
    await page.getByLabel(t(lng, "grievances:file.body"), { exact: true }).fill("Please assess my household without the score.");
    await page.getByRole("button", { name: t(lng, "grievances:file.submit") }).click();
    await expect(page.locator("[data-reference]")).toBeVisible();
    await audit(page, `/grievances/<reference> ${lng}`);
  });
}
