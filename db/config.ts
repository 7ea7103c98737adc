import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";

/** Where the database lives, read once from the environment (README "Configuration"). */
export interface DbConfig {
  mode: "postgres" | "embedded";
  /** postgres mode: the connection string. */
  url?: string;
  /** embedded mode: PGlite's data directory and the Unix socket directory postgres.js talks to. */
  dataDir?: string;
  socketDir?: string;
  /** Optional schema, used by the tests to give each file its own. */
  schema?: string;
}

export function readDbConfig(env: NodeJS.ProcessEnv = process.env): DbConfig {
  const schema = env.DB_SCHEMA || undefined;
  if (schema && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error("DB_SCHEMA must be a lower-case SQL identifier");
  }
  if (env.DATABASE_URL) return { mode: "postgres", url: env.DATABASE_URL, schema };
  const dataDir = path.resolve(env.DATA_DIR || "./data/pglite");
  // A Unix socket path may not exceed ~107 bytes; a deep DATA_DIR gets a short one in the temp dir.
  const socketDir =
    dataDir.length < 80
      ? `${dataDir}.sock`
      : path.join(os.tmpdir(), `consult-${crypto.createHash("sha256").update(dataDir).digest("hex").slice(0, 12)}`);
  return { mode: "embedded", dataDir, socketDir, schema };
}
