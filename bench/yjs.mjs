// `npm run bench:yjs` (issue #6): our y-websocket endpoint, persisting every update to PostgreSQL before
// relaying it, against @hocuspocus/server 3 and @y/websocket-server 0.1.1 (both in memory), under the same
// load in the same run: DOCS docs × CLIENTS clients, each client changing its doc every INTERVAL ms.
// Printed: delivered updates per second, latency from send to receipt at the other clients (p50, p99),
// server memory per 1,000 open connections, and how long a new client takes to sync a 10,000-item doc.
// Loopback only; bounded in time and count. Needs DATABASE_URL for our server (as in production).
import { spawn } from "node:child_process";
import fs from "node:fs";
import WebSocket from "ws";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

const DOCS = Number(process.env.BENCH_DOCS ?? 20);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 10);
const INTERVAL = Number(process.env.BENCH_INTERVAL_MS ?? 200);
const DURATION = Number(process.env.BENCH_MS ?? 10_000);
const ITEMS = 10_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const children = [];
// Each y-websocket provider listens for the process's exit in Node; there are hundreds here.
process.setMaxListeners(0);
process.on("exit", () => children.forEach((c) => c.kill("SIGKILL")));

function rssKb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(status.match(/VmRSS:\s+(\d+)/)[1]);
}

async function until(check, ms, what) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await sleep(20);
  }
}

function startChild(script, env, ready) {
  const child = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      if (ready(out)) resolve(child);
    });
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

/** A minimal cookie-keeping client for our server's forms. */
class Browser {
  constructor(base) {
    this.base = base;
    this.cookies = new Map();
  }
  cookie() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  keep(res) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
  }
  async get(path) {
    const res = await fetch(this.base + path, { redirect: "manual", headers: { cookie: this.cookie() } });
    this.keep(res);
    return { res, text: await res.text() };
  }
  async post(path, fields) {
    const page = await this.get(path.split("?")[0].replace(/\/groups\/.*$/, "/groups"));
    const csrf = page.text.match(/name="_csrf" value="([^"]+)"/)[1];
    const res = await fetch(this.base + path, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: this.cookie(), "content-type": "application/x-www-form-urlencoded", origin: this.base },
      body: new URLSearchParams({ ...fields, _csrf: csrf }),
    });
    this.keep(res);
    return res;
  }
}

/** Our server with its own schema: DOCS group drafts, CLIENTS participants each a member of every group. */
async function startOurs() {
  if (!process.env.DATABASE_URL) throw new Error("bench:yjs needs DATABASE_URL: our server persists to PostgreSQL, as in production");
  const port = 4400 + Math.floor(Math.random() * 400);
  const schema = `bench_yjs_${Date.now()}`;
  const proc = spawn(process.execPath, ["build/server/index.js"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DB_SCHEMA: schema, LOG_LEVEL: "warn", NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(proc);
  const base = `http://127.0.0.1:${port}`;
  await until(async () => (await fetch(`${base}/healthz`).catch(() => null))?.ok, 60_000, "our server");
  const people = [];
  for (let i = 0; i < CLIENTS; i++) {
    const b = new Browser(base);
    await b.get("/c/demo/join");
    await b.post("/c/demo/join", { pseudonym: `Bench ${i}`, consent: "yes" });
    people.push(b);
  }
  const docs = [];
  for (let d = 0; d < DOCS; d++) {
    const created = await people[0].post("/c/demo/groups", { intent: "create", name: `Bench group ${d}`, kind: "coalition" });
    const page = await people[0].get(created.headers.get("location"));
    docs.push(`draft:${page.text.match(/data-ydoc="draft:([0-9a-f-]{36})"/)[1]}`);
    const code = page.text.match(/class="code" translate="no">([A-Z2-9-]{9})</)[1];
    for (const p of people.slice(1)) await p.post("/c/demo/groups", { intent: "join", code });
  }
  return {
    name: "this server (PostgreSQL, group commit)",
    pid: proc.pid,
    docs,
    connect: (doc, i) => {
      const ydoc = new Y.Doc();
      const cookie = people[i % people.length].cookie();
      class WithCookie extends WebSocket {
        constructor(url, protocols) {
          super(url, protocols, { headers: { cookie } });
        }
      }
      const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/yjs`, doc, ydoc, { WebSocketPolyfill: WithCookie, disableBc: true });
      return { ydoc, destroy: () => provider.destroy(), synced: new Promise((r) => provider.once("sync", (ok) => ok && r())) };
    },
  };
}

async function startHocuspocus() {
  const port = 4800 + Math.floor(Math.random() * 400);
  const proc = await startChild("bench/servers/hocuspocus.mjs", { PORT: String(port) }, (out) => out.includes("ready"));
  return {
    name: "@hocuspocus/server 3.4 (memory)",
    pid: proc.pid,
    docs: Array.from({ length: DOCS }, (_, d) => `bench-${d}`),
    connect: (doc) => {
      const ydoc = new Y.Doc();
      const socket = new HocuspocusProviderWebsocket({ url: `ws://127.0.0.1:${port}`, WebSocketPolyfill: WebSocket });
      let resolveSynced;
      const synced = new Promise((r) => (resolveSynced = r));
      const provider = new HocuspocusProvider({ websocketProvider: socket, name: doc, document: ydoc, onSynced: () => resolveSynced() });
      provider.attach?.();
      return { ydoc, synced, destroy: () => (provider.destroy(), socket.destroy()) };
    },
  };
}

async function startYws() {
  const port = 5200 + Math.floor(Math.random() * 400);
  const proc = await startChild("bench/servers/y-websocket.mjs", { PORT: String(port) }, (out) => out.includes("ready"));
  return {
    name: "@y/websocket-server 0.1.1 (memory)",
    pid: proc.pid,
    docs: Array.from({ length: DOCS }, (_, d) => `bench-${d}`),
    connect: (doc) => {
      const ydoc = new Y.Doc();
      const provider = new WebsocketProvider(`ws://127.0.0.1:${port}`, doc, ydoc, { WebSocketPolyfill: WebSocket, disableBc: true });
      return { ydoc, destroy: () => provider.destroy(), synced: new Promise((r) => provider.once("sync", (ok) => ok && r())) };
    },
  };
}

const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

async function measure(server) {
  const before = rssKb(server.pid);
  const clients = [];
  for (const doc of server.docs) for (let i = 0; i < CLIENTS; i++) clients.push({ doc, ...server.connect(doc, i) });
  await Promise.race([Promise.all(clients.map((c) => c.synced)), sleep(30_000).then(() => Promise.reject(new Error(`${server.name}: clients did not sync`)))]);
  await sleep(500);
  const rss = rssKb(server.pid) - before;
  const latencies = [];
  let delivered = 0;
  for (const c of clients) {
    c.ydoc.getMap("ping").observe((event) => {
      for (const key of event.keysChanged) {
        if (key === String(c.ydoc.clientID)) continue;
        const sent = c.ydoc.getMap("ping").get(key);
        if (typeof sent === "number") {
          latencies.push(performance.timeOrigin + performance.now() - sent);
          delivered++;
        }
      }
    });
  }
  const started = Date.now();
  let sent = 0;
  const timers = clients.map((c, i) =>
    setTimeout(function tick() {
      if (Date.now() - started >= DURATION) return;
      c.ydoc.getMap("ping").set(String(c.ydoc.clientID), performance.timeOrigin + performance.now());
      sent++;
      timers[i] = setTimeout(tick, INTERVAL);
    }, Math.random() * INTERVAL),
  );
  await sleep(DURATION + 1000);
  timers.forEach(clearTimeout);
  const seconds = DURATION / 1000;
  latencies.sort((a, b) => a - b);

  // A 10,000-item doc: written by one client, then synced by a new one.
  const big = server.docs[0];
  const writer = clients.find((c) => c.doc === big);
  const items = writer.ydoc.getArray("items");
  for (let n = 0; n < ITEMS; n += 500) {
    writer.ydoc.transact(() => {
      for (let k = 0; k < 500; k++) {
        const m = new Y.Map();
        m.set("id", `item-${n + k}`);
        m.set("body", new Y.Text(`Comment ${n + k}: the scoring must be explained in plain words.`));
        items.push([m]);
      }
    });
    await sleep(20);
  }
  const other = clients.find((c) => c.doc === big && c !== writer);
  await until(() => other.ydoc.getArray("items").length >= ITEMS, 60_000, "big doc relayed");
  let loadMs;
  if (server.name.startsWith("this server")) {
    // Everyone leaves, so the doc is dropped from memory and loaded back from PostgreSQL.
    clients.forEach((c) => c.destroy());
    await sleep(1500);
    const t = performance.now();
    const fresh = server.connect(big, 2);
    await fresh.synced;
    await until(() => fresh.ydoc.getArray("items").length >= ITEMS, 60_000, "big doc loaded");
    loadMs = performance.now() - t;
    fresh.destroy();
  } else {
    // In memory only: the doc must stay open to exist, so a new client syncs it from memory.
    const t = performance.now();
    const fresh = server.connect(big, 2);
    await fresh.synced;
    await until(() => fresh.ydoc.getArray("items").length >= ITEMS, 60_000, "big doc synced");
    loadMs = performance.now() - t;
    fresh.destroy();
    clients.forEach((c) => c.destroy());
  }
  return {
    name: server.name,
    connections: clients.length,
    sentPerSecond: sent / seconds,
    deliveredPerSecond: delivered / seconds,
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
    rssPer1000: (rss / clients.length) * 1000,
    loadMs,
  };
}

const results = [];
for (const start of [startOurs, startHocuspocus, startYws]) {
  const server = await start();
  results.push(await measure(server));
  children.pop()?.kill("SIGTERM");
  await sleep(300);
}
const hocus = results[1];
const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : "–");
console.log(`\nYjs servers, ${DOCS} docs × ${CLIENTS} clients, one change per client every ${INTERVAL} ms, ${DURATION / 1000} s, loopback`);
console.log("| server | delivered/s | vs Hocuspocus | p50 ms | p99 ms | p99 vs Hocuspocus | RSS MB per 1,000 conns | 10,000-item doc sync ms |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
for (const r of results) {
  console.log(
    `| ${r.name} | ${fmt(r.deliveredPerSecond)} | ${fmt(r.deliveredPerSecond / hocus.deliveredPerSecond, 2)} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${fmt(r.p99 / hocus.p99, 2)} | ${fmt(r.rssPer1000 / 1024, 1)} | ${fmt(r.loadMs)} |`,
  );
}
console.log(`\n(changes sent per second: ${results.map((r) => fmt(r.sentPerSecond)).join(" / ")}; node ${process.version}; ${(await import("node:os")).cpus().length} cores)`);
process.exit(0);
