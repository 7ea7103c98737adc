import fs from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
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

  const db = await PGlite.create({ dataDir });
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
