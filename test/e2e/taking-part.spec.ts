import { expect, test, type Page } from "@playwright/test";
import { ADMIN, holdScripts, hydrated, t, uniqueName } from "./helpers";

// Issue #5, "Done when": live arrival and the offline queue with JavaScript on; a facilitator's entry,
// a union's joint submission, and export and delete with JavaScript off and on.

const label = (page: Page, key: string, vars: Record<string, string> = {}) => page.getByLabel(t("en", key, vars), { exact: true });

async function join(page: Page, prefix: string): Promise<string> {
  const pseudonym = uniqueName(prefix);
  await page.goto("/c/demo/join");
  await label(page, "consultations:join.pseudonym.label").fill(pseudonym);
  await label(page, "consultations:join.consent.label").check();
  await page.getByRole("button", { name: t("en", "consultations:join.submit") }).click();
  await page.getByRole("link", { name: t("en", "auth:welcome.continue") }).click();
  return pseudonym;
}

test("a new person joins in Swahili, reads the briefing in Swahili, comments on a question, replies, and sees both", async ({ page }) => {
  const sw = (key: string, vars: Record<string, string> = {}) => page.getByLabel(t("sw", key, vars), { exact: true });
  const pseudonym = uniqueName("Baraka");
  await page.goto("/c/demo/join?lng=sw");
  await sw("consultations:join.pseudonym.label").fill(pseudonym);
  await sw("consultations:join.consent.label").check();
  await page.getByRole("button", { name: t("sw", "consultations:join.submit") }).click();
  await page.getByRole("link", { name: t("sw", "auth:welcome.continue") }).click();

  // The briefing itself is in Swahili, marked as a machine translation, with the original a click away.
  const briefing = page.locator('section.briefing__section[lang="sw"][data-translation-status="machine"]');
  await expect(briefing.first()).toBeVisible();
  await expect(page.getByText(t("sw", "consultations:translation.machine"))).toBeVisible();
  await expect(page.getByRole("link", { name: t("sw", "consultations:translation.original", { language: "English" }) })).toBeVisible();

  const comment = `Familia zisizo na kitambulisho zitaachwa nyuma (${pseudonym}).`;
  await sw("inputs:form.body.label").fill(comment);
  await sw("inputs:form.target.label").selectOption({ label: t("sw", "inputs:form.target.question", { code: "Q2" }) });
  await page.getByRole("button", { name: t("sw", "inputs:form.submit") }).click();
  const mine = page.locator("article.board__item", { hasText: comment });
  await expect(mine).toContainText(pseudonym);

  await page.getByRole("link", { name: t("sw", "inputs:board.replyTo", { name: "Zawadi M." }) }).click();
  const reply = `Nakubaliana nawe (${pseudonym}).`;
  await sw("inputs:form.body.label").fill(reply);
  await page.getByRole("button", { name: t("sw", "inputs:form.replySubmit") }).click();
  await expect(page.locator("article.board__item", { hasText: "Watu wengi hawatajua" }).locator(".board__replies")).toContainText(reply);
  await expect(mine).toBeVisible();
});

test("a second browser sees a new comment arrive without reloading", async ({ page, browser, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "live updates need JavaScript; without it the page shows the board as it was");
  const reader = await (await browser.newContext()).newPage();
  await reader.goto("/c/demo");
  // The live layer starts when the board comes into view (it is below the briefing).
  await reader.locator(".board").scrollIntoViewIfNeeded();
  await expect(reader.locator(".board")).toBeVisible();

  const pseudonym = await join(page, "Live");
  const words = `Seen live by everyone reading (${pseudonym}).`;
  await label(page, "inputs:form.body.label").fill(words);
  await page.getByRole("button", { name: t("en", "inputs:form.submit") }).click();
  await expect(page.locator("article.board__item", { hasText: words })).toBeVisible();
  await expect(reader.locator("article.board__item", { hasText: words })).toContainText(pseudonym);
  await reader.context().close();
});

test("a comment written offline waits in a visible queue and sends itself once back online", async ({ page, context, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "the queue is a script; without it a failed submit returns the form with the text kept");
  await join(page, "Offline");
  await hydrated(page);
  const draft = `Typed on the bus, kept across a reload ${Math.random().toString(36).slice(2, 7)}.`;
  await label(page, "inputs:form.body.label").fill(draft);
  await page.reload();
  await hydrated(page);
  await expect(label(page, "inputs:form.body.label")).toHaveValue(draft);
  await expect(page.getByText(t("en", "inputs:queue.restored"))).toBeVisible();

  await context.setOffline(true);
  await page.getByRole("button", { name: t("en", "inputs:form.submit") }).click();
  await expect(page.getByText(t("en", "inputs:queue.offline_one", { count: "1" }))).toBeVisible();
  await expect(page.locator(".queue li")).toHaveText(draft);
  await expect(label(page, "inputs:form.body.label")).toHaveValue("");

  await context.setOffline(false);
  await expect(page.locator("article.board__item", { hasText: draft })).toHaveCount(1);
  await expect(page.locator(".queue li")).toHaveCount(0);
  await page.reload();
  await expect(page.locator("article.board__item", { hasText: draft })).toHaveCount(1);
});

test("what is typed before the page's scripts arrive is kept once they do", async ({ page, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "without scripts nothing is kept on the device; the form posts as it is");
  await join(page, "Early");
  // The scripts load after the page shows (issue #10): hold them while the person types.
  const scripts = await holdScripts(page);
  await page.reload();
  const words = `Typed before the scripts came ${Math.random().toString(36).slice(2, 7)}.`;
  await label(page, "inputs:form.body.label").fill(words);
  scripts.release();
  await hydrated(page);
  await scripts.stop();
  await page.reload();
  await hydrated(page);
  await expect(label(page, "inputs:form.body.label")).toHaveValue(words);
  await expect(page.getByText(t("en", "inputs:queue.restored"))).toBeVisible();
});

test("a joint draft typed before the live editor is ready stays in the form, and saving it reaches the live draft", async ({ page, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "without scripts the plain form is all there is");
  await join(page, "EarlyDrafter");
  await page.goto("/c/demo/groups");
  await label(page, "inputs:groups.create.name").fill(uniqueName("Early Union"));
  await page.getByRole("button", { name: t("en", "inputs:groups.create.submit") }).click();
  await expect(page.getByRole("heading", { name: t("en", "inputs:groups.draft.heading") })).toBeVisible();
  // The scripts load after the page shows (issue #10): the person types while they are on their way.
  const scripts = await holdScripts(page);
  await page.reload();
  const title = `Written before the live editor ${Math.random().toString(36).slice(2, 7)}`;
  await label(page, "inputs:groups.draft.title").fill(title);
  // Then the scripts come, and the live draft opens and syncs (its socket answers).
  const synced = page.waitForEvent("websocket", (ws) => ws.url().includes("/yjs/draft:")).then((ws) => ws.waitForEvent("framereceived"));
  scripts.release();
  await hydrated(page);
  await synced;
  await page.waitForTimeout(500);
  await scripts.stop();
  await expect(label(page, "inputs:groups.draft.title")).toHaveValue(title);
  await page.getByRole("button", { name: t("en", "inputs:groups.draft.save") }).click();
  // Saved into the draft's doc: the live editor takes over, with those words.
  await expect(page.getByText(t("en", "inputs:groups.live.saved"))).toBeVisible();
  await expect(page.locator("#live-title")).toHaveValue(title);
});

test("a facilitator enters what an offline group said, credited to the group", async ({ page }) => {
  await page.goto("/login");
  await label(page, "auth:login.email.label").fill(ADMIN.email);
  await label(page, "auth:login.password.label").fill(ADMIN.password);
  await page.getByRole("button", { name: t("en", "auth:login.submit") }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto("/c/demo/proxy");
  const words = `The women's group asked for the radio to explain the opt-out ${Math.random().toString(36).slice(2, 7)}.`;
  await label(page, "inputs:proxy.question").fill("Q4");
  await label(page, "inputs:proxy.body").fill(words);
  await label(page, "inputs:proxy.lang").selectOption("sw");
  await label(page, "inputs:proxy.date").fill("2026-11-02");
  await label(page, "inputs:proxy.method").selectOption("workshop");
  await label(page, "inputs:proxy.count").fill("27");
  await page.getByRole("button", { name: t("en", "inputs:proxy.submit") }).click();
  await expect(page.getByText(t("en", "inputs:proxy.done"))).toBeVisible();
  await page.goto("/c/demo");
  const entry = page.locator("article.board__item", { hasText: words });
  await expect(entry).toContainText("on behalf of 27 people (workshop, November 2, 2026)");
});

test("a union co-drafts, endorses and submits a joint input that shows in its name", async ({ page, javaScriptEnabled }) => {
  await join(page, "Organiser");
  await page.getByRole("link", { name: t("en", "inputs:groups.link") }).click();
  const union = uniqueName("Teachers' Union Local");
  await label(page, "inputs:groups.create.name").fill(union);
  await label(page, "inputs:groups.kind.union").check();
  await page.getByRole("button", { name: t("en", "inputs:groups.create.submit") }).click();
  await expect(page.getByRole("heading", { level: 1, name: union })).toBeVisible();
  await expect(page.locator(".code")).toHaveText(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

  const position = `School feeding data must never feed the benefit score (${union}).`;
  if (javaScriptEnabled) {
    // The live editor: no save button, every keystroke is stored.
    await expect(page.getByText(t("en", "inputs:groups.live.saved"))).toBeVisible();
    await page.getByRole("button", { name: t("en", "inputs:groups.draft.addSection") }).click();
    await label(page, "inputs:groups.draft.title").fill("Our members' position");
    await label(page, "inputs:groups.draft.sectionBody").fill(position);
  } else {
    await label(page, "inputs:groups.draft.title").fill("Our members' position");
    await label(page, "inputs:groups.draft.sectionBody").fill(position);
    await page.getByRole("button", { name: t("en", "inputs:groups.draft.save") }).click();
    await expect(page.getByText(t("en", "inputs:groups.done.saved"))).toBeVisible();
  }
  await page.getByRole("button", { name: t("en", "inputs:groups.submit.endorse") }).click();
  await expect(page.getByText(t("en", "inputs:groups.submit.endorsements_one", { count: "1", members: "1" }))).toBeVisible();
  await page.getByRole("button", { name: t("en", "inputs:groups.submit.submit") }).click();
  await expect(page.getByText(t("en", "inputs:groups.done.submitted"))).toBeVisible();

  await page.goto("/c/demo");
  const joint = page.locator("article.board__item", { hasText: position });
  await expect(joint).toContainText(t("en", "inputs:board.joint", { group: union, kind: t("en", "inputs:groups.kind.union") }));
  await expect(joint).toContainText("endorsed by 1 of 1 members");
});

test("a participant downloads their data, then deletes the account and withdraws what they wrote", async ({ page }) => {
  const pseudonym = await join(page, "Leaving");
  const words = `Please delete this later (${pseudonym}).`;
  await label(page, "inputs:form.body.label").fill(words);
  await page.getByRole("button", { name: t("en", "inputs:form.submit") }).click();
  await expect(page.locator("article.board__item", { hasText: words })).toBeVisible();

  await page.goto("/account");
  const exported = await page.request.get("/account/export.json");
  const data = await exported.json();
  expect(data.participations[0].pseudonym).toBe(pseudonym);
  expect(data.inputs.map((i: { body: string }) => i.body)).toContain(words);

  await page.getByLabel(t("en", "auth:account.delete.withdraw")).check();
  await page.getByLabel(t("en", "auth:account.delete.confirm")).check();
  await page.getByRole("button", { name: t("en", "auth:account.delete.submit") }).click();
  await expect(page.getByText(t("en", "common:notices.accountDeleted"))).toBeVisible();
  await page.goto("/c/demo");
  await expect(page.locator("article.board__item", { hasText: words })).toHaveCount(0);
  await expect(page.getByText(pseudonym)).toHaveCount(0);
});

test("two members co-edit a joint submission live and converge, also after one was offline", async ({ browser, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "live co-editing needs JavaScript; without it the plain form saves");
  const [first, second] = [await browser.newContext(), await browser.newContext()];
  const a = await first.newPage();
  const b = await second.newPage();
  await join(a, "CoEditor");
  await a.goto("/c/demo/groups");
  await label(a, "inputs:groups.create.name").fill(uniqueName("Coalition Live"));
  await a.getByRole("button", { name: t("en", "inputs:groups.create.submit") }).click();
  const code = (await a.locator(".code").textContent())!.trim();
  const groupUrl = a.url();
  // Chromium's offline mode leaves open WebSockets alone, so the connection drop is made here: the
  // member's sockets go through a proxy that can cut them and refuse new ones.
  let offline = false;
  const sockets: { close(): Promise<void> }[] = [];
  await b.routeWebSocket(/\/yjs\//, (ws) => {
    if (offline) return void ws.close();
    const server = ws.connectToServer();
    sockets.push({ close: async () => void (await Promise.all([ws.close(), server.close()])) });
  });
  await join(b, "CoEditorToo");
  await b.goto("/c/demo/groups");
  await label(b, "inputs:groups.join.code").fill(code);
  await b.getByRole("button", { name: t("en", "inputs:groups.join.submit") }).click();
  await expect(b).toHaveURL(groupUrl);

  for (const page of [a, b]) await expect(page.getByText(t("en", "inputs:groups.live.saved"))).toBeVisible();
  await a.getByRole("button", { name: t("en", "inputs:groups.draft.addSection") }).click();
  const bodyA = a.locator("#live-body-0");
  const bodyB = b.locator("#live-body-0");
  await bodyA.fill("Alpha");
  await expect(bodyB).toHaveValue("Alpha");
  await expect(b.getByText(t("en", "inputs:groups.live.here", { names: "" }).replace(/\.$/, ""), { exact: false })).toBeVisible();

  offline = true;
  await Promise.all(sockets.map((x) => x.close()));
  await expect(b.getByText(t("en", "inputs:groups.live.offline"))).toBeVisible();
  // The cursor put where each person writes: at the end for one, at the start for the other.
  const caret = (el: HTMLTextAreaElement, where: string) => {
    el.focus();
    const n = where === "end" ? el.value.length : 0;
    el.setSelectionRange(n, n);
  };
  await bodyB.evaluate(caret, "end");
  await b.keyboard.type(" Beta");
  await bodyA.evaluate(caret, "start");
  await a.keyboard.type("Gamma ");
  await expect(bodyA).toHaveValue("Gamma Alpha");
  offline = false;
  await expect(bodyA).toHaveValue("Gamma Alpha Beta");
  await expect(bodyB).toHaveValue("Gamma Alpha Beta");

  // Without JavaScript the same words are on the page, from the database.
  const plain = await browser.newContext({ javaScriptEnabled: false, storageState: await first.storageState() });
  const page = await plain.newPage();
  // The doc reaches the database half a second after the last change: look again until it has.
  await expect
    .poll(async () => {
      await page.goto(groupUrl);
      return page.locator("textarea[name='sectionBody[]']").inputValue();
    })
    .toBe("Gamma Alpha Beta");
  await Promise.all([first.close(), second.close(), plain.close()]);
});
