// The server for the end-to-end tests: the production build on a fresh database, so each run starts
// from the demo data alone. PostgreSQL (DATABASE_URL): the schema "e2e", dropped first. Otherwise a
// new embedded database in a temporary folder, removed on exit.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

process.env.NODE_ENV = "production";
if (process.env.DATABASE_URL) {
  const sql = postgres(process.env.DATABASE_URL, { onnotice: () => {} });
  await sql`drop schema if exists e2e cascade`;
  await sql.end();
  process.env.DB_SCHEMA = "e2e";
} else {
  const dir = mkdtempSync(path.join(os.tmpdir(), "consult-e2e-"));
  process.env.DATA_DIR = path.join(dir, "pglite");
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
}
await import("../build/server/index.js");
