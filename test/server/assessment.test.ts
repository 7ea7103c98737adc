import fs from "node:fs";
import Ajv from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../db/client";
import { Client, esc, signedInStaff, startTestServer } from "../helpers/server";
import { connectDoc, rawSocket, until } from "../helpers/yjs";

let server: Awaited<ReturnType<typeof startTestServer>>;
let analyst: Client;
let lead: Client;
beforeAll(async () => {
  server = await startTestServer();
  analyst = await signedInStaff(server.url, { email: "analyst@example.org", roles: ["analyst"] });
  lead = await signedInStaff(server.url, { email: "lead2@example.org", roles: ["consultation_lead"] });
});
afterAll(async () => {
  await server?.close();
});

const en = JSON.parse(fs.readFileSync("locales/en/assessment.json", "utf8"));
const inputId = async (key: string) => (await sql<{ id: string }[]>`select id from inputs where idempotency_key = ${key}`)[0].id;

describe("the public assessment", () => {
  it("shows the decision, the matrix as SVG and as a table, and each impact with the inputs behind it", async () => {
    const res = await new Client(server.url).get("/register/demo/assessment");
    expect(res.status).toBe(200);
    expect(res.text).toContain(esc(en.conclusion.proceed_with_conditions));
    expect(res.text).toContain("Refugee households flagged more often and paid later");
    expect(res.text).toMatch(/<svg[^>]+role="img"[^>]+aria-labelledby="matrix-title matrix-desc"/);
    expect(res.text).toContain("<table");
    // The words of an input behind an impact, and the link to it on the board.
    expect(res.text).toContain("messy papers will always be at the back of the line");
    expect(res.text).toContain(`/c/demo#input-${await inputId("demo-comment-0")}`);
    // Each right named is explained in plain words, with the treaty articles.
    expect(res.text).toContain(esc(en.rightExplain.non_discrimination));
    expect(res.text).toContain("UDHR 2, 7 · ICCPR 2, 26");
    // Nothing about who wrote it: the pseudonym is not on the page.
    expect(res.text).not.toContain("Amina K.");
    expect((await new Client(server.url).get("/register/demo/assessment?version=99")).status).toBe(404);
  });

  it("publishes assessment.json matching docs/assessment.schema.json, CSV of impacts and inputs, and a summary in register.json", async () => {
    const res = await fetch(`${server.url}/register/demo/assessment.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const body = await res.json();
    const ajv = new Ajv({ allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync("docs/assessment.schema.json", "utf8")));
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    expect(body).toMatchObject({ deployment: "demo", version: 1, status: "published", conclusion: "proceed_with_conditions" });
    for (const impact of body.impacts) expect(impact.inputIds.length).toBeGreaterThan(0);
    // A schema that accepts anything proves nothing: a broken copy must fail it.
    expect(validate({ ...body, impacts: [{ ...body.impacts[0], severity: 5 }] })).toBe(false);

    expect((await fetch(`${server.url}/register/demo/assessment.json?version=abc`)).status).toBe(400);
    expect((await fetch(`${server.url}/register/nope/assessment.json`)).status).toBe(404);

    const csv = await (await fetch(`${server.url}/register/demo/assessment.csv`)).text();
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("version,impact,title,rights,groups,scale,scope,reversibility,likelihood,severity,priority,redLine,status,conditions,inputId");
    expect(lines.length - 1).toBe(body.impacts.reduce((n: number, i: { inputIds: string[] }) => n + i.inputIds.length, 0));

    const register = await (await fetch(`${server.url}/register.json`)).json();
    expect(register.find((d: { slug: string }) => d.slug === "demo").assessment).toMatchObject({ version: 1, conclusion: "proceed_with_conditions", impacts: 4 });
  });
});

describe("staff pages", () => {
  it("are for staff with the role in the deployment's organisation only", async () => {
    expect((await new Client(server.url).get("/admin/assessments/demo")).status).toBe(303);
    const participant = new Client(server.url);
    await participant.post("/c/demo/join", { pseudonym: "Curious Reader", consent: "yes" });
    expect((await participant.get("/admin/assessments/demo")).status).toBe(403);
    const [other] = await sql<{ id: string }[]>`insert into organisations (name) values ('Another Ministry') returning id`;
    await sql`insert into deployments (slug, organisation_id, name, purpose, sector, lifecycle_stage) values ('other-system', ${other.id}, 'Other', '', 'health', 'design')`;
    const outsider = await signedInStaff(server.url, { email: "outsider@example.org", roles: ["analyst"], deploymentSlug: "other-system" });
    expect((await outsider.get("/admin/assessments/demo")).status).toBe(403);
    expect((await outsider.get("/admin/assessments/demo/triage")).status).toBe(403);
    expect((await outsider.get("/admin/assessments/other-system")).status).toBe(200);
    expect((await analyst.get("/admin/assessments/nope")).status).toBe(404);
    expect((await analyst.get("/admin/assessments")).text).toContain("Household Benefit Eligibility Scoring");
  });
});

describe("triage without JavaScript", () => {
  it("filters the queue, links an input with its cluster, and keeps what was typed on a mistake", async () => {
    const queue = await analyst.get("/admin/assessments/demo/triage?lang=sw");
    expect(queue.status).toBe(200);
    expect(queue.text).toContain("Watu wengi hawatajua");
    expect(queue.text).not.toContain("messy papers");
    // Every demo comment is triaged already; the union's joint submission is not.
    const unprocessed = await analyst.get("/admin/assessments/demo/triage?unprocessed=1");
    expect(unprocessed.text).toContain(esc(en.triage.jointTag));
    expect(unprocessed.text).not.toContain("messy papers");

    const target = await inputId("demo-comment-2");
    const page = `/admin/assessments/demo/inputs/${target}`;
    const form = await analyst.get(page);
    expect(form.status).toBe(200);
    expect(form.text).toContain("Les familles qui travaillent aux champs");
    const impactId = form.text.match(/<option value="([0-9a-f-]{36})">#2 /)![1];

    const noImpact = await analyst.post(page, { kind: "corroborates", note: "Seasonal income again" });
    expect(noImpact.status).toBe(400);
    expect(noImpact.text).toContain(esc(en.errors.impact));
    expect(noImpact.text).toContain('value="Seasonal income again"');

    const ok = await analyst.post(page, { kind: "contests", impactId, note: "Says the harm is yearly, not rare" });
    expect(ok.status).toBe(303);
    const [link] = await sql`select kind, note from input_links where input_id = ${target} and kind = 'contests'`;
    expect(link).toEqual({ kind: "contests", note: "Says the harm is yearly, not rare" });
    const [audit] = await sql`select count(*)::int as n from audit_events where action = 'link_inputs'`;
    expect(audit.n).toBeGreaterThan(0);
    // A cluster: two people sent nearly the same words; the second is offered beside the first and linked with it.
    const [p] = await sql<{ id: string; consultationId: string }[]>`select participation_id as id, consultation_id from inputs where idempotency_key = 'demo-comment-0'`;
    const twins: string[] = [];
    for (const [n, body] of ["Harvest income changes every season and the score will call us fraudsters each year.", "Harvest income changes every season and the score will call us all fraudsters every year."].entries()) {
      const [row] = await sql<{ id: string }[]>`insert into inputs (consultation_id, participation_id, kind, lang, body, attribution, idempotency_key)
        values (${p.consultationId}, ${p.id}, 'comment', 'en', ${body}, 'pseudonymous', ${`twin-${n}`}) returning id`;
      twins.push(row.id);
    }
    const first = `/admin/assessments/demo/inputs/${twins[0]}`;
    expect((await analyst.get(first)).text).toContain(`name="similar" value="${twins[1]}"`);
    expect((await analyst.post(first, { kind: "corroborates", impactId, similar: twins[1] })).status).toBe(303);
    expect((await sql`select count(*)::int as n from input_links where input_id = any(${twins}::uuid[]) and impact_id = ${impactId}`)[0].n).toBe(2);

    // Someone else's input id, or garbage, is a 404, not a crash.
    expect((await analyst.get("/admin/assessments/demo/inputs/not-a-uuid")).status).toBe(404);
    expect((await analyst.get("/admin/assessments/demo/inputs/00000000-0000-0000-0000-000000000000")).status).toBe(404);
  });

  it("creates an impact from an input, keeps the link, records rating changes with their inputs, and refuses a stale save keeping both texts", async () => {
    const from = await inputId("demo-comment-5");
    const base = {
      title: "Deaf applicants cannot ask for a review",
      description: "",
      scale: "3",
      scope: "2",
      reversibility: "2",
      likelihood: "3",
      rationaleScale: "They lose the remedy altogether.",
      rationaleScope: "Deaf and hard-of-hearing applicants.",
      rationaleReversibility: "Can be fixed by reopening reviews.",
      rationaleLikelihood: "The disability forum reports it.",
      status: "open",
    };
    const bad = await analyst.post(`/admin/assessments/demo/impacts/new?from=${from}`, { ...base, scale: "7", fromInputId: from });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain(esc(en.errors.rating));
    expect(bad.text).toContain('value="Deaf applicants cannot ask for a review"');

    const created = await analyst.post(`/admin/assessments/demo/impacts/new?from=${from}`, { ...base, fromInputId: from });
    expect(created.status).toBe(303);
    const location = created.headers.get("location")!;
    expect(location).toMatch(/\/admin\/assessments\/demo\/impacts\/\d+\?done=created$/);
    const path = location.split("?")[0];
    const [impact] = await sql<{ id: string; revision: number }[]>`select id, revision from impacts where title = ${base.title}`;
    expect((await sql`select kind from input_links where impact_id = ${impact.id} and input_id = ${from}`)[0].kind).toBe("new_harm");

    const radio = await inputId("demo-offline-1");
    const raised = await analyst.post(path, { ...base, scope: "3", rationaleScope: "The radio callers say most applicants.", revision: "1", causedBy: [from, radio] });
    expect(raised.status).toBe(303);
    const shown = await analyst.get(path);
    expect(shown.text).toContain("The radio callers say most applicants.");
    expect(shown.text).toMatch(/2 → 3/);
    const [change] = await sql<{ inputIds: string[] }[]>`select input_ids from impact_rating_changes where impact_id = ${impact.id} and dimension = 'scope' and from_value = 2`;
    expect(change.inputIds.sort()).toEqual([from, radio].sort());

    // The lead saved meanwhile; the analyst's save from revision 2 ... is now stale.
    expect((await lead.post(path, { ...base, scope: "3", title: "Deaf and hard-of-hearing applicants cannot ask for a review", revision: "2" })).status).toBe(303);
    const stale = await analyst.post(path, { ...base, scope: "3", title: "My own wording of the harm", revision: "2" });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain(esc(en.impact.stale));
    expect(stale.text).toContain('value="My own wording of the harm"');
    expect(stale.text).toContain("Deaf and hard-of-hearing applicants cannot ask for a review");
    expect(stale.text).toContain('name="revision" value="3"');
  });
});

describe("evidence", () => {
  it("is a source with a date and a link or one of the deployment's published documents, refused otherwise", async () => {
    const admin = "/admin/assessments/demo";
    const page = (await analyst.get(admin)).text;
    const attachmentId = page.match(/name="attachmentId"[^>]*>[\s\S]*?<option value="([0-9a-f-]{36})"/)![1];
    const bad = await analyst.post(admin, { intent: "evidence", sectionKey: "testing", source: "Pilot report", dated: "1st May", url: "ftp://x" });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain(esc(en.errors.date));
    expect(bad.text).toContain(esc(en.errors.url));
    const foreign = await analyst.post(admin, { intent: "evidence", sectionKey: "testing", source: "Someone else's file", attachmentId: "00000000-0000-4000-8000-000000000000" });
    expect(foreign.status).toBe(400);
    expect(foreign.text).toContain(esc(en.errors.attachmentUnknown));
    const ok = await analyst.post(admin, { intent: "evidence", sectionKey: "testing", source: "Pilot report, district of Mbale", dated: "2026-11-02", attachmentId });
    expect(ok.status).toBe(303);
    expect((await analyst.get(admin)).text).toContain(`href="/register/demo/files/${attachmentId}"`);
  });
});

describe("decision and approval", () => {
  it("refuses 'proceed' past an open red-line impact, refuses self-approval, and publishes version 2 with a diff", async () => {
    const admin = "/admin/assessments/demo";
    const [a] = await sql<{ revision: number }[]>`select revision from assessments a join deployments d on d.id = a.deployment_id where d.slug = 'demo'`;
    const redLine = await analyst.post(`${admin}/impacts/new`, {
      title: "Benefit stopped by the score alone",
      scale: "4", scope: "3", reversibility: "3", likelihood: "2",
      rationaleScale: "No income at all.", rationaleScope: "Every flagged household.", rationaleReversibility: "Months to restart.", rationaleLikelihood: "Only if staff skip the check.",
      redLine: "fullyAutomatedDenial", status: "open",
    });
    expect(redLine.status).toBe(303);
    const number = redLine.headers.get("location")!.match(/impacts\/(\d+)/)![1];

    expect((await analyst.post(admin, { intent: "decision", conclusion: "proceed", justification: "Benefits outweigh the harms once the conditions are met.", revision: String(a.revision) })).status).toBe(303);
    const refused = await analyst.post(admin, { intent: "submit" });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(esc(en.problem.redLine.replace("{{impacts}}", `#${number}`)));

    const fresh = (await sql<{ revision: number }[]>`select a.revision from assessments a join deployments d on d.id = a.deployment_id where d.slug = 'demo'`)[0];
    expect((await analyst.post(admin, { intent: "decision", conclusion: "do_not_deploy", justification: "A red line is crossed: the score alone can stop a benefit.", revision: String(fresh.revision) })).status).toBe(303);
    expect((await analyst.post(admin, { intent: "submit" })).status).toBe(303);
    // Frozen while it waits, and the author's own approval is refused.
    expect((await analyst.get(admin)).text).toContain(esc(en.admin.awaiting.replace(/ on \{\{date\}\}.*/, "")));
    const self = await signedInStaff(server.url, { email: "analyst@example.org", roles: ["consultation_lead"] });
    const selfApproval = await self.post(admin, { intent: "approve" });
    expect(selfApproval.status).toBe(403);
    expect(selfApproval.text).toContain(esc(en.errors.selfApproval));
    const frozen = await analyst.post(admin, { intent: "section", key: "benefits", body: "Changed while waiting", revision: "9" });
    expect(frozen.status).toBe(409);
    expect(frozen.text).toContain(esc(en.errors.awaitingApproval));

    expect((await lead.post(admin, { intent: "approve" })).status).toBe(303);
    const pub = await new Client(server.url).get("/register/demo/assessment");
    expect(pub.text).toContain(esc(en.conclusion.do_not_deploy));
    expect(pub.text).toContain(esc(en.diff.heading.replace("{{version}}", "1")));
    expect(pub.text).toContain(esc(en.diff.conclusion.replace("{{from}}", en.conclusion.proceed_with_conditions).replace("{{to}}", en.conclusion.do_not_deploy)));
    expect(pub.text).toContain("Deaf and hard-of-hearing applicants cannot ask for a review");
    expect((await new Client(server.url).get("/register/demo/assessment?version=1")).text).toContain(esc(en.conclusion.proceed_with_conditions));
    const json = await (await fetch(`${server.url}/register/demo/assessment.json`)).json();
    const testing = json.sections.find((x: { key: string }) => x.key === "testing");
    expect(testing.evidence).toContainEqual({ source: "Pilot report, district of Mbale", dated: "2026-11-02", url: null, file: expect.stringMatching(/^\/register\/demo\/files\/[0-9a-f-]{36}$/) });
  });

  it("puts the assessment under review, in public too, when a monitoring result passes its threshold", async () => {
    const admin = "/admin/assessments/demo";
    const page = (await lead.get(admin)).text;
    const indicator = page.match(/name="indicatorId" value="([0-9a-f-]{36})"/)![1];
    const badValue = await lead.post(admin, { intent: "result", indicatorId: indicator, value: "lots", observedOn: "2026-12-01" });
    expect(badValue.status).toBe(400);
    expect(badValue.text).toContain(esc(en.errors.number));
    const breach = await lead.post(admin, { intent: "result", indicatorId: indicator, value: "52", observedOn: "2026-12-01" });
    expect(breach.status).toBe(303);
    expect(breach.headers.get("location")).toContain("done=breach");
    expect((await new Client(server.url).get("/register/demo/assessment")).text).toContain(esc(en.public.underReview));
    // The people who assess it are told when they open the staff area.
    const home = (await lead.get("/admin")).text;
    expect(home).toContain(esc(en.admin.reviewReason.monitoring));
    expect(home).toContain('href="/admin/assessments/demo"');
    expect((await (await fetch(`${server.url}/register/demo/assessment.json`)).json()).status).toBe("under_review");
  });
});

describe("analysts' shared notes (notes:<assessmentId>)", () => {
  it("are written together live by staff of the deployment, kept, and refused to anyone else", async () => {
    const [a] = await sql<{ id: string }[]>`select a.id from assessments a join deployments d on d.id = a.deployment_id where d.slug = 'demo'`;
    const name = `notes:${a.id}`;
    const one = connectDoc(server.url, name, analyst.cookieHeader());
    const two = connectDoc(server.url, name, lead.cookieHeader());
    await Promise.all([one.synced, two.synced]);
    two.provider.awareness.setLocalState({ cursor: null, email: "lead2@example.org" });
    one.doc.getText("notes").insert(0, "Ask the Bureau for recall by district. ");
    two.doc.getText("notes").insert(0, "Call the Disability Forum on Tuesday. ");
    await until(() => one.doc.getText("notes").toString() === two.doc.getText("notes").toString() && one.doc.getText("notes").length > 60);
    // Presence shows the other person under their staff name, nothing else about them.
    const seen = await until(() => [...one.provider.awareness.getStates().values()].find((s) => (s as { user?: { name?: string } }).user?.name));
    expect(seen).toEqual({ user: { name: "lead2", color: expect.stringMatching(/^#|hsl/) } });
    const text = one.doc.getText("notes").toString();
    one.provider.destroy();
    two.provider.destroy();

    const later = connectDoc(server.url, name, lead.cookieHeader());
    await later.synced;
    expect(later.doc.getText("notes").toString()).toBe(text);
    later.provider.destroy();

    expect((await rawSocket(server.url, `/yjs/${name}`)).closed).toBe(4401);
    const participant = new Client(server.url);
    await participant.post("/c/demo/join", { pseudonym: "Notes Snooper", consent: "yes" });
    expect((await rawSocket(server.url, `/yjs/${name}`, participant.cookieHeader())).closed).toBe(4403);
    const outsider = await signedInStaff(server.url, { email: "outsider@example.org", roles: ["analyst"], deploymentSlug: "other-system" });
    expect((await rawSocket(server.url, `/yjs/${name}`, outsider.cookieHeader())).closed).toBe(4403);
    expect((await rawSocket(server.url, "/yjs/notes:00000000-0000-4000-8000-000000000000", analyst.cookieHeader())).closed).toBe(4403);
  });
});
