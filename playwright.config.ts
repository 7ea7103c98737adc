import { defineConfig } from "@playwright/test";

// End-to-end tests in Debian's chromium (never a downloaded browser), once with JavaScript off and
// once with it on (STYLE.md, "Tests"). The server is the real build, on its own fresh database.
const port = Number(process.env.E2E_PORT ?? 3311);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "test/e2e",
  testMatch: "**/*.spec.ts",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [["list"], ["json", { outputFile: "reports/playwright.json" }]] : [["list"]],
  use: {
    baseURL,
    trace: "off",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      // This machine's network is closed: without these, chromium keeps trying Google's services.
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    { name: "js-off", use: { javaScriptEnabled: false } },
    { name: "js-on", use: { javaScriptEnabled: true } },
  ],
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { PORT: String(port), HOST: "127.0.0.1", ADMIN_EMAIL: "admin@example.org", ADMIN_PASSWORD: "e2e admin password", LOG_LEVEL: "warn" },
  },
});
