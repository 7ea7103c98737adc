import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import { Client, csrfFrom } from "../helpers/client";
import { connectDoc, until } from "../helpers/yjs";

// Issue #6, "Crash test": under load, `kill -9` the server; after a restart, every update any client had
// received, and every input whose form had been answered with a redirect, is there. On real PostgreSQL
// (what production runs; the embedded database is for trying the app on a laptop).

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
});

function start(port: number, schema: string) {
  const child = spawn(process.execPath, ["build/server/index.js"], {
    env: { PATH: process.env.PATH, NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(port), DATABASE_URL: process.env.DATABASE_URL, DB_SCHEMA: schema, LOG_LEVEL: "warn" },
    stdio: "ignore",
  });
  children.push(child);
  return child;
}

async function healthy(base: string): Promise<void> {
  await until(async () => (await fetch(`${base}/healthz`).catch(() => null))?.ok, 60_000);
}

describe.runIf(process.env.DATABASE_URL)("kill -9 under load", () => {
  it("loses nothing that was acknowledged: redirected forms and relayed doc updates", async () => {
    const schema = `crash_${Date.now()}`;
    const port = 20000 + Math.floor(Math.random() * 20000);
    const base = `http://127.0.0.1:${port}`;
    const admin = postgres(process.env.DATABASE_URL!, { onnotice: () => {} });
    let server = start(port, schema);
    try {
      await healthy(base);
      const writer = new Client(base);
      await writer.post("/c/demo/join", { pseudonym: "Under Load", consent: "yes" });
      const created = await writer.post("/c/demo/groups", { intent: "create", name: "Crash Test Union", kind: "union" });
      const draft = (await writer.get(created.headers.get("location")!)).text.match(/data-ydoc="draft:([0-9a-f-]{36})"/)![1];

      const a = connectDoc(base, `draft:${draft}`, writer.cookieHeader());
      const b = connectDoc(base, `draft:${draft}`, writer.cookieHeader());
      await Promise.all([a.synced, b.synced]);
      let received = "";
      b.doc.getText("load").observe(() => (received = b.doc.getText("load").toString()));

      // Load: one character a few milliseconds into the doc, and comments posted one after another.
      const acknowledged: string[] = [];
      let typing = true;
      const typed = (async () => {
        for (let i = 0; typing && i < 2000; i++) {
          a.doc.getText("load").insert(a.doc.getText("load").length, String(i % 10));
          await new Promise((r) => setTimeout(r, 3));
        }
      })();
      const posting = (async () => {
        for (let i = 0; i < 200; i++) {
          try {
            const html = (await writer.get("/c/demo")).text;
            const key = html.match(/name="idempotencyKey" value="([^"]+)"/)![1];
            const res = await writer.post("/c/demo", { body: `Comment number ${i} under load`, attribution: "pseudonymous", idempotencyKey: key }, { csrf: csrfFrom(html) });
            if (res.status === 303) acknowledged.push(key);
          } catch {
            return; // the server is gone
          }
        }
      })();
      await until(() => received.length > 100 && acknowledged.length > 5, 20_000);
      server.kill("SIGKILL");
      await new Promise((resolve) => server.once("exit", resolve));
      typing = false;
      await Promise.all([typed, posting]);
      a.provider.destroy();
      b.provider.destroy();
      const seen = received;

      server = start(port, schema);
      await healthy(base);
      const rows = await admin<{ idempotencyKey: string }[]>`
        select idempotency_key from ${admin(schema)}.inputs where idempotency_key in ${admin(acknowledged)}`;
      expect(rows.length).toBe(acknowledged.length);

      const reader = connectDoc(base, `draft:${draft}`, writer.cookieHeader());
      await reader.synced;
      const after = reader.doc.getText("load").toString();
      reader.provider.destroy();
      // Everything the other client had been sent is there (and perhaps a little more it had not yet seen).
      expect(after.startsWith(seen)).toBe(true);
      console.log(`crash test: ${acknowledged.length} acknowledged comments and ${seen.length} relayed characters all kept after kill -9`);
    } finally {
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once("exit", resolve));
        server.kill("SIGTERM");
        await exited;
      }
      await admin`drop schema if exists ${admin(schema)} cascade`;
      await admin.end();
    }
  }, 120_000);
});
