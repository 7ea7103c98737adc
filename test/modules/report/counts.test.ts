// The counts the report and the answers page read (db/migrations/0024_consultation_counts.sql, issue #10)
// are kept by triggers as the records change. They must always equal a count over the records, which is
// what the report used to do on each request: `recount` below is that count, written as plain GROUP BYs,
// independently of the triggers. fast-check drives random changes, one statement at a time and several
// rows at once, and the two are compared after each sequence.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../../db/client";
import { seedDemo } from "../../../app/modules/demo/seed.server";

type Count = { dim: string; key: string; n: number };
const sorted = (rows: Count[]) => [...rows].map((r) => `${r.dim}|${r.key}|${r.n}`).sort();

/** The counts, straight from the records. */
async function recount(consultationId: string): Promise<string[]> {
  const rows = await sql<Count[]>`
    with published as (select * from inputs where consultation_id = ${consultationId} and status = 'published')
    select dim, key, n::int from (
      select 'lang' as dim, lang as key, count(*) as n from published group by lang
      union all
      select 'method', case when submission_id is not null then 'joint' when on_behalf_method is not null then on_behalf_method else 'individual' end,
        count(*) from published group by 2
      union all
      select 'people', on_behalf_method, sum(on_behalf_count) from published where on_behalf_count is not null group by 2
      union all
      select 'target', case when parent_id is not null then 'reply' when section_ref like 'question:%' then section_ref
        when section_ref like 'section:%' then 'section' else 'whole' end, count(*) from published group by 2
      union all
      select 'concern', tag, count(*) from published, unnest(concerns) as tag group by tag
      union all
      select 'right', r, count(*) from published, unnest(rights) as r group by r
      union all
      select 'participants', '', count(distinct participation_id) from published
      union all
      select 'group', pg.target_group_id::text, count(distinct pg.participation_id) from participation_groups pg
      where pg.participation_id in (select participation_id from published) group by 2
      union all
      select 'answered', '', count(*) from responses r join published i on i.id = r.input_id
      union all
      select 'decision', r.decision, count(*) from responses r join published i on i.id = r.input_id group by 2
    ) x where n <> 0`;
  return sorted(rows);
}

/** The counts the triggers kept. */
async function kept(consultationId: string): Promise<string[]> {
  return sorted(await sql<Count[]>`select dim, key, n from consultation_counts where consultation_id = ${consultationId} and n <> 0`);
}

let consultationId: string;
let participations: string[];
let targetGroups: string[];
let sectionRef: string;
let facilitator: string;
beforeAll(async () => {
  await seedDemo();
  [{ id: consultationId }] = await sql<{ id: string }[]>`select id from consultations where slug = 'demo'`;
  participations = (await sql<{ id: string }[]>`select id from participations where consultation_id = ${consultationId} order by created_at, id`).map((r) => r.id);
  targetGroups = (await sql<{ id: string }[]>`select id from target_groups where consultation_id = ${consultationId} order by position`).map((r) => r.id);
  [{ ref: sectionRef }] = await sql<{ ref: string }[]>`select 'section:' || id as ref from briefing_sections where consultation_id = ${consultationId} limit 1`;
  [{ id: facilitator }] = await sql<{ id: string }[]>`select id from users where kind = 'staff' limit 1`;
});

const LANGS = ["en", "fr", "sw", "ar"] as const;
const CONCERNS = ["fairness", "accuracy", "work", "access"] as const;
const RIGHTS = ["equality", "privacy", "social_security"] as const;
const STATUSES = ["published", "hidden", "withdrawn"] as const;
const DECISIONS = ["adopted", "partly_adopted", "not_adopted", "out_of_scope"] as const;

const op = fc.oneof(
  fc.record({
    kind: fc.constant("insert" as const),
    rows: fc.array(
      fc.record({
        author: fc.oneof(fc.nat(20), fc.constant("proxy" as const)),
        lang: fc.constantFrom(...LANGS),
        target: fc.constantFrom("whole", "question:Q1", "question:Q2", "section", "reply"),
        concerns: fc.subarray([...CONCERNS]),
        rights: fc.subarray([...RIGHTS]),
        status: fc.constantFrom(...STATUSES),
        people: fc.integer({ min: 1, max: 40 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  }),
  fc.record({ kind: fc.constant("status" as const), picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), status: fc.constantFrom(...STATUSES) }),
  fc.record({ kind: fc.constant("retag" as const), pick: fc.nat(), concerns: fc.subarray([...CONCERNS]), rights: fc.subarray([...RIGHTS]) }),
  fc.record({ kind: fc.constant("answer" as const), picks: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), decision: fc.constantFrom(...DECISIONS) }),
  fc.record({ kind: fc.constant("unanswer" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("join" as const), who: fc.nat(20), group: fc.nat(5) }),
  fc.record({ kind: fc.constant("leave" as const), who: fc.nat(20), group: fc.nat(5) }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

async function inputIds(): Promise<string[]> {
  return (await sql<{ id: string }[]>`select id from inputs where consultation_id = ${consultationId} order by created_at, id`).map((r) => r.id);
}

let serial = 0;
async function apply(o: Op): Promise<void> {
  const ids = await inputIds();
  const pick = (n: number) => ids[n % ids.length];
  switch (o.kind) {
    case "insert": {
      // One statement for all the rows, as a bulk import would write them.
      const parent = pick(0);
      const rows = o.rows.map((r) => {
        const proxy = r.author === "proxy";
        return {
          consultation_id: consultationId,
          participation_id: proxy ? null : participations[(r.author as number) % participations.length],
          kind: r.target === "reply" ? "reply" : "comment",
          parent_id: r.target === "reply" ? parent : null,
          section_ref: r.target === "section" ? sectionRef : r.target.startsWith("question:") ? r.target : null,
          lang: r.lang,
          body: "A comment for the counts test.",
          concerns: `{${r.concerns.join(",")}}`,
          rights: `{${r.rights.join(",")}}`,
          attribution: "pseudonymous",
          status: r.status,
          hidden_reason: r.status === "hidden" ? "spam" : null,
          idempotency_key: `counts-${++serial}-${Math.random()}`,
          facilitator_id: proxy ? facilitator : null,
          on_behalf_count: proxy ? r.people : null,
          on_behalf_method: proxy ? "workshop" : null,
          original_date: proxy ? "2026-11-20" : null,
        };
      });
      await sql`insert into inputs ${sql(rows)}`;
      return;
    }
    case "status":
      await sql`update inputs set status = ${o.status}, hidden_reason = ${o.status === "hidden" ? "spam" : null} where id = any(${o.picks.map(pick)}::uuid[])`;
      return;
    case "retag":
      await sql`update inputs set concerns = ${o.concerns}::text[], rights = ${o.rights}::text[] where id = ${pick(o.pick)}`;
      return;
    case "answer": {
      // Answered together, in one statement; answering again replaces the decision.
      const rows = [...new Set(o.picks.map(pick))].map((id) => ({
        input_id: id,
        consultation_id: consultationId,
        decision: o.decision,
        reason: "Because of the counts test.",
        lang: "en",
        batch_id: crypto.randomUUID(),
      }));
      await sql`insert into responses ${sql(rows)} on conflict (input_id) do update set decision = excluded.decision`;
      return;
    }
    case "unanswer":
      await sql`delete from responses where input_id = ${pick(o.pick)}`;
      return;
    case "join":
      await sql`insert into participation_groups values (${participations[o.who % participations.length]}, ${targetGroups[o.group % targetGroups.length]}) on conflict do nothing`;
      return;
    case "leave":
      await sql`delete from participation_groups where participation_id = ${participations[o.who % participations.length]} and target_group_id = ${targetGroups[o.group % targetGroups.length]}`;
      return;
  }
}

describe("the counts kept for a consultation's report (issue #10)", () => {
  it("start equal to a count over the demo's records", async () => {
    expect(participations.length).toBeGreaterThan(2);
    expect(targetGroups.length).toBeGreaterThan(1);
    const counts = await kept(consultationId);
    expect(counts.length).toBeGreaterThan(10);
    expect(counts).toEqual(await recount(consultationId));
  });

  it("stay equal to it after random inserts, moderation, tagging, answers and group changes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const o of ops) await apply(o);
        expect(await kept(consultationId)).toEqual(await recount(consultationId));
      }),
      { numRuns: 25 },
    );
  });

  it("stay equal when a participation, a target group and an input with replies and an answer are deleted", async () => {
    // A deleted participation's inputs lose their author (on delete set null) and its groups go (cascade).
    const [withInputs] = await sql<{ id: string }[]>`
      select participation_id as id from inputs where consultation_id = ${consultationId} and status = 'published' and participation_id is not null
        and participation_id in (select participation_id from participation_groups) limit 1`;
    expect(withInputs).toBeDefined();
    await sql`delete from participations where id = ${withInputs.id}`;
    expect(await kept(consultationId)).toEqual(await recount(consultationId));
    await sql`delete from target_groups where id = ${targetGroups[0]}`;
    expect(await kept(consultationId)).toEqual(await recount(consultationId));
    // An answered, published input with replies: its replies and its answer go with it.
    const [answered] = await sql<{ id: string }[]>`
      select i.id from inputs i join responses r on r.input_id = i.id
      where i.consultation_id = ${consultationId} and i.status = 'published' and i.parent_id is null
      order by (select count(*) from inputs c where c.parent_id = i.id) desc limit 1`;
    await sql`delete from inputs where id = ${answered.id}`;
    expect(await kept(consultationId)).toEqual(await recount(consultationId));
  });

  it("go with a deleted consultation, and many writers at once neither deadlock nor lose a count", async () => {
    const [other] = await sql<{ id: string }[]>`
      insert into consultations (deployment_id, lifecycle_stage, slug, title, summary, lang, status)
      select deployment_id, lifecycle_stage, 'counts-other', 'Counts', 'For the counts test', 'en', 'open' from consultations where id = ${consultationId}
      returning id`;
    // Eight transactions at once, each writing two inputs in two statements and answering one of them.
    await Promise.all(
      Array.from({ length: 8 }, (_, w) =>
        sql.begin(async (tx) => {
          for (const c of [consultationId, other.id]) {
            const [row] = await tx<{ id: string }[]>`
              insert into inputs (consultation_id, kind, lang, body, concerns, attribution, idempotency_key)
              values (${c}, 'comment', 'en', 'Written at once.', '{fairness}', 'pseudonymous', ${`at-once-${w}-${c}`}) returning id`;
            await tx`insert into responses (input_id, consultation_id, decision, reason, lang, batch_id)
              values (${row.id}, ${c}, 'adopted', 'Written at once.', 'en', ${crypto.randomUUID()})`;
          }
        }),
      ),
    );
    expect(await kept(consultationId)).toEqual(await recount(consultationId));
    expect(await kept(other.id)).toEqual(await recount(other.id));
    expect(await kept(other.id)).toContain("method|individual|8");
    await sql`delete from consultations where id = ${other.id}`;
    expect(await sql`select 1 from consultation_counts where consultation_id = ${other.id}`).toHaveLength(0);
  });
});
