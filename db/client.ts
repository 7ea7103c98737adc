import postgres from "postgres";
import { readDbConfig, type DbConfig } from "./config";

export type Sql = postgres.Sql<Record<string, never>>;
/** A handle that may be the pool or a transaction; module functions take one as their last argument. */
export type Db = Sql | postgres.TransactionSql<Record<string, never>>;

function createSql(config: DbConfig): Sql {
  const common = {
    // STYLE.md: TypeScript sees camelCase while the SQL stays snake_case.
    transform: postgres.camel,
    // Notices (e.g. "schema already exists") are noise in the logs.
    onnotice: () => {},
    connect_timeout: Number(process.env.DB_CONNECT_TIMEOUT ?? 10),
    connection: config.schema ? { search_path: `${config.schema},public` } : {},
  } as const;
  if (config.mode === "postgres") {
    return postgres(config.url!, { ...common, max: Number(process.env.DB_POOL_SIZE ?? 10) }) as unknown as Sql;
  }
  // DESIGN.md, Database: PGlite serves one connection at a time, so the pool is one connection.
  return postgres({
    ...common,
    host: config.socketDir,
    port: 5432,
    database: "postgres",
    username: "postgres",
    max: 1,
    // PGlite may need a moment under a long transaction; never drop the only connection for idling.
    idle_timeout: 0,
  }) as unknown as Sql;
}

// Remix bundles app code apart from the server entry, so this module can be evaluated twice in one
// process. One pool per process matters (the embedded database takes one connection), hence globalThis.
const g = globalThis as unknown as { __consultSql?: Sql; __consultDbConfig?: DbConfig };

export function dbConfig(): DbConfig {
  return (g.__consultDbConfig ??= readDbConfig());
}

/** The process-wide pool. postgres.js connects lazily, so creating it needs no running database. */
export const sql: Sql = (g.__consultSql ??= createSql(dbConfig()));

export async function closeSql(timeoutSeconds = 5): Promise<void> {
  await sql.end({ timeout: timeoutSeconds });
}
