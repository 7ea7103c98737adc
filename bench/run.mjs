// `npm run bench`: requests per second and latency of /c/demo, measured against a bare Node HTTP
// server answering the same bytes in the same run, so the ratio (not the absolute figure) is what
// compares across machines. Loopback only; each run is bounded in requests and in time. Then the Yjs
// comparison with Hocuspocus and y-websocket-server (bench/yjs.mjs, on PostgreSQL only), the triage queue
// and the participant's pages at growing sizes (bench/triage.mjs), then 500 participants for 60 s
// (bench/load.mjs).
import { spawnSync } from "node:child_process";
import os from "node:os";
import { bareServer, CONCURRENCY, DURATION_MS, get, HEADER, load, row, startApp } from "./lib.mjs";

const app = await startApp({ schema: "bench" });
try {
  const page = await get(app.port, "/c/demo");
  const bytes = page.body;
  const bare = await bareServer(bytes);
  await load(app.port, "/c/demo"); // warm-up, not counted
  const ours = await load(app.port, "/c/demo");
  const baseline = await load(bare.port, "/");
  bare.close();

  console.log(`\n/c/demo (${bytes.length} bytes of HTML), ${CONCURRENCY} concurrent, ${DURATION_MS} ms, database: ${app.database}, ${os.cpus().length} cores\n`);
  console.log(HEADER);
  console.log(row("this app: GET /c/demo", ours));
  console.log(row("bare node:http, same bytes", baseline));
  console.log(`\nratio (this app / bare): ${(ours.rps / baseline.rps).toFixed(3)} of the throughput, p95 ${(ours.p95 / baseline.p95).toFixed(1)}x`);
} finally {
  await app.stop();
}

// BENCH_ONLY=page stops here (the others take minutes).
if (process.env.BENCH_ONLY !== "page") {
  // The Yjs comparison ends its own process, so it runs in one of its own.
  if (process.env.DATABASE_URL) {
    const yjs = spawnSync(process.execPath, ["bench/yjs.mjs"], { stdio: "inherit", env: process.env, timeout: 10 * 60_000 });
    if (yjs.status !== 0) console.log(`\nthe Yjs comparison ended with ${yjs.status ?? yjs.signal}`);
  } else {
    console.log("\nThe Yjs comparison (bench/yjs.mjs) needs DATABASE_URL: this server persists to PostgreSQL, as in production. Skipped.");
  }
  await import("./triage.mjs");
  await import("./load.mjs");
}
