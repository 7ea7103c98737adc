import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../../db/client";
import {
  addMitigation,
  approveAndPublish,
  createImpact,
  getPublishedAssessment,
  linkInputs,
  listDecisionProblems,
  listImpacts,
  listRatingChanges,
  listSimilarInputs,
  listTriageQueue,
  moveAssessment,
  openAssessment,
  recordResult,
  addIndicator,
  saveSection,
  setDecision,
  submitForApproval,
  updateImpact,
  type AssessmentHead,
} from "../../../app/modules/assessment/assessment.server";
import { ImpactSchema, TriageFilterSchema, type ImpactFields } from "../../../app/modules/assessment/schema";
import { seedDemo } from "../../../app/modules/demo/seed.server";
import { getDeploymentForEditing, publishDossier, saveDraft } from "../../../app/modules/deployments/deployments.server";

let consultationId: string;
let analyst: string;
let lead: string;
beforeAll(async () => {
  await seedDemo();
  consultationId = (await sql<{ id: string }[]>`select id from consultations where slug = 'demo'`)[0].id;
  analyst = (await sql<{ id: string }[]>`select id from users where email = 'analyst@demo.invalid'`)[0].id;
  lead = (await sql<{ id: string }[]>`select id from users where email = 'lead@demo.invalid'`)[0].id;
});

const fields = (over: Record<string, unknown> = {}): ImpactFields =>
  ImpactSchema.parse({
    title: "Payments stop when the phone number changes",
    description: "",
    scale: "2",
    scope: "2",
    reversibility: "2",
    likelihood: "2",
    rationaleScale: "A missed month of income.",
    rationaleScope: "People who change SIM cards.",
    rationaleReversibility: "Back-paid once noticed.",
    rationaleLikelihood: "Reported twice in the pilot.",
    ...over,
  });

describe("the demo assessment", () => {
  it("is published as version 1, proceed with conditions, each impact listing the inputs behind it", async () => {
    const pub = await getPublishedAssessment({ slug: "demo" });
    expect(pub.content.version).toBe(1);
    expect(pub.content.conclusion).toBe("proceed_with_conditions");
    expect(pub.content.impacts).toHaveLength(4);
    const demoInputs = new Set((await sql<{ id: string }[]>`select id from inputs where consultation_id = ${consultationId}`).map((r) => r.id));
    for (const impact of pub.content.impacts) {
      expect(impact.inputIds.length).toBeGreaterThan(0);
      for (const id of impact.inputIds) expect(demoInputs.has(id)).toBe(true);
    }
    // Severity is derived by the rule, and frozen into the version.
    const first = pub.content.impacts[0];
    expect([first.scale, first.scope, first.reversibility, first.likelihood, first.severity, first.priority]).toEqual([3, 3, 2, 4, 3, 1]);
    expect(pub.previous).toBeNull();
  });
});

describe("editing the working copy", () => {
  let head: AssessmentHead;
  beforeAll(async () => {
    head = await openAssessment({ slug: "demo" });
    expect(head.status).toBe("published");
    expect(head.redLines.map((r) => r.id)).toEqual(["fullyAutomatedDenial", "socialScoring", "other:0"]);
  });

  it("keeps rating history with who, from → to and the inputs that caused it, and refuses a stale save", async () => {
    const [input] = await sql<{ id: string }[]>`select id from inputs where idempotency_key = 'demo-comment-5'`;
    const created = await createImpact({ head, fields: fields(), fromInputId: input.id, actorId: analyst });
    if (!created.ok) throw new Error(created.error);
    const [impact] = (await listImpacts(head.id)).filter((i) => i.id === created.id);
    expect(impact.revision).toBe(1);
    expect((await listRatingChanges(created.id)).map((c) => [c.phase, c.dimension, c.fromValue, c.toValue, c.inputIds])).toEqual(
      expect.arrayContaining([["inherent", "scale", null, 2, [input.id]]]),
    );

    const [other] = await sql<{ id: string }[]>`select id from inputs where idempotency_key = 'demo-offline-1'`;
    const ok = await updateImpact({ head, impactId: created.id, revision: 1, fields: fields({ scale: "3", causedBy: other.id, rationaleScale: "Two months without income, heard on the radio." }), actorId: analyst });
    expect(ok).toEqual({ ok: true });
    const changes = await listRatingChanges(created.id);
    expect(changes[0]).toMatchObject({ phase: "inherent", dimension: "scale", fromValue: 2, toValue: 3, inputIds: [other.id], rationale: "Two months without income, heard on the radio." });
    expect(changes[0].changedBy).toMatch(/Demo analyst/);
    const [link] = await sql`select kind from input_links where input_id = ${other.id} and impact_id = ${created.id}`;
    expect(link.kind).toBe("changes_rating");

    // Someone else saved since revision 1: refused with their version, nothing written.
    const stale = await updateImpact({ head, impactId: created.id, revision: 1, fields: fields({ title: "My stale title" }), actorId: lead });
    expect(stale).toMatchObject({ ok: false, status: 409, error: "assessment:errors.staleImpact", current: { title: "Payments stop when the phone number changes", scale: 3 } });
    expect((await sql`select title from impacts where id = ${created.id}`)[0].title).toBe("Payments stop when the phone number changes");

    // Unknown red lines, groups and inputs are refused before the database sees them.
    expect(await updateImpact({ head, impactId: created.id, revision: 2, fields: fields({ redLine: "emotionRecognition" }), actorId: analyst })).toMatchObject({ ok: false, error: "assessment:errors.redLineUnknown" });
    expect(await updateImpact({ head, impactId: created.id, revision: 2, fields: fields({ causedBy: "00000000-0000-0000-0000-000000000000" }), actorId: analyst })).toMatchObject({ ok: false, error: "assessment:errors.inputUnknown" });
  });

  it("refuses ratings outside 1-4 and half a residual rating", () => {
    const bad = ImpactSchema.safeParse({ ...fields(), scale: "5", likelihood: "0", residualScale: "2" });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => `${i.path[0]}:${i.message}`);
    expect(paths).toEqual(expect.arrayContaining(["scale:assessment:errors.rating", "likelihood:assessment:errors.rating", "residualScope:assessment:errors.residualAll"]));
  });

  it("blocks proceeding past an open red-line impact, refuses self-approval and publishes version 2 approved by another person", async () => {
    const redLine = await createImpact({ head, fields: fields({ title: "Benefit stopped by the score alone", redLine: "fullyAutomatedDenial" }), actorId: analyst });
    if (!redLine.ok) throw new Error(redLine.error);
    const [a] = await sql<{ revision: number }[]>`select revision from assessments where id = ${head.id}`;
    expect(await setDecision({ head, conclusion: "proceed", justification: "x".repeat(50), revision: a.revision, actorId: analyst })).toEqual({ ok: true });
    const problems = await listDecisionProblems(head.id);
    expect(problems).toContainEqual({ code: "redLine", impacts: [6] });
    expect(problems).toContainEqual({ code: "openConditions", impacts: expect.arrayContaining([1, 2, 4]) });
    const refused = await submitForApproval({ head, actorId: analyst });
    expect(refused).toMatchObject({ ok: false, status: 400, error: "assessment:errors.notReady" });

    // The red-line impact is closed by removing the feature; the conditions decide the conclusion.
    const closed = await updateImpact({ head, impactId: redLine.id, revision: 1, fields: fields({ title: "Benefit stopped by the score alone", redLine: "fullyAutomatedDenial", status: "closed", closedReason: "The stop button was removed from the design." }), actorId: analyst });
    expect(closed).toEqual({ ok: true });
    const [b] = await sql<{ revision: number }[]>`select revision from assessments where id = ${head.id}`;
    await setDecision({ head, conclusion: "proceed_with_conditions", justification: "x".repeat(50), revision: b.revision, actorId: analyst });
    expect(await listDecisionProblems(head.id)).toEqual([]);
    expect(await submitForApproval({ head, actorId: analyst })).toEqual({ ok: true });

    // Frozen while it waits: no edits, and the author cannot approve it.
    const frozen = await saveSection({ assessmentId: head.id, key: "benefits", body: "Changed", revision: 2, actorId: analyst });
    expect(frozen).toMatchObject({ ok: false, status: 409, error: "assessment:errors.awaitingApproval" });
    expect(await approveAndPublish({ head, actorId: analyst })).toMatchObject({ ok: false, status: 403, error: "assessment:errors.selfApproval" });
    expect(await approveAndPublish({ head, actorId: lead })).toEqual({ ok: true, version: 2 });

    const pub = await getPublishedAssessment({ slug: "demo" });
    expect(pub.content.version).toBe(2);
    expect(pub.previous?.version).toBe(1);
    expect(pub.content.impacts.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(pub.versions.map((v) => v.version)).toEqual([2, 1]);
    expect((await getPublishedAssessment({ slug: "demo", version: 1 })).content.impacts).toHaveLength(4);
  });

  it("puts the published assessment under review when a monitoring result crosses its threshold", async () => {
    const fresh = await openAssessment({ slug: "demo" });
    const added = await addIndicator({ head: fresh, name: "Complaints per 1,000 flags", unit: "", direction: "above", threshold: 20, cadenceDays: 30, actorId: lead });
    expect(added.ok).toBe(true);
    const [ind] = await sql<{ id: string }[]>`select id from monitoring_indicators where name = 'Complaints per 1,000 flags'`;
    expect(await recordResult({ head: fresh, indicatorId: ind.id, value: 12, observedOn: "2026-11-30", note: "", actorId: lead })).toEqual({ ok: true, breached: false });
    expect((await openAssessment({ slug: "demo" })).status).toBe("published");
    expect(await recordResult({ head: fresh, indicatorId: ind.id, value: 31, observedOn: "2026-12-01", note: "", actorId: lead })).toEqual({ ok: true, breached: true });
    const after = await openAssessment({ slug: "demo" });
    expect(after.status).toBe("under_review");
    expect((await getPublishedAssessment({ slug: "demo" })).status).toBe("under_review");
    const [req] = await sql`select reason from assessment_review_requests where indicator_id = ${ind.id} and resolved_at is null`;
    expect(req.reason).toBe("monitoring");
    expect(await moveAssessment({ head: after, to: "analysis", actorId: lead })).toEqual({ ok: true });
    expect(await moveAssessment({ head: after, to: "published", actorId: lead })).toMatchObject({ ok: false, error: "assessment:errors.move" });
  });
});

describe("triage", () => {
  it("pages a consultation's inputs newest first with filters, and finds similar ones", async () => {
    const page = await listTriageQueue({ consultationId, filter: {}, limit: 3 });
    expect(page.items).toHaveLength(3);
    expect(page.next).toMatch(/_/);
    const rest = await listTriageQueue({ consultationId, filter: TriageFilterSchema.parse({ after: page.next }), limit: 50 });
    const all = [...page.items, ...rest.items];
    expect(new Set(all.map((i) => i.id)).size).toBe(all.length);
    expect(all.map((i) => +i.createdAt)).toEqual([...all.map((i) => +i.createdAt)].sort((x, y) => y - x));

    const sw = await listTriageQueue({ consultationId, filter: TriageFilterSchema.parse({ lang: "sw" }) });
    expect(sw.items.length).toBeGreaterThan(0);
    expect(sw.items.every((i) => i.lang === "sw")).toBe(true);
    const facilitated = await listTriageQueue({ consultationId, filter: TriageFilterSchema.parse({ method: "facilitated" }) });
    expect(facilitated.items.map((i) => i.onBehalfCount)).toEqual(expect.arrayContaining([38, 14]));
    const joint = await listTriageQueue({ consultationId, filter: TriageFilterSchema.parse({ joint: "1" }) });
    expect(joint.items.every((i) => i.joint)).toBe(true);
    const unprocessed = await listTriageQueue({ consultationId, filter: TriageFilterSchema.parse({ unprocessed: "1" }) });
    expect(unprocessed.items.every((i) => i.linkKinds.length === 0)).toBe(true);
    // Garbage in the query string is ignored, not an error.
    expect(TriageFilterSchema.parse({ lang: "'; drop table", after: "nope", method: "x" })).toEqual({});

    // A campaign: the same point in nearly the same words; handled as one cluster.
    const [p] = await sql<{ id: string }[]>`select participation_id as id from inputs where idempotency_key = 'demo-comment-0'`;
    const text = "Refugee households are flagged twice as often by the scoring system and their payments are delayed for weeks.";
    const ids: string[] = [];
    for (const [n, body] of [text, text.replace("weeks", "many weeks"), text.replace("twice", "two times")].entries()) {
      const [row] = await sql<{ id: string }[]>`
        insert into inputs (consultation_id, participation_id, kind, lang, body, attribution, idempotency_key)
        values (${consultationId}, ${p.id}, 'comment', 'en', ${body}, 'pseudonymous', ${`similar-${n}`}) returning id`;
      ids.push(row.id);
    }
    const similar = await listSimilarInputs({ inputId: ids[0] });
    expect(similar.map((s) => s.id)).toEqual(expect.arrayContaining([ids[1], ids[2]]));
    expect(similar.every((s) => s.similarity >= 0.3)).toBe(true);
    const head = await openAssessment({ slug: "demo" });
    const [impact] = await listImpacts(head.id);
    expect(await linkInputs({ head, inputIds: ids, kind: "corroborates", impactId: impact.id, note: "Same campaign text", actorId: analyst })).toEqual({ ok: true, linked: 3 });
    // Linking again keeps one link each.
    expect(await linkInputs({ head, inputIds: ids, kind: "corroborates", impactId: impact.id, note: "", actorId: analyst })).toEqual({ ok: true, linked: 0 });
    expect(await linkInputs({ head, inputIds: [ids[0]], kind: "new_harm", note: "", actorId: analyst })).toMatchObject({ ok: false });
    expect(await addMitigation({ head, impactId: impact.id, fields: { level: "reduce", description: "Re-test", owner: "", isCondition: false, sourceInputId: "00000000-0000-0000-0000-000000000000" }, actorId: analyst })).toMatchObject({ ok: false, error: "assessment:errors.inputUnknown" });
  });
});

describe("a material change of the dossier (001 §43)", () => {
  it("puts a published assessment under review until a new version is approved", async () => {
    await sql`update assessments set status = 'published' where deployment_id = (select id from deployments where slug = 'demo')`;
    await sql`update assessment_review_requests set resolved_at = now()`;
    const deployment = await getDeploymentForEditing("demo");
    const dossier = structuredClone(deployment.draft);
    dossier.purpose.purpose = `${dossier.purpose.purpose} It will also decide the order of home visits.`;
    await saveDraft({ deploymentId: deployment.id, dossier, actorId: lead });
    const published = await publishDossier({ deploymentId: deployment.id, changeSummary: "Home visits added to the purpose.", actorId: lead });
    expect(published).toMatchObject({ ok: true, materialChanges: ["purpose.purpose"] });
    const head = await openAssessment({ slug: "demo" });
    expect(head.status).toBe("under_review");
    expect(head.reviewReason).toBe("dossier_change");
    expect((await getPublishedAssessment({ slug: "demo" })).status).toBe("under_review");
    const [req] = await sql`select reason, changed_fields from assessment_review_requests where resolved_at is null`;
    expect(req).toEqual({ reason: "dossier_change", changedFields: ["purpose.purpose"] });
  });
});
