import type { ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import type * as Y from "yjs";
import { Client, csrfFrom } from "../helpers/client";
import WebSocket from "ws";
import { GENERATION, ITEMS, type BoardDocItem } from "../../app/lib/board-doc";
import { followBoard } from "../../app/lib/live-board.client";
import { freePort, runBuilt, waitHealthy } from "../helpers/server-process";
import { connectDoc, until } from "../helpers/yjs";

// Issue #6, "Crash test": under load, `kill -9` the server; after a restart, every update any client had
// received, and every input whose form had been answered with a redirect, is there. On real PostgreSQL
// (what production runs; the embedded database is for trying the app on a laptop).

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
});

const start = (port: number, schema: string) =>
  runBuilt({ PORT: String(port), DATABASE_URL: process.env.DATABASE_URL, DB_SCHEMA: schema, LOG_LEVEL: "warn" }, children);

/** The built server on a schema of its own, to be killed with `kill -9` and started again on the same data. */
async function crashableServer(name: string) {
  const schema = `${name}_${Date.now()}`;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const admin = postgres(process.env.DATABASE_URL!, { onnotice: () => {} });
  let server = start(port, schema);
  const stop = async (signal: NodeJS.Signals) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return;
    server.child.kill(signal);
    await server.exited;
  };
  await waitHealthy(base, server);
  return {
    base,
    schema,
    admin,
    kill: () => stop("SIGKILL"),
    async restart() {
      server = start(port, schema);
      await waitHealthy(base, server);
    },
    async close() {
      await stop("SIGTERM");
      await admin`drop schema if exists ${admin(schema)} cascade`;
      await admin.end();
    },
  };
}

describe.runIf(process.env.DATABASE_URL)("kill -9 under load", () => {
  it("loses nothing that was acknowledged: redirected forms and relayed doc updates", async () => {
    const server = await crashableServer("crash");
    const { base, schema, admin } = server;
    try {
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
      await server.kill();
      typing = false;
      await Promise.all([typed, posting]);
      a.provider.destroy();
      b.provider.destroy();
      const seen = received;

      await server.restart();
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
      await server.close();
    }
  }, 120_000);

  it("a live board reader connected through kill -9 stays connected after the restart, gets what comes next and is told to start again", async () => {
    const server = await crashableServer("crash_board");
    const { base } = server;
    try {
      const writer = new Client(base);
      await writer.post("/c/demo/join", { pseudonym: "Board Crash", consent: "yes" });
      const post = async (body: string) => {
        const html = (await writer.get("/c/demo")).text;
        const key = html.match(/name="idempotencyKey" value="([^"]+)"/)![1];
        expect((await writer.post("/c/demo", { body, attribution: "pseudonymous", idempotencyKey: key }, { csrf: csrfFrom(html) })).status).toBe(303);
      };
      const docName = (await writer.get("/c/demo")).text.match(/data-ydoc="(board:[0-9a-f-]{36})"/)![1];
      // Any visitor may read the board: no cookie.
      const reader = connectDoc(base, docName);
      await reader.synced;
      // And the page's own follower, as a browser runs it.
      Object.assign(globalThis, {
        location: { protocol: "http:", host: new URL(base).host },
        requestAnimationFrame: (f: () => void) => setTimeout(f, 16),
        cancelAnimationFrame: (t: ReturnType<typeof setTimeout>) => clearTimeout(t),
        WebSocket,
      });
      let shown: BoardDocItem[] = [];
      const unfollow = followBoard(docName, (items) => (shown = items));
      await until(() => shown.length > 0, 10_000);
      const bodies = () => new Set(reader.doc.getArray<Y.Map<unknown>>(ITEMS).toArray().map((m) => String(m.get("body") ?? "")));
      // Long comments: the reader's doc grows past what a reader may send (64 KB). The server asked readers
      // for their state, and after a restart a reader sent the whole board back, was closed for it, and
      // reconnected, without end (found by the crash run of bench/load.mjs).
      const long = Array.from({ length: 8 }, (_, i) => `Long comment ${i}: ${Array(500).fill("a considered point").join(" ")}`);
      for (const body of long) await post(body);
      await until(() => long.every((b) => bodies().has(b)), 10_000);
      expect(reader.doc.getArray(GENERATION).length).toBe(1);

      await server.kill();
      await server.restart();
      await until(() => reader.provider.wsconnected && reader.provider.synced, 20_000);
      let closed = 0;
      reader.provider.on("status", ({ status }: { status: string }) => status === "disconnected" && closed++);
      await post("Posted after the restart");
      await until(() => bodies().has("Posted after the restart"), 10_000);
      await new Promise((r) => setTimeout(r, 1500));
      expect(closed).toBe(0);
      // The server's doc is a new one: a page following the board sees two generations and starts again
      // from an empty doc (app/lib/live-board.client.ts) rather than show each input twice.
      expect(reader.doc.getArray(GENERATION).length).toBe(2);
      const fresh = connectDoc(base, docName);
      await fresh.synced;
      expect(fresh.doc.getArray(GENERATION).length).toBe(1);
      expect(new Set(fresh.doc.getArray<Y.Map<unknown>>(ITEMS).toArray().map((m) => String(m.get("body"))))).toContain("Posted after the restart");
      fresh.provider.destroy();
      reader.provider.destroy();
      // The page shows the new input, and each input once.
      await until(() => shown.some((i) => i.body === "Posted after the restart"), 10_000);
      expect(new Set(shown.map((i) => i.id)).size).toBe(shown.length);
      expect(shown.length).toBe(fresh.doc.getArray(ITEMS).length);
      unfollow();
    } finally {
      await server.close();
    }
  }, 120_000);
});
