import type { ServerBuild } from "@remix-run/node";
import { createLogger, serializeError } from "../app/lib/logger.server";
import { machineTranslatorFromEnv } from "../app/modules/translations/machine.server";
import { StartupError, startServer } from "./start";

const logger = createLogger();

async function main() {
  // The Remix build sits beside this bundle's folder (build/index.js; see remix.config.js).
  const buildUrl = new URL("../index.js", import.meta.url).href;
  const build = (await import(buildUrl)) as ServerBuild;
  const { ADMIN_EMAIL, ADMIN_PASSWORD, SMTP_URL, MAIL_FROM, SITE_URL } = process.env;
  let translator: ReturnType<typeof machineTranslatorFromEnv>;
  try {
    translator = machineTranslatorFromEnv();
  } catch (err) {
    throw new StartupError((err as Error).message);
  }
  const running = await startServer({
    build,
    logger,
    admin: ADMIN_EMAIL && ADMIN_PASSWORD ? { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } : undefined,
    demo: process.env.DEMO !== "0",
    mail: SMTP_URL ? { url: SMTP_URL, from: MAIL_FROM ?? "notices@localhost", siteUrl: (SITE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "") } : undefined,
    translate: translator ? { translator } : undefined,
  });
  const shutdown = (signal: string) => {
    logger.info({ signal }, "shutting down");
    running.close().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err: serializeError(err) }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

main().catch((err) => {
  const reason = err instanceof StartupError ? err.reason : err;
  logger.fatal({ err: serializeError(reason) }, err instanceof StartupError ? err.message : "start-up failed");
  process.exit(1);
});
