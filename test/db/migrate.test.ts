import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sql } from "../../db/client";
import { ChangedMigrationError, findMigrationsDir, migrate } from "../../db/migrate";

async function copyOfMigrations(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "migrations-"));
  const source = await findMigrationsDir();
  for (const f of await fs.readdir(source)) await fs.copyFile(path.join(source, f), path.join(dir, f));
  return dir;
}

describe("migrate", () => {
  it("records every migration file once, and a second run applies nothing", async () => {
    const files = (await fs.readdir(await findMigrationsDir())).filter((f) => f.endsWith(".sql")).sort();
    const rows = await sql<{ name: string }[]>`select name from schema_migrations order by name`;
    expect(rows.map((r) => r.name)).toEqual(files);
    expect(await migrate(sql)).toEqual([]);
  });

  it("refuses to go on when an applied migration was changed", async () => {
    const dir = await copyOfMigrations();
    await fs.appendFile(path.join(dir, "0001_create_accounts.sql"), "\n-- edited after it was applied\n");
    await expect(migrate(sql, { dir })).rejects.toBeInstanceOf(ChangedMigrationError);
  });

  it("applies a new migration once when several instances start together", async () => {
    const dir = await copyOfMigrations();
    await fs.writeFile(path.join(dir, "9998_create_once.sql"), "create table created_once (id int);\n");
    const results = await Promise.all([migrate(sql, { dir }), migrate(sql, { dir }), migrate(sql, { dir })]);
    expect(results.flat()).toEqual(["9998_create_once.sql"]);
    await sql`drop table created_once`;
    await sql`delete from schema_migrations where name = '9998_create_once.sql'`;
  });

  it("applies a new migration in a transaction: a failing one leaves neither its changes nor its record", async () => {
    const dir = await copyOfMigrations();
    await fs.writeFile(path.join(dir, "9999_break_things.sql"), "create table half_done (id int);\nselect no_such_function();\n");
    await expect(migrate(sql, { dir })).rejects.toThrow();
    const [{ exists }] = await sql<{ exists: boolean }[]>`select to_regclass('half_done') is not null as exists`;
    expect(exists).toBe(false);
    expect(await sql`select 1 from schema_migrations where name = '9999_break_things.sql'`).toHaveLength(0);
  });
});
