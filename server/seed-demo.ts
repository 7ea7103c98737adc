import { createLogger, serializeError } from "../app/lib/logger.server";
import { seedDemo } from "../app/modules/demo/seed.server";
import { closeSql } from "../db/client";
import { prepareDatabase, StartupError } from "./start";

// `npm run seed:demo`: the same database set-up as `npm start`, then the demo data (idempotent).
const logger = createLogger();
try {
  const { embedded } = await prepareDatabase(logger);
  await seedDemo();
  logger.info("demo data loaded");
  await closeSql();
  await embedded?.stop();
} catch (err) {
  const reason = err instanceof StartupError ? err.reason : err;
  logger.fatal({ err: serializeError(reason) }, err instanceof StartupError ? err.message : "seeding failed");
  process.exit(1);
}
