import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../../db/client";
import { setConsultationStatus } from "../../../app/modules/consultations/manage.server";
import { seedDemo } from "../../../app/modules/demo/seed.server";
import {
  countUnanswered,
  getCoverage,
  getResponseConsultation,
  listPublicResponses,
  respondToInputs,
  type ResponseConsultation,
} from "../../../app/modules/responses/responses.server";
import { ResponseFilterSchema } from "../../../app/modules/responses/schema";

let demo: ResponseConsultation;
let lead: string;
beforeAll(async () => {
  await seedDemo();
  demo = await getResponseConsultation("demo");
  lead = (await sql<{ id: string }[]>`select id from users where email = 'lead@demo.invalid'`)[0].id;
});

describe("responses", () => {
  it("answers every demo input, each pointing to the impacts it changed", async () => {
    expect(await getCoverage(demo.id)).toEqual({ answered: 12, total: 12 });
    const page = await listPublicResponses({ consultationId: demo.id, filter: {} });
    expect(page.items).toHaveLength(12);
    const refugee = page.items.find((r) => r.summary.startsWith("The audit shows refugee households"))!;
    expect(refugee).toMatchObject({ decision: "adopted", together: 1, impacts: [{ number: 1, title: "Refugee households flagged more often and paid later" }] });
    const adopted = await listPublicResponses({ consultationId: demo.id, filter: ResponseFilterSchema.parse({ decision: "partly_adopted" }) });
    // The demo's contested answer was changed from "partly adopted" to "adopted" (seedDemoContest).
    expect(adopted.items.map((r) => r.decision)).toEqual(["partly_adopted", "partly_adopted"]);
    const contested = page.items.find((r) => r.contestedAt)!;
    expect(contested).toMatchObject({ decision: "adopted" });
    const sw = await listPublicResponses({ consultationId: demo.id, filter: ResponseFilterSchema.parse({ lang: "sw" }) });
    expect(sw.items.every((r) => r.inputLang === "sw")).toBe(true);
    // Keyset paging: two pages of 5 and the rest, no row twice.
    const first = await listPublicResponses({ consultationId: demo.id, filter: {}, limit: 5 });
    const second = await listPublicResponses({ consultationId: demo.id, filter: ResponseFilterSchema.parse({ after: first.next }), limit: 5 });
    expect(new Set([...first.items, ...second.items].map((r) => r.inputId)).size).toBe(10);
  });

  it("refuses an input of another consultation, an unknown impact, and writes nothing", async () => {
    const [other] = await sql<{ id: string }[]>`
      insert into consultations (slug, deployment_id, lifecycle_stage, title, summary, status)
      select 'other-round', deployment_id, 'procurement', 'Second round', 'Another round.', 'open' from consultations where slug = 'demo' returning id`;
    const [foreign] = await sql<{ id: string }[]>`
      insert into inputs (consultation_id, kind, lang, body, attribution, idempotency_key)
      values (${other.id}, 'comment', 'en', 'A comment in the other round.', 'pseudonymous', 'other-1') returning id`;
    const [mine] = await sql<{ id: string }[]>`
      insert into inputs (consultation_id, kind, lang, body, attribution, idempotency_key)
      values (${demo.id}, 'comment', 'en', 'A late comment on the demo.', 'pseudonymous', 'late-1') returning id`;
    expect(await countUnanswered(demo.id)).toBe(1);
    const refused = await respondToInputs({ consultation: demo, inputIds: [mine.id, foreign.id], decision: "not_adopted", reason: "Because.", impactIds: [], actorId: lead });
    expect(refused).toEqual({ ok: false, status: 400, error: "responses:errors.otherConsultation" });
    const unknownImpact = await respondToInputs({ consultation: demo, inputIds: [mine.id], decision: "adopted", reason: "Because.", impactIds: ["00000000-0000-4000-8000-000000000000"], actorId: lead });
    expect(unknownImpact).toMatchObject({ ok: false, error: "responses:errors.impactUnknown" });
    expect((await sql`select count(*)::int as n from responses where input_id = any(${[mine.id, foreign.id]}::uuid[])`)[0].n).toBe(0);

    // "Responded" waits for the last answer.
    await sql`update consultations set status = 'analysis' where id = ${demo.id}`;
    expect(await setConsultationStatus({ id: demo.id, to: "responded", actorId: lead })).toMatchObject({ ok: false, status: 409, error: "admin:consultations.errors.unanswered" });
    expect(await respondToInputs({ consultation: demo, inputIds: [mine.id], decision: "out_of_scope", reason: "It is about a different programme.", impactIds: [], actorId: lead })).toEqual({ ok: true, answered: 1 });
    expect(await setConsultationStatus({ id: demo.id, to: "responded", actorId: lead })).toEqual({ ok: true });

    // Answering again replaces the answer, keeps one row, and the audit trail has both.
    await respondToInputs({ consultation: demo, inputIds: [mine.id], decision: "not_adopted", reason: "On reflection: not adopted, see the report.", impactIds: [], actorId: lead });
    const rows = await sql`select decision, revision from responses where input_id = ${mine.id}`;
    expect(rows).toEqual([{ decision: "not_adopted", revision: 2 }]);
    expect((await sql`select count(*)::int as n from audit_events where action = 'respond_to_inputs'`)[0].n).toBeGreaterThanOrEqual(9);
  });
});
