import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import { Client } from "../helpers/client";
import { freePort, runBuilt, waitHealthy, type BuiltServer } from "../helpers/server-process";

// These start the built server as `npm start` does, in a child process with its own database.
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const run = (env: Record<string, string | undefined>) => runBuilt(env, children);
const waitFor = (port: number, server: BuiltServer) => waitHealthy(`http://127.0.0.1:${port}`, server);

describe("npm start (build/server/index.js)", () => {
  it("starts on an empty embedded database with the demo, and stops cleanly on SIGTERM", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "consult-start-"));
    dirs.push(dataDir);
    const port = await freePort();
    const server = run({ PORT: String(port), DATA_DIR: path.join(dataDir, "pglite") });
    const ms = await waitFor(port, server);
    console.log(`start on an empty embedded database: healthy after ${ms} ms`);
    const body = await (await fetch(`http://127.0.0.1:${port}/healthz`)).json();
    expect(body).toMatchObject({ ok: true, db: "embedded" });
    const page = await fetch(`http://127.0.0.1:${port}/c/demo`);
    expect(page.status).toBe(200);
    // A participant joins before the restart…
    const participant = new Client(`http://127.0.0.1:${port}`);
    expect((await participant.post("/c/demo/join", { pseudonym: "Before Restart", consent: "yes" })).status).toBe(303);
    // A request in flight when SIGTERM arrives still gets its answer: its body is sent half before the
    // signal and half after, and the server exits only once it has replied.
    const [first, second] = ["pseudonym=Half", "way-There&consent=yes"];
    const inFlight = new Promise<number>((resolve, reject) => {
      const headers = { "content-type": "application/x-www-form-urlencoded", "content-length": first.length + second.length };
      const req = http.request({ host: "127.0.0.1", port, path: "/c/demo/join", method: "POST", headers }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode!));
      });
      req.on("error", reject);
      req.write(first);
      setTimeout(() => {
        server.child.kill("SIGTERM");
        setTimeout(() => req.end(second), 300);
      }, 200);
    });
    expect(await inFlight).toBe(403); // answered (refused for its missing CSRF token), not cut off
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('"msg":"shutting down"');

    // Data survives a restart: the demo is not loaded twice and the database is reused.
    const again = run({ PORT: String(port), DATA_DIR: path.join(dataDir, "pglite") });
    await waitFor(port, again);
    expect(again.output()).not.toContain("loaded the demo data");
    // …and is still signed in after it (contract "limits": sessions survive a restart).
    const account = await participant.get("/account");
    expect(account.status).toBe(200);
    expect(account.text).toContain("Before Restart");
    again.child.kill("SIGTERM");
    expect(await again.exited).toBe(0);
    // Two cold starts of an embedded database, slow on a busy machine: a bound, not a timing assertion.
  }, 120_000);

  it("exits non-zero with one clear line when the database is unreachable, without the password", async () => {
    const server = run({ PORT: String(await freePort()), DATABASE_URL: "postgres://someone:s3cret-pw@127.0.0.1:9/nowhere", DB_CONNECT_TIMEOUT: "3" });
    const code = await server.exited;
    expect(code).not.toBe(0);
    const lines = server.output().trim().split("\n").filter(Boolean);
    const fatal = lines.map((l) => JSON.parse(l)).find((l) => l.level === 60);
    expect(fatal.msg).toContain("database unreachable at start");
    expect(server.output()).not.toContain("s3cret-pw");
  });

  it.runIf(process.env.DATABASE_URL)("refuses to start when an applied migration was changed", async () => {
    const schema = `start_${Date.now()}`;
    const admin = postgres(process.env.DATABASE_URL!, { onnotice: () => {} });
    try {
      const port = await freePort();
      const first = run({ PORT: String(port), DATABASE_URL: process.env.DATABASE_URL, DB_SCHEMA: schema, DEMO: "0" });
      await waitFor(port, first);
      first.child.kill("SIGTERM");
      await first.exited;
      await admin`update ${admin(schema)}.schema_migrations set checksum = 'edited' where name = '0001_create_accounts.sql'`;
      const second = run({ PORT: String(port), DATABASE_URL: process.env.DATABASE_URL, DB_SCHEMA: schema, DEMO: "0" });
      expect(await second.exited).not.toBe(0);
      expect(second.output()).toContain("was changed after it was applied");
    } finally {
      await admin`drop schema if exists ${admin(schema)} cascade`;
      await admin.end();
    }
  });
});
