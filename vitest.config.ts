import path from "node:path";
import { defineConfig } from "vitest/config";

// Unit and integration tests; Playwright's end-to-end specs (test/e2e) run apart (playwright.config.ts).
export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/e2e/**", "node_modules/**"],
    // Each file gets its own schema (PostgreSQL) or its own embedded database (PGlite).
    setupFiles: ["test/helpers/setup-db.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: "reports/vitest.json" },
  },
});
