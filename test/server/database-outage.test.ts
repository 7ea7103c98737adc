import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import { Client } from "../helpers/client";
import { freePort, runBuilt, waitHealthy } from "../helpers/server-process";
import { until } from "../helpers/yjs";

// Issue #10: the database goes away for a few seconds. Requests meanwhile get a clear page in the person's
// language (503, "nothing you sent was lost"), nothing half-written; when it is back the server answers
// again by itself, without a restart. The outage is a TCP proxy on loopback between the app and the real
// PostgreSQL, cut and restored by the test (the shared PostgreSQL itself is never stopped).

const en = JSON.parse(fs.readFileSync("locales/en/common.json", "utf8"));
const fr = JSON.parse(fs.readFileSync("locales/fr/common.json", "utf8"));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
});

/** A loopback proxy to PostgreSQL that can be cut (every connection dropped, new ones refused) and restored. */
async function pgProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on("close", () => sockets.delete(s));
          s.on("error", () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  await listen();
  return {
    get port() {
      return port;
    },
    async cut() {
      await new Promise<void>((resolve) => {
        server!.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
    restore: listen,
  };
}

describe.runIf(process.env.DATABASE_URL)("the database going away", () => {
  it("answers a clear 503 meanwhile, writes nothing half, and recovers by itself", async () => {
    const url = new URL(process.env.DATABASE_URL!);
    const proxy = await pgProxy({ host: url.hostname, port: Number(url.port || 5432) });
    const schema = `outage_${Date.now()}`;
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const viaProxy = new URL(url);
    viaProxy.port = String(proxy.port);
    // The server's log is shown beside a failure (codes and messages only: the app logs no input text).
    const server = runBuilt({ PORT: String(port), DATABASE_URL: viaProxy.toString(), DB_SCHEMA: schema, LOG_LEVEL: "warn" }, children);
    const { child } = server;
    const admin = postgres(process.env.DATABASE_URL!, { onnotice: () => {} });
    try {
      await waitHealthy(base, server);
      const person = new Client(base);
      expect((await person.post("/c/demo/join", { pseudonym: "Outage Witness", consent: "yes" })).status).toBe(303);
      const form = (await person.get("/c/demo")).text;
      const key = form.match(/name="idempotencyKey" value="([^"]+)"/)![1];
      const csrf = form.match(/name="_csrf" value="([^"]+)"/)![1];

      await proxy.cut();
      const started = Date.now();
      // A reader, in French, and a participant sending a comment: a clear page each, quickly, not a hang.
      const page = await new Client(base, { "accept-language": "fr" }).get("/c/demo");
      expect(page.status, server.output().slice(-2000)).toBe(503);
      expect(page.text).toContain(fr.errors.unavailable.title.replace(/'/g, "&#x27;"));
      const sent = await person.post("/c/demo", { body: "Written while the database was away.", attribution: "pseudonymous", idempotencyKey: key }, { csrf });
      expect(sent.status).toBe(503);
      expect(sent.text).toContain(en.errors.unavailable.title.replace(/'/g, "&#x27;"));
      expect(Date.now() - started).toBeLessThan(15_000);
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(503);

      await proxy.restore();
      // Back by itself: no restart, the same process.
      await until(async () => (await new Client(base).get("/c/demo")).status === 200, 30_000);
      expect(child.exitCode).toBeNull();
      // The comment sent during the outage was not written; sent again with the same key, it is, once.
      const [{ n: before }] = await admin<{ n: number }[]>`select count(*)::int as n from ${admin(schema)}.inputs where idempotency_key = ${key}`;
      expect(before).toBe(0);
      const again = await person.post("/c/demo", { body: "Written while the database was away.", attribution: "pseudonymous", idempotencyKey: key }, { csrf });
      expect(again.status).toBe(303);
      const [{ n: after }] = await admin<{ n: number }[]>`select count(*)::int as n from ${admin(schema)}.inputs where idempotency_key = ${key}`;
      expect(after).toBe(1);
    } finally {
      child.kill("SIGKILL");
      await proxy.cut().catch(() => {});
      await admin`drop schema if exists ${admin(schema)} cascade`;
      await admin.end();
    }
  }, 120_000);
});
