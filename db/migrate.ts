import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Sql } from "./client";

const here = path.dirname(fileURLToPath(import.meta.url));

/** The migrations folder, both from the sources (tests) and from build/server (the bundle). */
export async function findMigrationsDir(): Promise<string> {
  for (const candidate of [path.join(here, "migrations"), path.resolve(here, "../../db/migrations"), path.resolve("db/migrations")]) {
    try {
      await fs.access(candidate);
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw new Error("db/migrations not found");
}

/** An arbitrary key for pg_advisory_xact_lock, the same in every instance. */
const MIGRATION_LOCK = 7_305_112_026;

export class ChangedMigrationError extends Error {
  constructor(public readonly file: string) {
    super(`migration ${file} was changed after it was applied; write a new migration instead`);
  }
}

/**
 * Applies every numbered .sql file not yet recorded, each in its own transaction with its record,
 * and refuses to go on when an applied file's checksum changed (STYLE.md: forward-only migrations).
 * Returns the names it applied.
 */
export async function migrate(sql: Sql, options: { schema?: string; dir?: string } = {}): Promise<string[]> {
  const dir = options.dir ?? (await findMigrationsDir());
  if (options.schema) await sql`create schema if not exists ${sql(options.schema)}`;
  await sql`
    create table if not exists schema_migrations (
      name text primary key,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`;
  const files = (await fs.readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  const applied = new Map(
    (await sql<{ name: string; checksum: string }[]>`select name, checksum from schema_migrations`).map((r) => [r.name, r.checksum]),
  );
  const done: string[] = [];
  for (const file of files) {
    const text = await fs.readFile(path.join(dir, file), "utf8");
    const checksum = crypto.createHash("sha256").update(text).digest("hex");
    const previous = applied.get(file);
    if (previous !== undefined) {
      if (previous !== checksum) throw new ChangedMigrationError(file);
      continue;
    }
    const appliedNow = await sql.begin(async (tx) => {
      // Several instances may start together on one PostgreSQL: the lock makes them take turns, and the
      // second finds the migration recorded by the first and skips it.
      await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK})`;
      const [already] = await tx`select 1 from schema_migrations where name = ${file}`;
      if (already) return false;
      // Our own files, reviewed in the repository: the one place sql.unsafe is used (STYLE.md).
      await tx.unsafe(text);
      await tx`insert into schema_migrations (name, checksum) values (${file}, ${checksum})`;
      return true;
    });
    if (appliedNow) done.push(file);
  }
  return done;
}
