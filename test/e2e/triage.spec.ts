import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN, t } from "./helpers";

// Issue #7, "done when": an analyst triages the demo inputs end to end, with JavaScript off and on.

/** Invites an analyst of the demo ministry through the staff pages and returns their signed-in page. */
async function analystPage(browser: Browser, admin: Page, email: string, js: boolean): Promise<Page> {
  await admin.goto("/admin/users");
  await admin.getByLabel(t("en", "auth:login.email.label"), { exact: true }).fill(ADMIN.email);
  await admin.getByLabel(t("en", "auth:login.password.label"), { exact: true }).fill(ADMIN.password);
  await admin.getByRole("button", { name: t("en", "auth:login.submit") }).click();
  await expect(admin.getByRole("heading", { level: 1, name: t("en", "admin:users.title") })).toBeVisible();
  await admin.getByLabel(t("en", "admin:users.invite.email"), { exact: true }).fill(email);
  await admin.getByLabel(t("en", "admin:users.invite.organisation"), { exact: true }).selectOption({ label: "Ministry of Social Protection, Republic of Kalindi (fictional)" });
  await admin.getByLabel(t("en", "admin:roles.analyst"), { exact: true }).first().check();
  await admin.getByRole("button", { name: t("en", "admin:users.invite.submit") }).click();
  const link = (await admin.getByRole("status").innerText()).match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/)![0];
  const context = await browser.newContext({ javaScriptEnabled: js, baseURL: new URL(admin.url()).origin });
  const page = await context.newPage();
  await page.goto(new URL(link).pathname);
  await page.getByLabel(t("en", "auth:invite.name.label"), { exact: true }).fill("Nadia, analyst");
  await page.getByLabel(t("en", "auth:invite.password.label"), { exact: true }).fill("an analyst's long password");
  await page.getByLabel(t("en", "auth:invite.confirm.label"), { exact: true }).fill("an analyst's long password");
  await page.getByRole("button", { name: t("en", "auth:invite.submit") }).click();
  await expect(page.getByRole("link", { name: t("en", "admin:nav.assessments") })).toBeVisible();
  return page;
}

test("an analyst filters the queue, links an input to an impact, and creates an impact from another", async ({ browser, page: admin }, info) => {
  const js = info.project.name === "js-on";
  const page = await analystPage(browser, admin, `analyst-${info.project.name}-${Date.now()}@example.org`, js);
  await page.getByRole("link", { name: t("en", "admin:nav.assessments") }).click();
  await page.getByRole("link", { name: /Household Benefit Eligibility Scoring/ }).click();
  await page.getByRole("link", { name: t("en", "assessment:admin.triage") }).click();
  await expect(page.getByRole("heading", { level: 1, name: t("en", "assessment:triage.heading") })).toBeVisible();

  // Only what was written in Swahili.
  await page.getByLabel(t("en", "assessment:triage.lang"), { exact: true }).fill("sw");
  await page.getByRole("button", { name: t("en", "assessment:triage.filter") }).click();
  await expect(page).toHaveURL(/lang=sw/);
  // Read in English where translated (here a machine draft, marked), the Swahili one click away.
  const item = page.locator(".triage-item", { hasText: "Many people will not know" });
  await expect(item.locator('[data-translation-status="machine"]').first()).toBeVisible();
  await expect(item.getByText("Watu wengi hawatajua")).toBeHidden();
  await item.locator("summary").click();
  await expect(item.getByText("Watu wengi hawatajua")).toBeVisible();
  await expect(page.getByText("messy papers")).toHaveCount(0);
  await item.getByRole("link", { name: /Many people will not know/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: t("en", "assessment:triage.inputTitle") })).toBeVisible();

  // A mistake first: "contests" without an impact is refused, the note kept.
  const kind = (key: string, n: number) => page.getByLabel(`${n}. ${t("en", `assessment:link.${key}`)}`, { exact: true });
  if (js) {
    // Keyboard: 2 chooses "contests", n jumps to the note.
    await page.locator("body").press("2");
    await expect(kind("contests", 2)).toBeChecked();
    await page.locator("body").press("n");
    await expect(page.getByLabel(t("en", "assessment:triage.note"), { exact: true })).toBeFocused();
  } else {
    await kind("contests", 2).check();
  }
  await page.getByLabel(t("en", "assessment:triage.note"), { exact: true }).fill("Radio and offices, in our languages");
  await page.getByRole("button", { name: t("en", "assessment:triage.save"), exact: true }).click();
  await expect(page.getByRole("alert")).toContainText(t("en", "assessment:errors.impact"));
  await expect(page.getByLabel(t("en", "assessment:triage.note"), { exact: true })).toHaveValue("Radio and offices, in our languages");

  await kind("corroborates", 1).check();
  await page.getByLabel(t("en", "assessment:triage.impact"), { exact: true }).selectOption({ label: "#4 People do not know they can opt out or ask for a review" });
  await page.getByRole("button", { name: t("en", "assessment:triage.save"), exact: true }).click();
  await expect(page.getByRole("status")).toContainText(t("en", "assessment:triage.done.linked"));
  const links = page.getByRole("region", { name: t("en", "assessment:triage.links") });
  await expect(links.getByText(t("en", "assessment:link.corroborates"))).toBeVisible();
  await expect(links.getByText("Radio and offices, in our languages")).toBeVisible();

  // A new harm, from the Deaf applicants' comment.
  await page.goto("/admin/assessments/demo/triage");
  await page.getByRole("link", { name: /sign-language interpreter/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: t("en", "assessment:triage.inputTitle") })).toBeVisible();
  await page.getByRole("link", { name: t("en", "assessment:triage.newImpact") }).click();
  await expect(page.getByRole("heading", { level: 1, name: t("en", "assessment:impact.new") })).toBeVisible();
  await page.getByLabel(t("en", "assessment:impact.title"), { exact: true }).fill(`Deaf applicants miss the deadline (${info.project.name})`);
  for (const [d, n, why] of [
    ["scale", 3, "They lose the review entirely."],
    ["scope", 2, "Deaf and hard-of-hearing applicants."],
    ["reversibility", 2, "Reviews can be reopened."],
    ["likelihood", 3, "The Disability Forum reports it now."],
  ] as const) {
    await page.getByRole("group", { name: t("en", `assessment:dimension.${d}`), exact: true }).getByLabel(`${n}: ${t("en", `inputs:severity.${d}.${n}`)}`).check();
    await page.getByLabel(t("en", "assessment:impact.rationale", { dimension: t("en", `assessment:dimension.${d}`) }), { exact: true }).fill(why);
  }
  await page.getByRole("button", { name: t("en", "assessment:impact.create") }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`Deaf applicants miss the deadline \\(${info.project.name}\\)`) })).toBeVisible();
  // 3 + 2 + 2 = 7 with no dimension at 4: medium, and likely, so priority 2 (decision record 011).
  await expect(page.getByText(`${t("en", "assessment:severity.2")} · ${t("en", "assessment:priority", { priority: "2" })}`)).toBeVisible();
  // The input it came from is linked, as a new harm.
  const inputs = page.getByRole("region", { name: t("en", "assessment:impact.inputs_one", { count: "1" }) });
  await expect(inputs.getByText(t("en", "assessment:link.new_harm"))).toBeVisible();
  await expect(inputs.getByText(/sign-language interpreter/)).toBeVisible();
  await page.context().close();
});

test("two staff members write the assessment's shared notes together, live", async ({ browser, page: admin }, info) => {
  test.skip(info.project.name === "js-off", "the shared notes are a live document: JavaScript only");
  const analyst = await analystPage(browser, admin, `notes-${Date.now()}@example.org`, true);
  await admin.goto("/admin/assessments/demo");
  await analyst.goto("/admin/assessments/demo");
  const notes = (page: Page) => page.getByLabel(t("en", "assessment:notes.label"), { exact: true });
  await expect(notes(admin)).toBeVisible();
  await expect(notes(analyst)).toBeVisible();
  // Each sees the other by name.
  await expect(analyst.getByText(t("en", "assessment:notes.with", { names: "Administrator" }))).toBeVisible();
  await notes(admin).click();
  await admin.keyboard.type("Ask the Bureau for recall by district. ");
  // The whole sentence, its last space too, before the other types after it: otherwise the two inserts at
  // the same place are ordered by client id, and the space may land after the analyst's words.
  await expect(notes(analyst)).toHaveValue(/Ask the Bureau for recall by district\. $/);
  await notes(analyst).press("End");
  await analyst.keyboard.type("Call the Disability Forum.");
  await expect(notes(admin)).toHaveValue(/Ask the Bureau for recall by district\. Call the Disability Forum\./);
  // Kept: a reload shows the same notes.
  await analyst.reload();
  await expect(notes(analyst)).toHaveValue(/Call the Disability Forum\./);
  await analyst.context().close();
});
