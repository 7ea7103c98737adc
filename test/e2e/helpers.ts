import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

/** A string from the locale files, so the tests follow the words people actually see. */
export function t(lng: string, fullKey: string, vars: Record<string, string> = {}): string {
  const [ns, key] = fullKey.split(":");
  const tree = JSON.parse(fs.readFileSync(path.resolve("locales", lng, `${ns}.json`), "utf8"));
  const value = key.split(".").reduce((node: any, part) => node?.[part], tree);
  if (typeof value !== "string") throw new Error(`no string ${lng}/${fullKey}`);
  return value.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name) => vars[name] ?? "");
}

export const ADMIN = { email: "admin@example.org", password: "e2e admin password" };

/** Signs the admin in through the form, as staff do, and waits for the staff home page. */
export async function signInAdmin(page: Page): Promise<void> {
  await page.goto("/login");
  await page.getByLabel(t("en", "auth:login.email.label"), { exact: true }).fill(ADMIN.email);
  await page.getByLabel(t("en", "auth:login.password.label"), { exact: true }).fill(ADMIN.password);
  await page.getByRole("button", { name: t("en", "auth:login.submit") }).click();
  await expect(page.getByRole("heading", { level: 1, name: t("en", "admin:home.title") })).toBeVisible();
}

export function uniqueName(prefix: string): string {
  return `${prefix} ${Math.random().toString(36).slice(2, 7)}`;
}

/** Whether the page is done loading: hydrated if it loads scripts (a page sent without any is done as it is). */
export async function settled(page: Page): Promise<void> {
  await untilHydrated(page, true);
}

/**
 * Waits until React has hydrated the page. Scripts load after the first paint (issue #10), so a test of
 * what a script does (the offline queue) waits for them, as a person's first keystrokes may not.
 */
export async function hydrated(page: Page): Promise<void> {
  await untilHydrated(page, false);
}

function untilHydrated(page: Page, orScriptless: boolean) {
  return page.waitForFunction(
    (orScriptless) => {
      if (orScriptless && !document.querySelector('script[type="module"]')) return true;
      const main = document.querySelector("main");
      return Boolean(main && Object.keys(main).some((k) => k.startsWith("__reactFiber")));
    },
    orScriptless,
    { timeout: 15_000 },
  );
}

/**
 * Holds back the page's scripts until `release()`, so a test can type before they arrive, as a person on a
 * slow link may. `stop()` lets later loads through at once.
 */
export async function holdScripts(page: Page): Promise<{ release(): void; stop(): Promise<void> }> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const scripts = (url: URL) => url.pathname.startsWith("/build/") && url.pathname.endsWith(".js");
  await page.route(scripts, async (route) => {
    await held;
    await route.continue();
  });
  return { release, stop: () => page.unroute(scripts) };
}
