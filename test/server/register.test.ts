import fs from "node:fs";
import zlib from "node:zlib";
import Ajv from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../db/client";
import { Client, esc, signedInAdmin, startTestServer } from "../helpers/server";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const en = (ns: string) => JSON.parse(fs.readFileSync(`locales/en/${ns}.json`, "utf8"));


describe("GET /register", () => {
  it("lists the published demo, filters by sector and searches every field", async () => {
    const c = new Client(server.url);
    const all = await c.get("/register");
    expect(all.status).toBe(200);
    expect(all.text).toContain('href="/register/demo"');
    expect((await c.get("/register?sector=transport")).text).not.toContain('href="/register/demo"');
    expect((await c.get("/register?sector=social_protection&highRisk=1&open=1")).text).toContain('href="/register/demo"');
    expect((await c.get("/register?q=refugee")).text).toContain('href="/register/demo"');
    expect((await c.get("/register?q=nothing-matches-this")).text).toContain(en("register").none);
  });

  it("ignores unknown filter values instead of failing, so an old link still works", async () => {
    const res = await new Client(server.url).get("/register?sector=astrology&page=-3&status=%3Cb%3E");
    expect(res.status).toBe(200);
    expect(res.text).toContain('href="/register/demo"');
  });
});

describe("GET /register/<slug>", () => {
  it("shows the dossier in plain language first, with its high-risk notice, red lines and how to complain", async () => {
    const res = await new Client(server.url).get("/register/demo");
    expect(res.status).toBe(200);
    const text = res.text;
    const plain = text.indexOf(en("register").dossier.plain);
    const technical = text.indexOf(en("register").dossier.technical);
    expect(plain).toBeGreaterThan(0);
    expect(technical).toBeGreaterThan(plain);
    expect(text).toContain(esc(en("register").dossier.highRiskNotice.replace("{{areas}}", en("dossier").highRisk.welfare)));
    expect(text).toContain(esc(en("dossier").redLine.fullyAutomatedDenial));
    expect(text).toContain("Office of the Social Assistance Ombudsperson");
    expect(text).toContain('href="/c/demo"');
  });

  it("shows an earlier version on ?version=N, and 404 for one that does not exist", async () => {
    const c = new Client(server.url);
    expect((await c.get("/register/demo?version=1")).text).toContain("Not yet measured.");
    expect((await c.get("/register/demo")).text).not.toContain("Not yet measured.");
    expect((await c.get("/register/demo?version=99")).status).toBe(404);
    expect((await c.get("/register/no-such-system")).status).toBe(404);
  });

  it("keeps HTML + CSS within 14 KB gzip (DESIGN.md budget)", async () => {
    const page = await new Client(server.url).get("/register/demo");
    const css = page.text.match(/href="(\/build\/[^"]+\.css)"/)![1];
    const cssText = await (await fetch(server.url + css)).text();
    const gz = (s: string) => zlib.gzipSync(Buffer.from(s)).length;
    console.log(`page weight /register/demo: HTML ${gz(page.text)} B + CSS ${gz(cssText)} B gzip`);
    expect(gz(page.text) + gz(cssText)).toBeLessThanOrEqual(14 * 1024);
  });
});

describe("GET /register/<slug>/versions", () => {
  it("lists every version and shows a word diff between two, marking the material change", async () => {
    const res = await new Client(server.url).get("/register/demo/versions?from=1&to=2");
    expect(res.status).toBe(200);
    expect(res.text).toContain("First publication, before the contract is awarded.");
    expect(res.text).toContain(esc(en("register").history.material));
    // The vendor's claimed 87% replaced by the tested 71%, word by word.
    expect(res.text).toContain('<del><span class="visually-hidden">removed: </span>87</del><ins><span class="visually-hidden">added: </span>71</ins>');
  });
});

describe("GET /register.json", () => {
  it("matches docs/register.schema.json and the contract's fields", async () => {
    const res = await fetch(`${server.url}/register.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const body = await res.json();
    const ajv = new Ajv({ allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync("docs/register.schema.json", "utf8")));
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    const demo = body.find((d: { slug: string }) => d.slug === "demo");
    for (const field of ["slug", "name", "organisation", "purpose", "sector", "lifecycleStage", "highRisk", "status", "consultations", "assessment", "updatedAt"]) {
      expect(demo).toHaveProperty(field);
    }
  });

  it("refuses a malformed page cursor with 400", async () => {
    expect((await fetch(`${server.url}/register.json?after=%3Cscript%3E`)).status).toBe(400);
  });

  it("offers the same rows as CSV", async () => {
    const res = await fetch(`${server.url}/register.csv`);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toBe("slug,name,organisation,purpose,sector,lifecycleStage,highRisk,status,dossierVersion,consultations,updatedAt");
    expect(lines.some((l) => l.startsWith('"demo","Household Benefit Eligibility Scoring (HBES)"'))).toBe(true);
  });
});

describe("the dossier editor", () => {
  it("creates, saves, refuses what is wrong beside its field, publishes and re-publishes", async () => {
    const admin = await signedInAdmin(server.url);
    const page = (await admin.get("/admin/deployments")).text;
    const orgId = page.match(/<option value="([0-9a-f-]{36})"/)![1];

    const dup = await admin.post("/admin/deployments", { name: "Another demo", slug: "demo", organisationId: orgId, sector: "health" });
    expect(dup.status).toBe(409);
    expect(dup.text).toContain(esc(en("dossier").errors.slugTaken));
    expect(dup.text).toContain('value="Another demo"');

    const badSlug = await admin.post("/admin/deployments", { name: "X", slug: "Not a slug!", organisationId: orgId, sector: "sorcery" });
    expect(badSlug.status).toBe(400);
    expect(badSlug.text).toContain(esc(en("dossier").errors.slug));
    expect(badSlug.text).toContain(esc(en("dossier").errors.required));
    expect(badSlug.text).toContain(esc(en("dossier").errors.choose));
    expect(badSlug.text).toContain('value="Not a slug!"');

    const created = await admin.post("/admin/deployments", { name: "Clinic triage", slug: "clinic-triage", organisationId: orgId, sector: "health" });
    expect(created.status).toBe(303);
    expect(created.headers.get("location")).toBe("/admin/deployments/clinic-triage");

    const bad = await admin.post("/admin/deployments/clinic-triage", {
      intent: "save",
      "identity.name": "Clinic triage",
      "identity.plannedStart": "2027-06-01",
      "identity.plannedEnd": "2027-01-01",
      "purpose.purpose": "Order patients <b>by urgency</b>",
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain(esc(en("dossier").errors.endBeforeStart));
    expect(bad.text).toContain("Order patients &lt;b&gt;by urgency&lt;/b&gt;");
    expect(bad.text).toMatch(/id="identity.plannedEnd"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="identity.plannedEnd"/);

    const fields = {
      intent: "save",
      "identity.name": "Clinic triage",
      "identity.contact": "triage@health.example",
      "identity.responsibleOffice": "District health office",
      "identity.sector": "health",
      "identity.lifecycleStage": "deployment",
      "identity.status": "piloting",
      "purpose.purpose": "Order walk-in patients by urgency.",
      "purpose.mostImpacted": "Patients who cannot describe symptoms in the national language.",
      "system.does": "Suggests a triage category to the nurse.",
      "system.limitations": "Trained on adults only.",
      "system.humanOversight": "The nurse decides.",
      "data.sources": "Symptom forms.",
      "data.personalData": "Symptoms, age, sex.",
      "remedy.responsibleEntity": "Health ombudsperson",
    };
    expect((await admin.post("/admin/deployments/clinic-triage", fields)).status).toBe(303);

    const noSummary = await admin.post("/admin/deployments/clinic-triage", { intent: "publish", changeSummary: "" }, { formPage: "/admin/deployments/clinic-triage" });
    expect(noSummary.status).toBe(400);
    expect(noSummary.text).toContain(esc(en("dossier").errors.changeSummary));

    const incomplete = await admin.post("/admin/deployments/clinic-triage", { intent: "publish", changeSummary: "First publication" }, { formPage: "/admin/deployments/clinic-triage" });
    expect(incomplete.status).toBe(400);
    expect(incomplete.text).toContain(esc(en("dossier").errors.requiredToPublish));
    expect(incomplete.text).toContain(">First publication</textarea>");
    expect((await new Client(server.url).get("/register/clinic-triage")).status).toBe(404);

    expect((await admin.post("/admin/deployments/clinic-triage", { ...fields, "remedy.process": "Ask at the clinic desk." })).status).toBe(303);
    const v1 = await admin.post("/admin/deployments/clinic-triage", { intent: "publish", changeSummary: "First publication" }, { formPage: "/admin/deployments/clinic-triage" });
    expect(v1.status).toBe(303);
    expect(v1.headers.get("location")).toBe("/admin/deployments/clinic-triage?published=1");
    expect((await new Client(server.url).get("/register/clinic-triage")).text).toContain("Order walk-in patients by urgency.");

    await admin.post("/admin/deployments/clinic-triage", { ...fields, "remedy.process": "Ask at the clinic desk.", "data.sources": "Symptom forms and past records." });
    const v2 = await admin.post("/admin/deployments/clinic-triage", { intent: "publish", changeSummary: "Past records added" }, { formPage: "/admin/deployments/clinic-triage" });
    expect(v2.headers.get("location")).toBe("/admin/deployments/clinic-triage?published=2&material=1");
    const diff = await new Client(server.url).get("/register/clinic-triage/versions?from=1&to=2");
    expect(diff.text).toMatch(/<ins><span class="visually-hidden">added: <\/span>[^<]*past records/);
  });

  it("refuses to publish a purpose that contradicts a red line, with the message beside the purpose (001 §16, §64)", async () => {
    const admin = await signedInAdmin(server.url);
    const orgId = (await admin.get("/admin/deployments")).text.match(/<option value="([0-9a-f-]{36})"/)![1];
    await admin.post("/admin/deployments", { name: "Station cameras", slug: "station-cameras", organisationId: orgId, sector: "transport" });
    const fields = {
      intent: "save",
      "identity.name": "Station cameras",
      "identity.contact": "c@example.org",
      "identity.responsibleOffice": "Rail police liaison",
      "purpose.purpose": "Identify wanted people in stations with live facial recognition.",
      "purpose.mostImpacted": "Commuters.",
      "system.does": "Compares faces with a watch list.",
      "system.limitations": "Errors in poor light.",
      "system.humanOversight": "An officer checks each alert.",
      "data.sources": "Camera feeds.",
      "data.personalData": "Faces.",
      "remedy.responsibleEntity": "Rail ombudsperson",
      "remedy.process": "Write to the ombudsperson.",
      "risk.redLines": "biometricMassSurveillance",
    };
    expect((await admin.post("/admin/deployments/station-cameras", fields)).status).toBe(303);
    const res = await admin.post("/admin/deployments/station-cameras", { intent: "publish", changeSummary: "First" }, { formPage: "/admin/deployments/station-cameras" });
    expect(res.status).toBe(400);
    const message = esc(en("dossier").errors.redLine.biometricMassSurveillance);
    expect(res.text).toContain(`id="purpose.purpose-error"`);
    expect(res.text.lastIndexOf(message)).toBeGreaterThan(res.text.indexOf(`for="purpose.purpose"`));
    expect((await new Client(server.url).get("/register/station-cameras")).status).toBe(404);
  });

  it("keeps the editor to staff of the owning organisation", async () => {
    const participant = new Client(server.url);
    await participant.post("/c/demo/join", { pseudonym: "Nosy Participant", consent: "yes" });
    expect((await participant.get("/admin/deployments/demo")).status).toBe(403);
    // A consultation lead of another organisation.
    const admin = await signedInAdmin(server.url);
    await admin.post("/admin/users", { intent: "addOrganisation", name: "Other Ministry" });
    const [other] = await sql<{ id: string }[]>`select id from organisations where name = 'Other Ministry'`;
    await admin.post("/admin/users", { intent: "invite", email: "other-lead@example.org", organisationId: other.id, roles: ["consultation_lead"] });
    const link = (await admin.get("/admin/users")).text.match(/\/invite\/([A-Za-z0-9_-]+)/)![1];
    const lead = new Client(server.url);
    await lead.post(`/invite/${link}`, { displayName: "Other Lead", password: "a long password here", confirmPassword: "a long password here" });
    expect((await lead.get("/admin/deployments")).status).toBe(200);
    expect((await lead.get("/admin/deployments")).text).not.toContain("/admin/deployments/demo");
    expect((await lead.get("/admin/deployments/demo")).status).toBe(403);
    const post = await lead.post("/admin/deployments/demo", { intent: "publish", changeSummary: "Hijack" }, { formPage: "/admin/deployments" });
    expect(post.status).toBe(403);
  });
});
