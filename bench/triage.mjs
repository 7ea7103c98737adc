// The triage queue and the participant's pages as the data grows (issue #7, "Measured": first page under
// 200 ms p95 at 50,000 inputs, on the embedded and on the real database; issue #10: no worse than linear,
// for the pages and for extraction, a group's draft saved and submitted into inputs). The app runs from
// the build; inputs are added in bulk to the demo consultation, half of them already triaged, and each size
// is measured against a bare node:http server answering the same page's bytes in the same run. Loopback
// only, bounded in count and time. Run alone with `node bench/triage.mjs`, or as part of `npm run bench`.
import http from "node:http";
import os from "node:os";
import postgres from "postgres";
import { bareServer, get, HEADER, load, row, startApp } from "./lib.mjs";

const SIZES = (process.env.BENCH_SIZES ?? "1000,10000,50000").split(",").map(Number);
const RUN = { concurrency: 4, durationMs: Number(process.env.BENCH_MS ?? 3000), maxRequests: 400 };
const ADMIN = { email: "bench-admin@example.org", password: "a long bench admin password" };
const SENTENCES = [
  "The score will flag families whose income changes with the harvest.",
  "Nobody told us we could ask for a review without a score.",
  "Refugee households are checked twice already; do not automate it.",
  "Caseworkers need time to correct spelling differences before scoring.",
  "Please announce the opt-out on the radio in our languages.",
];

function post(port, pathname, body, cookie) {
  return new Promise((resolve, reject) => {
    const data = new URLSearchParams(body).toString();
    const req = http.request(
      { host: "127.0.0.1", port, path: pathname, method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(data), cookie } },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode, headers: res.headers }));
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}

const cookiesOf = (headers) => (headers["set-cookie"] ?? []).map((c) => c.split(";")[0]);

/** Signs the bootstrap admin in through the real form; returns the Cookie header. */
async function signIn(port) {
  const form = await get(port, "/login");
  const csrf = form.body.toString().match(/name="_csrf" value="([^"]+)"/)[1];
  const jar = cookiesOf(form.headers);
  const res = await post(port, "/login", { email: ADMIN.email, password: ADMIN.password, _csrf: csrf }, jar.join("; "));
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  return [...jar, ...cookiesOf(res.headers)].join("; ");
}

/**
 * Extraction (issue #10): a group's draft written with the plain form and submitted, its sections becoming
 * inputs (the same path as the live draft's, after its doc is copied into SQL). `rounds` saves and submits
 * one after another, by one participant, the coordinator of `groupPath`; returns their latencies as rows.
 */
async function measureExtraction(port, person, groupPath, size, rounds = 15) {
  const save = [];
  const submit = [];
  let errors = 0;
  const started = performance.now();
  for (let i = 0; i < rounds; i++) {
    const page = await get(port, groupPath, { cookie: person.cookie });
    const html = page.body.toString();
    const csrf = html.match(/name="_csrf" value="([^"]+)"/)[1];
    const revision = html.match(/name="revision" value="(\d+)"/)[1];
    const sections = [0, 1, 2].flatMap((k) => [
      ["sectionHeading[]", `Point ${k + 1}`],
      ["sectionRef[]", ""],
      ["sectionBody[]", `${SENTENCES[(i + k) % SENTENCES.length]} (version ${size}-${i}, section ${k + 1})`],
    ]);
    let t = performance.now();
    const saved = await post(port, groupPath, [["_csrf", csrf], ["intent", "save"], ["revision", revision], ["title", `Our submission ${size}-${i}`], ...sections], person.cookie);
    save.push(performance.now() - t);
    t = performance.now();
    const sent = await post(port, groupPath, [["_csrf", csrf], ["intent", "submit"]], person.cookie);
    submit.push(performance.now() - t);
    if (saved.status !== 303 || sent.status !== 303) errors++;
  }
  const seconds = (performance.now() - started) / 1000;
  const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
  const rowOf = (xs) => ({ requests: xs.length, errors, rps: xs.length / seconds, p50: pct(xs, 0.5), p95: pct(xs, 0.95) });
  return [
    ["extraction: a joint draft saved", rowOf(save)],
    ["extraction: submitted, 3 sections into inputs", rowOf(submit)],
  ];
}

/** A participant of the demo who coordinates a new group: the Cookie header and the group page's path. */
async function groupCoordinator(port) {
  const jar = new Map();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const keep = (headers) => cookiesOf(headers).forEach((c) => jar.set(c.slice(0, c.indexOf("=")), c.slice(c.indexOf("=") + 1)));
  const form = await get(port, "/c/demo/join");
  keep(form.headers);
  const csrf = () => form.body.toString().match(/name="_csrf" value="([^"]+)"/)[1];
  const joined = await post(port, "/c/demo/join", { _csrf: csrf(), pseudonym: "Bench Coordinator", consent: "yes" }, cookie());
  if (joined.status !== 303) throw new Error(`join failed: ${joined.status}`);
  keep(joined.headers);
  const groups = await get(port, "/c/demo/groups", { cookie: cookie() });
  const token = groups.body.toString().match(/name="_csrf" value="([^"]+)"/)[1];
  const created = await post(port, "/c/demo/groups", { _csrf: token, intent: "create", name: "Bench Workers Union", kind: "union" }, cookie());
  if (created.status !== 303) throw new Error(`group not created: ${created.status}`);
  return { person: { cookie: cookie() }, groupPath: new URL(created.headers.location, "http://x").pathname };
}

function connect(app) {
  const common = { onnotice: () => {}, max: 1, transform: postgres.camel };
  if (app.env.DATABASE_URL) return postgres(app.env.DATABASE_URL, { ...common, connection: { search_path: `${app.env.DB_SCHEMA},public` } });
  return postgres({ ...common, host: `${app.env.DATA_DIR}.sock`, port: 5432, database: "postgres", username: "postgres", idle_timeout: 0 });
}

const app = await startApp({ schema: "bench_triage", extraEnv: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
const sql = connect(app);
try {
  const cookie = await signIn(app.port);
  const headers = { cookie };
  const [{ consultationId, participationId, assessmentId }] = await sql`
    select c.id as consultation_id, (select id from participations where consultation_id = c.id limit 1) as participation_id,
      (select a.id from assessments a where a.deployment_id = c.deployment_id) as assessment_id
    from consultations c where c.slug = 'demo'`;
  const coordinator = await groupCoordinator(app.port);
  const results = [];
  let have = 0;
  for (const size of SIZES) {
    const started = performance.now();
    await sql`
      insert into inputs (consultation_id, participation_id, kind, lang, body, concerns, attribution, idempotency_key, created_at)
      select ${consultationId}, ${participationId}, 'comment', (array['en','fr','sw','ar'])[1 + g % 4],
        'Comment ' || g || ': ' || (${SENTENCES}::text[])[1 + g % 5], array[(array['fairness','privacy','access','work'])[1 + g % 4]],
        'pseudonymous', 'bench-' || g, now() - interval '2 minutes' - make_interval(secs => g)
      from generate_series(${have + 1}::int, ${size}::int) g`;
    // Half of them triaged already, so "not yet triaged" has to skip over processed ones.
    await sql`
      insert into input_links (assessment_id, input_id, kind)
      select ${assessmentId}, i.id, 'out_of_scope' from inputs i
      where i.consultation_id = ${consultationId} and i.idempotency_key like 'bench-%'
        and substr(i.idempotency_key, 7)::int between ${have + 1} and ${size} and substr(i.idempotency_key, 7)::int % 2 = 0
      on conflict do nothing`;
    await sql`analyze inputs`;
    await sql`analyze input_links`;
    const loadSeconds = (performance.now() - started) / 1000;
    have = size;
    const [sample] = await sql`select id from inputs where idempotency_key = ${`bench-${Math.ceil(size / 2) | 1}`}`;
    const pages = [
      ["triage, first page", "/admin/assessments/demo/triage"],
      ["triage, not yet triaged", "/admin/assessments/demo/triage?unprocessed=1"],
      ["triage, Swahili + access (1 in 4 match)", "/admin/assessments/demo/triage?lang=sw&concern=access"],
      ["triage, a filter nothing matches (full scan)", "/admin/assessments/demo/triage?lang=sw&concern=privacy"],
      ["one input with its similar inputs", `/admin/assessments/demo/inputs/${sample.id}`],
      // Issue #10: the participant's pages as the data grows (the page and the answers read a bounded
      // page; the report aggregates the whole consultation on each request).
      ["consultation page /c/demo", "/c/demo"],
      ["public answers /c/demo/responses", "/c/demo/responses"],
      ["report /c/demo/report.json", "/c/demo/report.json"],
    ];
    const first = await get(app.port, pages[0][1], headers);
    if (first.status !== 200) throw new Error(`triage page answered ${first.status}`);
    const bare = await bareServer(first.body);
    const measured = [];
    for (const [name, path] of pages) {
      await load(app.port, path, { ...RUN, headers, maxRequests: 20 }); // warm-up
      measured.push([name, await load(app.port, path, { ...RUN, headers })]);
    }
    measured.push(...(await measureExtraction(app.port, coordinator.person, coordinator.groupPath, size)));
    const baseline = await load(bare.port, "/", RUN);
    bare.close();
    results.push({ size, loadSeconds, measured, baseline });
    console.log(`\nTriage with ${size} inputs (${app.database}, ${os.cpus().length} cores, ${RUN.concurrency} concurrent; data added in ${loadSeconds.toFixed(1)} s)\n`);
    console.log(HEADER);
    for (const [name, r] of measured) console.log(row(name, r));
    console.log(row("bare node:http, same bytes as the first page", baseline));
  }
  console.log("\np95 in ms by size (target: first page under 200 ms at 50,000)\n");
  console.log(`| page | ${results.map((r) => r.size).join(" | ")} | growth ${results[0].size} → ${results.at(-1).size} |`);
  console.log(`|---|${results.map(() => "---").join("|")}|---|`);
  for (let i = 0; i < results[0].measured.length; i++) {
    const p95 = results.map((r) => r.measured[i][1].p95);
    console.log(`| ${results[0].measured[i][0]} | ${p95.map((x) => x.toFixed(1)).join(" | ")} | ${(p95.at(-1) / p95[0]).toFixed(2)}x |`);
  }
  console.log(`| bare node:http | ${results.map((r) => r.baseline.p95.toFixed(1)).join(" | ")} | |`);
  const errors = results.flatMap((r) => r.measured.map(([, m]) => m.errors)).reduce((a, b) => a + b, 0);
  if (errors) console.log(`\n${errors} requests failed`);
} finally {
  await sql.end({ timeout: 5 });
  await app.stop();
}
