// Shared by the benchmarks: a keep-alive GET, a bounded load run (count and time), the app started from
// the build on its own database, and a bare node:http server answering fixed bytes as the baseline.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";

export const DURATION_MS = Number(process.env.BENCH_MS ?? 5000);
export const MAX_REQUESTS = Number(process.env.BENCH_MAX ?? 20000);
export const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export function get(port, pathname, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: pathname, agent, headers: { "accept-encoding": "identity", ...headers } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(chunks), headers: res.headers }));
    });
    req.on("error", reject);
  });
}

/** Requests `pathname` from `concurrency` workers until `maxRequests` or `durationMs`; status ≠ 200 is an error. */
export async function load(port, pathname, { headers = {}, concurrency = CONCURRENCY, durationMs = DURATION_MS, maxRequests = MAX_REQUESTS } = {}) {
  const latencies = [];
  let errors = 0;
  const started = performance.now();
  let sent = 0;
  async function worker() {
    while (sent < maxRequests && performance.now() - started < durationMs) {
      sent++;
      const t = performance.now();
      try {
        const res = await get(port, pathname, headers);
        if (res.status !== 200) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))];
  return { requests: latencies.length, errors, rps: latencies.length / seconds, p50: pct(0.5), p95: pct(0.95) };
}

async function waitHealthy(port) {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await get(port, "/healthz")).status === 200) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("server did not start");
}

/**
 * The built app on a free-ish loopback port, on a fresh embedded database, or on `schema` of
 * DATABASE_URL (dropped afterwards). `stop()` ends it and removes what it created.
 */
export async function startApp({ schema, extraEnv = {} }) {
  const port = 3400 + Math.floor(Math.random() * 500);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "consult-bench-"));
  const env = { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", ...extraEnv };
  if (env.DATABASE_URL) env.DB_SCHEMA = schema;
  else env.DATA_DIR = path.join(dataDir, "pglite");
  const launch = () => spawn(process.execPath, ["build/server/index.js"], { env, stdio: ["ignore", "ignore", "inherit"] });
  let app = launch();
  await waitHealthy(port);
  return {
    port,
    env,
    database: env.DATABASE_URL ? "postgres" : "embedded",
    /** `kill -9`, then the same server again on the same port and data; resolves once it answers, with the ms it was away. */
    async crashAndRestart() {
      const killed = performance.now();
      const exited = new Promise((r) => app.once("exit", r));
      app.kill("SIGKILL");
      await exited;
      app = launch();
      await waitHealthy(port);
      return performance.now() - killed;
    },
    async stop() {
      if (app.exitCode === null && app.signalCode === null) {
        const exited = new Promise((r) => app.once("exit", r));
        app.kill("SIGTERM");
        await exited;
      }
      if (env.DATABASE_URL) {
        const { default: postgres } = await import("postgres");
        const sql = postgres(env.DATABASE_URL, { onnotice: () => {} });
        await sql`drop schema if exists ${sql(schema)} cascade`;
        await sql.end();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A bare node:http server answering `bytes` to every request: what the machine can do at best. */
export async function bareServer(bytes) {
  const bare = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": bytes.length });
    res.end(bytes);
  });
  await new Promise((r) => bare.listen(0, "127.0.0.1", r));
  return { port: bare.address().port, close: () => bare.close() };
}

export function row(name, r) {
  return `| ${name.padEnd(44)} | ${String(r.requests).padStart(8)} | ${String(r.errors).padStart(6)} | ${r.rps.toFixed(0).padStart(7)} | ${r.p50.toFixed(2).padStart(7)} | ${r.p95.toFixed(2).padStart(7)} |`;
}
export const HEADER = [
  "| target                                       | requests | errors |   req/s | p50 ms  | p95 ms  |",
  "|----------------------------------------------|----------|--------|---------|---------|---------|",
].join("\n");
