import { expect, test, type Page } from "@playwright/test";
import { ADMIN, t, uniqueName } from "./helpers";

// Issue #8, with JavaScript off and on: a grievance runs its full course (a person with no account files
// it and appeals by its code; staff take it through every step), and an answer is contested and answered.

test.describe.configure({ timeout: 90_000 });

const label = (page: Page, key: string, vars: Record<string, string> = {}) => page.getByLabel(t("en", key, vars), { exact: true });

async function signInAsAdmin(page: Page, path: string) {
  await page.goto(path);
  await label(page, "auth:login.email.label").fill(ADMIN.email);
  await label(page, "auth:login.password.label").fill(ADMIN.password);
  await page.getByRole("button", { name: t("en", "auth:login.submit") }).click();
}

async function signOut(page: Page) {
  await page.context().clearCookies();
}

test("a grievance runs its course: filed without an account, decided, appealed by its code, closed", async ({ page }, info) => {
  // The person: from the system's register entry, with no account.
  await page.goto("/register/demo");
  await page.getByRole("link", { name: t("en", "register:dossier.grievancesLink") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("HBES");
  await expect(page.getByRole("cell", { name: "Benefits Review Committee (two members from outside the HBES team)" })).toBeVisible();
  const words = `The score stopped my benefit and nobody can tell me why (${info.project.name}, ${uniqueName("g")}).`;
  await label(page, "grievances:kind.wrong_decision").check();
  await label(page, "grievances:file.body").fill("short");
  await page.getByRole("button", { name: t("en", "grievances:file.submit") }).click();
  await expect(page.getByRole("alert")).toContainText(t("en", "grievances:errors.body"));
  await expect(label(page, "grievances:kind.wrong_decision")).toBeChecked();
  await label(page, "grievances:file.body").fill(words);
  await page.getByRole("button", { name: t("en", "grievances:file.submit") }).click();
  await expect(page.getByRole("status")).toContainText(t("en", "grievances:case.filedOk"));
  const reference = (await page.locator("[data-reference]").getAttribute("data-reference"))!;
  expect(reference).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expect(page.locator("[data-grievance-state]")).toHaveText(t("en", "grievances:state.received"));

  // Staff take it through acknowledging, reviewing and deciding against it.
  await signInAsAdmin(page, "/admin/grievances");
  await expect(page.getByRole("heading", { level: 1, name: t("en", "grievances:queue.title") })).toBeVisible();
  await page.getByRole("link", { name: reference }).click();
  await expect(page.getByText(words)).toBeVisible();
  for (const action of ["acknowledge", "review"]) {
    await page.getByRole("button", { name: t("en", `grievances:staff.action.${action}`) }).click();
    await expect(page.getByRole("status")).toContainText(t("en", "grievances:staff.done"));
  }
  await page.getByRole("button", { name: t("en", "grievances:staff.action.decide") }).click();
  // No decision chosen: refused, with the reason typed so far kept.
  await expect(page.getByRole("alert")).toContainText(t("en", "grievances:errors.outcome"));
  await label(page, "grievances:outcomeLabel.not_upheld").check();
  const reason = "The income records show a second salary in 2025.";
  await label(page, "grievances:staff.reason").fill(reason);
  await page.getByRole("button", { name: t("en", "grievances:staff.action.decide") }).click();
  await expect(page.getByRole("status")).toContainText(t("en", "grievances:staff.done"));
  await expect(page.getByText(t("en", "grievances:staff.waitAppeal", { due: "" }).split(".")[0].trim().slice(0, 20))).toBeVisible();
  await signOut(page);

  // The person comes back with the code only, typed loosely, and appeals.
  await page.goto("/register/demo/grievances");
  await label(page, "grievances:lookup.code").fill(reference.toLowerCase().replace(/-/g, " "));
  await page.getByRole("button", { name: t("en", "grievances:lookup.submit") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("en", "grievances:case.title", { reference }));
  await expect(page.getByText(reason)).toBeVisible();
  await expect(page.locator("[data-outcome]")).toHaveText(t("en", "grievances:outcomeLabel.not_upheld"));
  await label(page, "grievances:case.appealReason").fill("The second salary was my late husband's.");
  await page.getByRole("button", { name: t("en", "grievances:case.appealSubmit") }).click();
  await expect(page.getByRole("status")).toContainText(t("en", "grievances:case.appealed"));
  await expect(page.locator("[data-grievance-state]")).toHaveText(t("en", "grievances:state.appealed"));

  // The appeal is decided, and the case closes.
  await signInAsAdmin(page, "/admin/grievances?state=appealed");
  await page.getByRole("link", { name: reference }).click();
  await label(page, "grievances:appealOutcome.changed").check();
  await label(page, "grievances:staff.newOutcome").selectOption("upheld");
  await label(page, "grievances:staff.reason").fill("The death certificate confirms it; the benefit is restored.");
  await page.getByRole("button", { name: t("en", "grievances:staff.action.decide_appeal") }).click();
  await expect(page.getByRole("status")).toContainText(t("en", "grievances:staff.done"));
  await signOut(page);

  await page.goto(`/grievances/${reference}`);
  await expect(page.locator("[data-grievance-state]")).toHaveText(t("en", "grievances:state.closed"));
  await expect(page.locator("[data-appeal-outcome]")).toHaveText(t("en", "grievances:appealOutcome.changed"));
  await expect(page.locator(".history li")).toHaveCount(6);
});

test("the author of an input contests its answer once, and the lead's new answer is public", async ({ page }, info) => {
  const pseudonym = uniqueName("Contester");
  await page.goto("/c/demo/join");
  await label(page, "consultations:join.pseudonym.label").fill(pseudonym);
  await label(page, "consultations:join.consent.label").check();
  await page.getByRole("button", { name: t("en", "consultations:join.submit") }).click();
  await page.getByRole("link", { name: t("en", "auth:welcome.continue") }).click();
  const comment = `Home visits must never be chosen by the score (${pseudonym}, ${info.project.name}).`;
  await label(page, "inputs:form.body.label").fill(comment);
  await page.getByRole("button", { name: t("en", "inputs:form.submit") }).click();
  await expect(page.locator("article.board__item", { hasText: comment })).toBeVisible();
  const participantCookies = await page.context().cookies();
  await signOut(page);

  // The lead answers it.
  await signInAsAdmin(page, "/admin/consultations/demo/responses");
  await page.getByRole("link", { name: comment }).click();
  await label(page, "responses:decision.not_adopted").check();
  await label(page, "responses:admin.reason").fill("Home visits are outside this system.");
  await page.getByRole("button", { name: t("en", "responses:admin.save"), exact: true }).click();
  await expect(page.getByRole("status")).toContainText(t("en", "responses:admin.answered"));
  const adminCookies = await page.context().cookies();

  // The author contests it from the public answers page.
  await page.context().clearCookies();
  await page.context().addCookies(participantCookies);
  await page.goto("/c/demo/responses?decision=not_adopted");
  const row = page.getByRole("listitem").filter({ hasText: comment });
  await row.getByRole("link", { name: t("en", "responses:contest.link") }).click();
  await expect(page.getByRole("heading", { level: 1, name: t("en", "responses:contest.title") })).toBeVisible();
  await label(page, "responses:contest.reason").fill("No.");
  await page.getByRole("button", { name: t("en", "responses:contest.submit") }).click();
  await expect(page.getByRole("alert")).toContainText(t("en", "responses:errors.contestReason"));
  const why = `The dossier says home visits will use the score (${pseudonym}).`;
  await label(page, "responses:contest.reason").fill(why);
  await page.getByRole("button", { name: t("en", "responses:contest.submit") }).click();
  await expect(page.getByRole("listitem").filter({ hasText: comment })).toContainText(t("en", "responses:contest.pending"));
  await expect(page.getByRole("listitem").filter({ hasText: comment }).getByRole("link", { name: t("en", "responses:contest.link") })).toHaveCount(0);

  // The lead changes the answer, in public.
  await page.context().clearCookies();
  await page.context().addCookies(adminCookies);
  await page.goto("/admin/consultations/demo/contests");
  const contest = page.locator("section.form-subsection", { hasText: why });
  await contest.getByLabel(t("en", "responses:contest.choice.changed"), { exact: true }).check();
  await contest.getByLabel(t("en", "responses:contest.newDecision"), { exact: true }).selectOption("adopted");
  const answer = `You are right: the score will not choose home visits (${pseudonym}).`;
  await contest.getByLabel(t("en", "responses:contest.outcomeReason"), { exact: true }).fill(answer);
  await contest.getByRole("button", { name: t("en", "responses:contest.publish") }).click();
  await expect(page.getByRole("status")).toContainText(t("en", "responses:contest.answered"));

  await page.context().clearCookies();
  await page.goto("/c/demo/responses");
  const pub = page.getByRole("listitem").filter({ hasText: comment });
  await expect(pub).toContainText(t("en", "responses:contest.outcome.changed"));
  await expect(pub).toContainText(answer);
  await expect(pub).not.toContainText(why);
});
