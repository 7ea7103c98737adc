import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { createLogger, serializeError, type Logger } from "../app/lib/logger.server";
import { ensureAdmin } from "../app/modules/auth/auth.server";
import { deleteExpiredSessions } from "../app/modules/auth/sessions.server";
import { isEmptyDatabase, seedDemo } from "../app/modules/demo/seed.server";
import { closeSql, dbConfig, sql } from "../db/client";
import { startEmbeddedDb, type EmbeddedDb } from "../db/embedded";
import { migrate } from "../db/migrate";
import { createApp } from "./app";
import { loadCsrfKey } from "./csrf";
import { createYjsServer, type YjsOptions } from "./yjs";
import { createMailer, deliverDue, queueDigests } from "../app/modules/notices/mailer.server";
import { purgeGrievanceData } from "../app/modules/grievances/grievances.server";
import { runDueJobs, type MachineTranslator } from "../app/modules/translations/machine.server";

/** The repository root, found from this file whether it runs from server/ or from build/server/. */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4 && !fs.existsSync(path.join(dir, "package.json")); i++) dir = path.dirname(dir);
  return dir;
}
export const rootDir = findRoot();

export function readVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(rootDir, "package.json"), "utf8")).version;
  } catch {
    return "unknown";
  }
}

/** A start-up failure that gets one clear log line and a non-zero exit (issue #3, "Bad input"). */
export class StartupError extends Error {
  constructor(message: string, public readonly reason?: unknown) {
    super(message);
  }
}

/** Starts the embedded database when there is no DATABASE_URL, checks the connection, migrates. */
export async function prepareDatabase(logger: Logger): Promise<{ embedded?: EmbeddedDb }> {
  const config = dbConfig();
  let embedded: EmbeddedDb | undefined;
  if (config.mode === "embedded") {
    try {
      embedded = await startEmbeddedDb(config);
    } catch (err) {
      throw new StartupError(`could not start the embedded database in ${config.dataDir}`, err);
    }
  }
  try {
    await sql`select 1`;
  } catch (err) {
    // Never the connection string: it may hold a password.
    throw new StartupError("database unreachable at start: check DATABASE_URL and that PostgreSQL is running", err);
  }
  const applied = await migrate(sql, { schema: config.schema });
  if (applied.length) logger.info({ migrations: applied }, "applied migrations");
  return { embedded };
}

export interface RunningServer {
  server: http.Server;
  port: number;
  close(): Promise<void>;
}

/**
 * Everything `npm start` does: database, migrations, admin bootstrap, demo data, HTTP server and
 * graceful shutdown. Tests call it in-process with their own port and build.
 */
export async function startServer(options: {
  build: ServerBuild;
  port?: number;
  host?: string;
  logger?: Logger;
  admin?: { email: string; password: string };
  demo?: boolean;
  /** false when the caller (a test) has set up the database and will close it itself. */
  ownDatabase?: boolean;
  /** Limits and timers of the collaborative-documents endpoint (tests shorten them). */
  yjs?: Partial<Omit<YjsOptions, "logger" | "sql">>;
  /** Email for notices (SMTP_URL, MAIL_FROM, SITE_URL); without it notices stay in the inbox only. */
  mail?: { url: string; from: string; siteUrl: string; intervalMs?: number };
  /** Machine drafts (TRANSLATE_URL); without it no text is sent anywhere and the jobs wait. */
  translate?: { translator: MachineTranslator; intervalMs?: number };
}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger();
  const ownDatabase = options.ownDatabase ?? true;
  const { embedded } = ownDatabase ? await prepareDatabase(logger) : { embedded: undefined };
  if (options.admin) {
    if (await ensureAdmin(options.admin)) logger.info("created the admin account from ADMIN_EMAIL");
  }
  if (options.demo !== false && (await isEmptyDatabase())) {
    await seedDemo();
    logger.info("loaded the demo data into the empty database");
  }
  const version = readVersion();
  const app = createApp({
    build: options.build,
    sql,
    logger,
    version,
    dbMode: dbConfig().mode,
    csrfKey: await loadCsrfKey(sql),
    rootDir,
    trustProxy: process.env.TRUST_PROXY === "1",
    machineDrafts: Boolean(options.translate),
  });
  const server = http.createServer(app);
  const yjs = createYjsServer({ ...options.yjs, logger, sql });
  server.on("upgrade", (req, socket, head) => yjs.handleUpgrade(req, socket, head));
  const port = options.port ?? Number(process.env.PORT ?? 3000);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, options.host ?? process.env.HOST ?? "0.0.0.0", () => resolve());
  });
  const actualPort = (server.address() as { port: number }).port;
  const sweeper = setInterval(() => {
    deleteExpiredSessions().catch((err) => logger.warn({ err: serializeError(err) }, "session sweep failed"));
    // Least data: grievances' rate-limit keys after 2 days, contact addresses 30 days after closing.
    purgeGrievanceData().catch((err) => logger.warn({ err: serializeError(err) }, "grievance purge failed"));
  }, 60 * 60 * 1000);
  sweeper.unref();
  // Notices by email: the queue is read every 30 s; a failed send waits and is tried again (issue #8).
  const mailer = options.mail ? createMailer(options.mail.url, options.mail.from) : null;
  let mailing = Promise.resolve();
  const mailTimer = mailer
    ? setInterval(() => {
        mailing = mailing
          .then(async () => {
            await queueDigests();
            const report = await deliverDue({ mailer, siteUrl: options.mail!.siteUrl });
            if (report.sent || report.failed || report.dropped) logger.info(report, "notice emails");
          })
          .catch((err) => logger.warn({ err: serializeError(err) }, "notice emails failed"));
      }, options.mail!.intervalMs ?? 30_000)
    : null;
  mailTimer?.unref();
  // Machine drafts: the queue is read every 30 s; a provider down or slow only delays them (issue #9).
  // Counts only in the log, never a text.
  const translator = options.translate?.translator;
  let translating = Promise.resolve();
  const translateTimer = translator
    ? setInterval(() => {
        translating = translating
          .then(async () => {
            const report = await runDueJobs({ translator });
            if (report.done || report.failed || report.skipped) logger.info(report, "machine drafts");
          })
          // The error's type and code only: a database error's message can quote a row.
          .catch((err) => logger.warn({ err: { type: (err as Error)?.name, code: (err as { code?: unknown })?.code } }, "machine drafts failed"));
      }, options.translate!.intervalMs ?? 30_000)
    : null;
  translateTimer?.unref();
  logger.info({ port: actualPort, db: dbConfig().mode, version, mail: !!mailer, translate: translator?.name ?? null }, "listening");

  let closing: Promise<void> | undefined;
  return {
    server,
    port: actualPort,
    close() {
      // Stop accepting, let requests in flight finish (10 s at most), then close the database.
      closing ??= (async () => {
        clearInterval(sweeper);
        if (mailTimer) clearInterval(mailTimer);
        if (translateTimer) clearInterval(translateTimer);
        await mailing;
        mailer?.close();
        await translating;
        await yjs.close();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const force = setTimeout(() => server.closeAllConnections(), 10_000);
        await closed;
        clearTimeout(force);
        if (ownDatabase) {
          await closeSql();
          await embedded?.stop();
        }
      })();
      return closing;
    },
  };
}
