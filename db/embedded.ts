import fs from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import type { DbConfig } from "./config";

export interface EmbeddedDb {
  stop(): Promise<void>;
}

/**
 * Starts PGlite on DATA_DIR behind a Unix socket so postgres.js talks to it like to any PostgreSQL
 * (DESIGN.md, Database: one code path). The socket is not reachable from the network.
 */
export async function startEmbeddedDb(config: DbConfig): Promise<EmbeddedDb> {
  const dataDir = config.dataDir!;
  const socketDir = config.socketDir!;
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  await fs.mkdir(socketDir, { recursive: true, mode: 0o700 });
  const socketPath = path.join(socketDir, ".s.PGSQL.5432");
  // A socket file left by a killed process would make listen() fail with EADDRINUSE.
  await fs.rm(socketPath, { force: true });

  // pg_trgm: triage groups similar inputs (migration 0017).
  const db = await PGlite.create({ dataDir, extensions: { pg_trgm } });
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 4 });
  await server.start();
  return {
    async stop() {
      await server.stop();
      await db.close();
      await fs.rm(socketPath, { force: true });
    },
  };
}
