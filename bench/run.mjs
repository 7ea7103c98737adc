// `npm run bench`: requests per second and latency of /c/demo, measured against a bare Node HTTP
// server answering the same bytes in the same run, so the ratio (not the absolute figure) is what
// compares across machines. Loopback only; each run is bounded in requests and in time.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";

const DURATION_MS = Number(process.env.BENCH_MS ?? 5000);
const MAX_REQUESTS = Number(process.env.BENCH_MAX ?? 20000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const PORT = 3400 + Math.floor(Math.random() * 500);
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function get(port, pathname) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: pathname, agent, headers: { "accept-encoding": "identity" } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(chunks), headers: res.headers }));
    });
    req.on("error", reject);
  });
}

async function load(port, pathname) {
  const latencies = [];
  let errors = 0;
  const started = performance.now();
  let sent = 0;
  async function worker() {
    while (sent < MAX_REQUESTS && performance.now() - started < DURATION_MS) {
      sent++;
      const t = performance.now();
      try {
        const res = await get(port, pathname);
        if (res.status !== 200) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t);
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
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

const dataDir = mkdtempSync(path.join(os.tmpdir(), "consult-bench-"));
const env = { ...process.env, NODE_ENV: "production", PORT: String(PORT), HOST: "127.0.0.1", LOG_LEVEL: "warn" };
if (env.DATABASE_URL) env.DB_SCHEMA = "bench";
else env.DATA_DIR = path.join(dataDir, "pglite");
const app = spawn(process.execPath, ["build/server/index.js"], { env, stdio: ["ignore", "ignore", "inherit"] });
try {
  await waitHealthy(PORT);
  const page = await get(PORT, "/c/demo");
  const bytes = page.body;
  const bare = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": bytes.length });
    res.end(bytes);
  });
  await new Promise((r) => bare.listen(0, "127.0.0.1", r));
  const barePort = bare.address().port;

  await load(PORT, "/c/demo"); // warm-up, not counted
  const ours = await load(PORT, "/c/demo");
  const baseline = await load(barePort, "/");
  bare.close();

  const db = env.DATABASE_URL ? "postgres" : "embedded";
  const row = (name, r) =>
    `| ${name.padEnd(34)} | ${String(r.requests).padStart(8)} | ${String(r.errors).padStart(6)} | ${r.rps.toFixed(0).padStart(7)} | ${r.p50.toFixed(2).padStart(7)} | ${r.p95.toFixed(2).padStart(7)} |`;
  console.log(`\n/c/demo (${bytes.length} bytes of HTML), ${CONCURRENCY} concurrent, ${DURATION_MS} ms, database: ${db}, ${os.cpus().length} cores\n`);
  console.log("| target                             | requests | errors |   req/s | p50 ms  | p95 ms  |");
  console.log("|------------------------------------|----------|--------|---------|---------|---------|");
  console.log(row("this app: GET /c/demo", ours));
  console.log(row("bare node:http, same bytes", baseline));
  console.log(`\nratio (this app / bare): ${(ours.rps / baseline.rps).toFixed(3)} of the throughput, p95 ${(ours.p95 / baseline.p95).toFixed(1)}x`);
} finally {
  app.kill("SIGTERM");
  await new Promise((r) => app.once("exit", r));
  if (env.DATABASE_URL) {
    const { default: postgres } = await import("postgres");
    const sql = postgres(env.DATABASE_URL, { onnotice: () => {} });
    await sql`drop schema if exists bench cascade`;
    await sql.end();
  }
  rmSync(dataDir, { recursive: true, force: true });
}
