// `npm run bench:load` (issue #10): 500 simulated participants on loopback for 60 s. Each joins first (not
// timed), keeps the live board open over the Yjs WebSocket as a browser with JavaScript does, posts a
// comment about every 30 s and reloads the consultation page about every 60 s, at random moments.
// Printed: requests, errors and latency per kind, against a bare node:http server answering the page's
// bytes at the same rate in the same run. Afterwards it checks that every comment the server acknowledged
// (a 303) is in the database and reached a live reader's board doc, and a newcomer's.
// Bounded: LOAD_PARTICIPANTS (500), LOAD_MS (60,000), at most 40 requests per participant.
//
// LOAD_CRASH=1 (PostgreSQL only): halfway through, the server is killed (`kill -9`) and started again on the
// same database. Participants do what a browser does: a comment refused while the server is away is sent
// again with the same idempotency key until it is acknowledged (at most 60 tries, one a second), and the
// live board reconnects. Afterwards the same checks: nothing acknowledged is missing, before or after.
import http from "node:http";
import os from "node:os";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { bareServer, startApp } from "./lib.mjs";

const PARTICIPANTS = Number(process.env.LOAD_PARTICIPANTS ?? 500);
const DURATION_MS = Number(process.env.LOAD_MS ?? 60_000);
const CRASH = process.env.LOAD_CRASH === "1";
const POST_EVERY_MS = 30_000;
const READ_EVERY_MS = 60_000;
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function request(port, method, path, { cookies, body } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body ? new URLSearchParams(body).toString() : undefined;
    const headers = { cookie: cookies ? [...cookies].map(([k, v]) => `${k}=${v}`).join("; ") : "" };
    if (payload) Object.assign(headers, { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(payload) });
    const started = performance.now();
    const req = http.request({ host: "127.0.0.1", port, method, path, agent, headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        for (const c of res.headers["set-cookie"] ?? []) {
          const [pair] = c.split(";");
          const i = pair.indexOf("=");
          if (cookies && pair.slice(i + 1)) cookies.set(pair.slice(0, i), pair.slice(i + 1));
        }
        resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - started });
      });
    });
    req.on("error", reject);
    if (payload) req.write(payload);
    req.end();
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (xs, p) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] : NaN);
/** The words of every input on a board doc. */
const boardBodies = (doc) => new Set(doc.getArray("items").toArray().map((m) => String(m.get("body") ?? "")));

function openBoard(port, docName, cookies) {
  const doc = new Y.Doc();
  const cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  class WithCookie extends WebSocket {
    constructor(url, protocols) {
      super(url, protocols, { headers: { cookie } });
    }
  }
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/yjs`, docName, doc, { WebSocketPolyfill: WithCookie, disableBc: true });
  const synced = new Promise((resolve) => provider.once("sync", (ok) => ok && resolve()));
  return { doc, provider, synced };
}

// Each y-websocket provider listens for the process's exit; 500 of them are expected here.
process.setMaxListeners(0);
if (CRASH && !process.env.DATABASE_URL) {
  console.error("LOAD_CRASH=1 needs DATABASE_URL: the crash run is on PostgreSQL, what production runs.");
  process.exit(2);
}
const app = await startApp({ schema: "bench_load" });
// The server is away from `from` until `to` (the crash run): requests refused then are not errors.
const outage = { from: Infinity, to: Infinity, ms: 0 };
const duringOutage = (t) => t >= outage.from && t <= outage.to + 1000;
const refused = { post: 0, read: 0 };
let stopping = false;
let ok = false;
let received = 0;
const closers = [];
const statuses = new Map();
const countStatus = (kind, status) => statuses.set(`${kind} ${status}`, (statuses.get(`${kind} ${status}`) ?? 0) + 1);
const boards = [];
try {
  const page = await request(app.port, "GET", "/c/demo");
  const docName = page.text.match(/data-ydoc="(board:[0-9a-f-]{36})"/)[1];

  // Joining, not timed: a pseudonym each, eight at a time.
  const people = [];
  const t0 = performance.now();
  for (let i = 0; i < PARTICIPANTS; i += 8) {
    await Promise.all(
      Array.from({ length: Math.min(8, PARTICIPANTS - i) }, async (_, j) => {
        const cookies = new Map();
        const form = await request(app.port, "GET", "/c/demo/join", { cookies });
        const csrf = form.text.match(/name="_csrf" value="([^"]+)"/)[1];
        const joined = await request(app.port, "POST", "/c/demo/join", { cookies, body: { _csrf: csrf, pseudonym: `Load ${i + j} ${Math.random().toString(36).slice(2, 6)}`, consent: "yes" } });
        if (joined.status !== 303) throw new Error(`join ${joined.status}`);
        people.push({ cookies, csrf });
      }),
    );
  }
  const joinSeconds = (performance.now() - t0) / 1000;
  // Every participant has the live board open, as a browser with JavaScript does. Five keep a whole Yjs doc
  // (to check it afterwards); the others only receive, so that this process, on the same two cores as the
  // server, does not spend them applying the same update 500 times.
  for (const p of people.slice(0, 5)) boards.push(openBoard(app.port, docName, p.cookies));
  await Promise.all(boards.map((b) => b.synced));
  // A listener whose socket closes (the crash run) connects again after a moment, as the provider does.
  const sockets = new Set();
  const listen = (p, tries = 0) =>
    new Promise((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${app.port}/yjs/${docName}`, { headers: { cookie: [...p.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } });
      sockets.add(ws);
      ws.on("message", () => received++);
      ws.on("error", () => {});
      ws.once("open", resolve);
      ws.once("close", () => {
        sockets.delete(ws);
        if (!stopping && tries < 60) setTimeout(() => listen(p, tries + 1), 1000 + Math.random() * 1500);
        resolve();
      });
    });
  await Promise.all(people.slice(5).map((p) => listen(p)));
  closers.push(() => sockets.forEach((ws) => ws.terminate()));

  const lat = { post: [], read: [] };
  const errors = { post: 0, read: 0 };
  const acknowledged = [];
  const end = performance.now() + DURATION_MS;
  const started = performance.now();
  const crash = CRASH
    ? sleep(DURATION_MS / 2).then(async () => {
        outage.from = performance.now();
        outage.ms = await app.crashAndRestart();
        outage.to = performance.now();
      })
    : Promise.resolve();
  await Promise.all(
    people.map(async (p, n) => {
      // Spread out: each one's first action at a random moment, then random gaps around the mean.
      let nextPost = performance.now() + Math.random() * POST_EVERY_MS;
      let nextRead = performance.now() + Math.random() * READ_EVERY_MS;
      for (let k = 0; k < 40; k++) {
        const next = Math.min(nextPost, nextRead);
        if (next > end) break;
        await sleep(Math.max(0, next - performance.now()));
        if (nextPost <= nextRead) {
          const key = `load-${n}-${k}-${Math.random().toString(36).slice(2, 10)}`;
          const body = `Comment ${k} from participant ${n} under load.`;
          for (let attempt = 0; attempt < 60; attempt++) {
            const sent = performance.now();
            const res = await request(app.port, "POST", "/c/demo", { cookies: p.cookies, body: { _csrf: p.csrf, body, attribution: "pseudonymous", idempotencyKey: key } }).catch(() => ({ status: 0, ms: 0 }));
            if (res.status === 303) {
              acknowledged.push({ key, body });
              lat.post.push(res.ms);
            } else if (duringOutage(sent) || duringOutage(performance.now())) {
              // Away: the person sends the same form again in a moment (the page keeps it).
              refused.post++;
              await sleep(1000);
              continue;
            } else {
              errors.post++;
              countStatus("POST", res.status);
            }
            break;
          }
          nextPost += POST_EVERY_MS * (0.5 + Math.random());
        } else {
          const sent = performance.now();
          const res = await request(app.port, "GET", "/c/demo", { cookies: p.cookies }).catch(() => ({ status: 0, ms: 0 }));
          if (res.status === 200) lat.read.push(res.ms);
          else if (duringOutage(sent) || duringOutage(performance.now())) refused.read++;
          else {
            errors.read++;
            countStatus("GET", res.status);
          }
          nextRead += READ_EVERY_MS * (0.5 + Math.random());
        }
      }
    }),
  );
  await crash;
  const seconds = (performance.now() - started) / 1000;

  // The baseline: a bare server answering the page's bytes, at the same number of requests per second.
  const bare = await bareServer(Buffer.from(page.text));
  const bareLat = [];
  const rate = lat.read.length / seconds;
  const bareEnd = performance.now() + Math.min(DURATION_MS, 20_000);
  const inflight = [];
  for (let i = 0; performance.now() < bareEnd && i < 20_000; i++) {
    inflight.push(request(bare.port, "GET", "/").then((r) => bareLat.push(r.ms)));
    await sleep(1000 / Math.max(rate, 1));
  }
  await Promise.all(inflight);
  bare.close();

  // Nothing acknowledged is missing: in the database, at a live reader's board, and at a newcomer's.
  let inDatabase = null;
  if (app.env.DATABASE_URL) {
    const { default: postgres } = await import("postgres");
    const sql = postgres(app.env.DATABASE_URL, { onnotice: () => {} });
    // Sent again after a crash, a comment that was stored before it is acknowledged once, not stored twice.
    const [{ n, copies }] = await sql`
      select count(distinct idempotency_key)::int as n, (count(*) - count(distinct idempotency_key))::int as copies
      from ${sql(app.env.DB_SCHEMA)}.inputs where idempotency_key = any(${acknowledged.map((a) => a.key)})`;
    if (copies) throw new Error(`${copies} comments stored twice`);
    inDatabase = n;
    await sql.end();
  }
  // The live readers got each comment as it was published; give the last ones a moment to arrive.
  const missingAt = (doc) => acknowledged.filter((a) => !boardBodies(doc).has(a.body)).length;
  for (let i = 0; i < 100 && missingAt(boards[0].doc) > 0; i++) await sleep(100);
  const newcomer = openBoard(app.port, docName, people[0].cookies);
  await newcomer.synced;
  const missingLive = missingAt(boards[0].doc);
  const missingNew = missingAt(newcomer.doc);
  newcomer.provider.destroy();

  const row = (name, xs, errs) => `| ${name.padEnd(36)} | ${String(xs.length).padStart(8)} | ${String(errs).padStart(6)} | ${pct(xs, 0.5).toFixed(1).padStart(7)} | ${pct(xs, 0.95).toFixed(1).padStart(7)} | ${pct(xs, 0.99).toFixed(1).padStart(7)} |`;
  console.log(`\nLoad: ${people.length} participants, ${seconds.toFixed(0)} s, database: ${app.database}, ${os.cpus().length} cores (joining took ${joinSeconds.toFixed(0)} s, not timed)\n`);
  if (CRASH) {
    console.log(`Crash: kill -9 at ${((outage.from - started) / 1000).toFixed(0)} s; the server answered again ${(outage.ms / 1000).toFixed(1)} s later.`);
    console.log(`Refused while it was away: ${refused.post} comment attempts (each sent again until acknowledged) and ${refused.read} page loads.\n`);
  }
  console.log("| requests                             | count    | errors | p50 ms  | p95 ms  | p99 ms  |");
  console.log("|--------------------------------------|----------|--------|---------|---------|---------|");
  console.log(row("POST /c/demo (a comment)", lat.post, errors.post));
  console.log(row("GET /c/demo (the page)", lat.read, errors.read));
  console.log(row("bare node:http, same bytes and rate", bareLat, 0));
  const all = [...lat.post, ...lat.read];
  console.log(`\nall requests: p95 ${pct(all, 0.95).toFixed(1)} ms (target < 300), errors ${errors.post + errors.read} (target 0); p95 vs bare: ${(pct(lat.read, 0.95) / pct(bareLat, 0.95)).toFixed(1)}x`);
  if (statuses.size) console.log(`errors by status: ${[...statuses].map(([k, n]) => `${k}: ${n}`).join(", ")}`);
  console.log(`board messages received by the ${people.length - boards.length} listening participants: ${received}`);
  console.log(
    `acknowledged comments: ${acknowledged.length}; in the database: ${inDatabase ?? "(embedded database: not reachable from here)"}; missing at a live reader's board: ${missingLive}; at a newcomer's: ${missingNew}`,
  );
  ok = errors.post + errors.read === 0 && pct(all, 0.95) < 300 && (inDatabase === null || inDatabase === acknowledged.length) && missingLive === 0 && missingNew === 0;
  console.log(ok ? "\nload run: targets met" : "\nload run: a target was missed (see above)");
} finally {
  stopping = true;
  for (const b of boards) b.provider.destroy();
  for (const close of closers) close();
  agent.destroy();
  await app.stop();
}
process.exit(ok ? 0 : 1);
