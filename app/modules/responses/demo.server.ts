import { sql as pool, type Sql } from "../../../db/client";
import type { ResponseDecision } from "./constants";
import { answerContest, contestResponse } from "./contests.server";
import { getResponseConsultation, respondToInputs } from "./responses.server";

// The demo's published answers (DESIGN.md contract "demo": "published responses to them"), given through
// the same function staff use, by the demo consultation lead, each pointing to the impacts it changed.

/** Demo answers by the idempotency keys of the demo inputs, with the numbers of the impacts they changed. */
const ANSWERS: { keys: string[]; decision: ResponseDecision; impacts: number[]; reason: string }[] = [
  {
    keys: ["demo-comment-0", "demo-reply-0", "demo-offline-0"],
    decision: "adopted",
    impacts: [2],
    reason:
      "You showed that different spellings of a name, missing ID cards and village names the form does not know look like fraud to the score. Caseworkers will now correct these before any score is given; this is a condition of the pilot (impact 2).",
  },
  {
    keys: ["demo-comment-1", "demo-joint-0"],
    decision: "adopted",
    impacts: [3],
    reason:
      "The staff instructions now say in writing that no caseworker is judged on how often they agree with the score, that every decision on a flagged file needs a written reason, and override counts will be published every quarter. The union confirmed the wording (impact 3).",
  },
  {
    keys: ["demo-comment-2"],
    decision: "partly_adopted",
    impacts: [2],
    reason:
      "Seasonal income is now named as a cause of false flags, and caseworkers will check it before scoring. We have not yet changed the model itself; the re-test before the pilot will measure flags for farming households separately.",
  },
  {
    keys: ["demo-comment-3", "demo-reply-1"],
    decision: "adopted",
    impacts: [1],
    reason:
      "An independent re-test per group, published in full, is now a condition before the pilot: if refugee households are flagged more than 1.25 times as often as others, the pilot does not start (impact 1).",
  },
  {
    keys: ["demo-comment-4", "demo-offline-1"],
    decision: "adopted",
    impacts: [4],
    reason:
      "The right to be examined without a score, and to a review, will be announced on radio and at district offices in Swahili, French and Arabic, and printed on the application form (impact 4).",
  },
  {
    keys: ["demo-comment-5"],
    decision: "partly_adopted",
    impacts: [4],
    reason:
      "Reviews in person with a sign-language interpreter will be offered at every district office. The 15-day deadline will start when the person has been reached, but only after the law is amended; until then the Ombudsperson accepts late requests.",
  },
  {
    keys: ["demo-joint-1"],
    decision: "partly_adopted",
    impacts: [3],
    reason:
      "Training before the pilot is agreed: two days for every caseworker in the pilot districts. The extra staff time you asked for is being negotiated with the Ministry of Finance and is not yet decided.",
  },
];

/** Answers the demo inputs once; a second run finds them answered and changes nothing. */
export async function seedDemoResponses(input: { consultationId: string }, db: Sql = pool): Promise<void> {
  const [answered] = await db`select 1 from responses where consultation_id = ${input.consultationId} limit 1`;
  if (answered) return;
  const [lead] = await db<{ id: string }[]>`select id from users where email = 'lead@demo.invalid'`;
  const [c] = await db<{ slug: string }[]>`select slug from consultations where id = ${input.consultationId}`;
  const consultation = await getResponseConsultation(c.slug, db);
  const inputs = new Map(
    (await db<{ id: string; idempotencyKey: string }[]>`
      select id, idempotency_key from inputs where consultation_id = ${input.consultationId} and status = 'published'`).map((r) => [r.idempotencyKey, r.id]),
  );
  const impacts = new Map(
    (await db<{ id: string; number: number }[]>`
      select m.id, m.number from impacts m join assessments a on a.id = m.assessment_id where a.deployment_id = ${consultation.deploymentId}`).map((r) => [r.number, r.id]),
  );
  for (const a of ANSWERS) {
    const inputIds = a.keys.map((k) => inputs.get(k)).filter((id): id is string => !!id);
    if (!inputIds.length) continue;
    const impactIds = a.impacts.map((n) => impacts.get(n)).filter((id): id is string => !!id);
    const result = await respondToInputs({ consultation, inputIds, decision: a.decision, reason: a.reason, impactIds, actorId: lead?.id ?? null }, db);
    if (!result.ok) throw new Error(`demo responses refused: ${result.error}`);
  }
}

/**
 * One demo answer contested by its author and answered again (issue #8 "demo data"): through the same
 * functions the author and the lead use; a second run finds the contest and changes nothing.
 */
export async function seedDemoContest(input: { consultationId: string }, db: Sql = pool): Promise<void> {
  const [done] = await db`select 1 from contests where consultation_id = ${input.consultationId} limit 1`;
  if (done) return;
  const [target] = await db<{ inputId: string; userId: string }[]>`
    select i.id as input_id, p.user_id from inputs i join participations p on p.id = i.participation_id
    join responses r on r.input_id = i.id
    where i.consultation_id = ${input.consultationId} and i.idempotency_key = 'demo-comment-2'`;
  const [lead] = await db<{ id: string }[]>`select id from users where email = 'lead@demo.invalid'`;
  if (!target || !lead) return;
  const [c] = await db<{ slug: string }[]>`select slug from consultations where id = ${input.consultationId}`;
  const consultation = await getResponseConsultation(c.slug, db);
  const contested = await contestResponse(
    {
      consultation,
      inputId: target.inputId,
      userId: target.userId,
      reason:
        "Checking seasonal income by hand does not fix a model that learned that farming households are suspicious. If the model is not changed, the caseworkers will be correcting the same false flags every harvest.",
    },
    db,
  );
  if (!contested.ok) throw new Error(`demo contest refused: ${contested.error}`);
  const [contest] = await db<{ id: string }[]>`select id from contests where consultation_id = ${input.consultationId} limit 1`;
  const answered = await answerContest(
    {
      consultation,
      contestId: contest.id,
      outcome: "changed",
      decision: "adopted",
      reason:
        "You are right that hand checks alone leave the cause in place. Before the pilot the model will be retrained with income averaged over twelve months, and the re-test will report false flags for farming households separately; the pilot does not start if they are flagged more often than others (impact 2).",
      actorId: lead.id,
    },
    db,
  );
  if (!answered.ok) throw new Error(`demo contest answer refused: ${answered.error}`);
}
