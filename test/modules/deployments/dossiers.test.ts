import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../../db/client";
import { addOrganisation, ensureAdmin } from "../../../app/modules/auth/auth.server";
import {
  createDeployment,
  exportRegister,
  getDeploymentForEditing,
  getPublishedDossier,
  listRegister,
  listVersions,
  publishDossier,
  saveDraft,
} from "../../../app/modules/deployments/deployments.server";
import { seedDemo } from "../../../app/modules/demo/seed.server";
import { emptyDossier, type Dossier } from "../../../app/modules/deployments/schema";

let actorId: string;
let orgId: string;

beforeAll(async () => {
  await ensureAdmin({ email: "lead@example.org", password: "a long enough password" });
  actorId = (await sql<{ id: string }[]>`select id from users where email = 'lead@example.org'`)[0].id;
  const org = await addOrganisation({ name: "City of Tamu (fictional)", actorId });
  if (!org.ok) throw new Error("org");
  orgId = org.id;
  await seedDemo();
});

function complete(name: string): Dossier {
  const d = emptyDossier();
  d.identity = { ...d.identity, name, contact: "ai@tamu.example", responsibleOffice: "Transport office", sector: "transport", lifecycleStage: "use", status: "in_use" };
  d.purpose.purpose = "Predict bus arrival times from vehicle positions.";
  d.purpose.mostImpacted = "Passengers who rely on night buses.";
  d.system.does = "Estimates minutes until the next bus.";
  d.system.limitations = "Wrong during road closures.";
  d.system.humanOversight = "Dispatchers watch the estimates.";
  d.data.sources = "Vehicle GPS.";
  d.data.personalData = "None: vehicles only.";
  d.remedy.responsibleEntity = "Transport ombudsperson";
  d.remedy.process = "Write to the ombudsperson.";
  return d;
}

async function newDeployment(slug: string, name = `Deployment ${slug}`) {
  const created = await createDeployment({ name, slug, organisationId: orgId, sector: "transport", actorId });
  if (!created.ok) throw new Error(created.error);
  return created.id;
}

describe("createDeployment", () => {
  it("refuses a slug already in use with 409 and writes nothing", async () => {
    await newDeployment("bus-eta");
    const before = await sql`select count(*)::int as n from deployments`;
    expect(await createDeployment({ name: "Other", slug: "bus-eta", organisationId: orgId, sector: "health", actorId })).toEqual({
      ok: false,
      status: 409,
      error: "dossier:errors.slugTaken",
    });
    expect(await sql`select count(*)::int as n from deployments`).toEqual(before);
  });
});

describe("publishDossier", () => {
  it("refuses an incomplete dossier with an error per missing field, and publishes nothing", async () => {
    const id = await newDeployment("incomplete");
    const result = await publishDossier({ deploymentId: id, changeSummary: "First", actorId });
    expect(result).toMatchObject({ ok: false, status: 400, error: "dossier:errors.cannotPublish" });
    if (!result.ok) expect(result.fieldErrors?.["remedy.responsibleEntity"]).toEqual(["dossier:errors.requiredToPublish"]);
    expect(await sql`select 1 from dossier_versions where deployment_id = ${id}`).toHaveLength(0);
    expect((await sql`select status from deployments where id = ${id}`)[0].status).toBe("draft");
  });

  it("refuses a purpose that contradicts a red line, next to the field that says it", async () => {
    const id = await newDeployment("cameras");
    const d = complete("Camera analytics");
    d.risk.redLines = ["biometricMassSurveillance"];
    d.purpose.purpose = "Find wanted people in crowds with live facial recognition.";
    await saveDraft({ deploymentId: id, dossier: d, actorId });
    const result = await publishDossier({ deploymentId: id, changeSummary: "First", actorId });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors?.["purpose.purpose"]).toEqual(["dossier:errors.redLine.biometricMassSurveillance"]);
    expect(await sql`select 1 from dossier_versions where deployment_id = ${id}`).toHaveLength(0);
  });

  it("publishes numbered versions, keeps each one unchanged, and asks for an assessment review on a material change (001 §43)", async () => {
    const id = await newDeployment("bus-eta-2");
    const v1 = complete("Bus arrival estimates");
    await saveDraft({ deploymentId: id, dossier: v1, actorId });
    expect(await publishDossier({ deploymentId: id, changeSummary: "First publication", actorId })).toEqual({ ok: true, version: 1, materialChanges: [] });

    const v2 = complete("Bus arrival estimates");
    v2.system.limitations = "Wrong during road closures and floods.";
    await saveDraft({ deploymentId: id, dossier: v2, actorId });
    expect(await publishDossier({ deploymentId: id, changeSummary: "Floods", actorId })).toMatchObject({ ok: true, version: 2, materialChanges: [] });

    const v3 = complete("Bus arrival estimates");
    v3.data.sources = "Vehicle GPS and passengers' phone locations.";
    await saveDraft({ deploymentId: id, dossier: v3, actorId });
    expect(await publishDossier({ deploymentId: id, changeSummary: "Phone data", actorId })).toMatchObject({ ok: true, version: 3, materialChanges: ["data.sources"] });

    // The draft moving on does not change what was published.
    const draft = complete("Bus arrival estimates");
    draft.purpose.purpose = "Something not yet published";
    await saveDraft({ deploymentId: id, dossier: draft, actorId });
    expect((await getPublishedDossier({ slug: "bus-eta-2" })).content.purpose.purpose).toBe(v3.purpose.purpose);
    expect((await getPublishedDossier({ slug: "bus-eta-2", version: 1 })).content.system.limitations).toBe("Wrong during road closures.");
    expect((await listVersions({ deploymentId: id })).map((v) => [v.version, v.materialChange])).toEqual([
      [3, true],
      [2, false],
      [1, false],
    ]);
    const reviews = await sql`select dossier_version, changed_fields from assessment_review_requests where deployment_id = ${id}`;
    expect(reviews).toEqual([{ dossierVersion: 3, changedFields: ["data.sources"] }]);
  });
});

describe("the register", () => {
  it("lists only published deployments, filters them, and searches their text", async () => {
    const all = await listRegister({});
    const slugs = all.map((r) => r.slug);
    expect(slugs).toContain("demo");
    expect(slugs).not.toContain("incomplete");
    expect((await listRegister({ sector: "social_protection" })).map((r) => r.slug)).toEqual(["demo"]);
    expect((await listRegister({ highRisk: "1" })).every((r) => r.highRisk)).toBe(true);
    expect((await listRegister({ open: "1" })).map((r) => r.slug)).toEqual(["demo"]);
    expect((await listRegister({ organisation: orgId })).every((r) => r.organisationName === "City of Tamu (fictional)")).toBe(true);
    expect((await listRegister({ status: "in_use", stage: "use" })).map((r) => r.slug)).toContain("bus-eta-2");
    // Full text over the whole dossier, not only the name: the bias audit of the demo's second version.
    expect((await listRegister({ q: "refugee" })).map((r) => r.slug)).toEqual(["demo"]);
    expect(await listRegister({ q: "zzzz-nothing" })).toEqual([]);
  });

  it("exports the contract's open-data fields", async () => {
    const rows = await exportRegister();
    const demo = rows.find((r) => r.slug === "demo")!;
    expect(demo).toMatchObject({
      name: "Household Benefit Eligibility Scoring (HBES)",
      organisation: "Ministry of Social Protection, Republic of Kalindi (fictional)",
      sector: "social_protection",
      lifecycleStage: "procurement",
      highRisk: true,
      status: "planned",
      dossierVersion: 2,
      consultations: [{ slug: "demo", title: expect.any(String), status: "open" }],
      // The latest published assessment version, in brief (the whole of it is /register/demo/assessment.json).
      assessment: { version: 1, status: "published", conclusion: "proceed_with_conditions", impacts: 4 },
    });
    expect(demo.updatedAt).toBeInstanceOf(Date);
  });

  it("gives the demo two published versions, the second a material change", async () => {
    const demo = await getDeploymentForEditing("demo");
    expect((await listVersions({ deploymentId: demo.id })).map((v) => [v.version, v.materialChange])).toEqual([
      [2, true],
      [1, false],
    ]);
    await seedDemo();
    expect(await listVersions({ deploymentId: demo.id })).toHaveLength(2);
  });
});
