// Runs before every test file. With DATABASE_URL: a fresh schema on that PostgreSQL. Without: a fresh
// embedded PGlite in a temporary folder. Either way migrated, and removed after the file.
// db/client.ts reads its configuration on first import, so it is only imported after the env is set.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

const g = globalThis as Record<string, unknown>;
const schema = `t_${crypto.randomBytes(6).toString("hex")}`;
let tmpDir: string | undefined;
if (process.env.DATABASE_URL) {
  process.env.DB_SCHEMA = schema;
} else {
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "consult-test-"));
  process.env.DATA_DIR = path.join(tmpDir, "pglite");
  delete process.env.DB_SCHEMA;
}
delete g.__consultSql;
delete g.__consultDbConfig;

const { sql, dbConfig } = await import("../../db/client");
const { startEmbeddedDb } = await import("../../db/embedded");
const { migrate } = await import("../../db/migrate");
const embedded = dbConfig().mode === "embedded" ? await startEmbeddedDb(dbConfig()) : undefined;
await migrate(sql, { schema: dbConfig().schema });

afterAll(async () => {
  if (dbConfig().mode === "postgres") await sql`drop schema if exists ${sql(schema)} cascade`;
  await sql.end({ timeout: 5 });
  await embedded?.stop();
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  delete g.__consultSql;
  delete g.__consultDbConfig;
});
