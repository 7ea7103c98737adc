import { sql as pool, type Sql } from "../../../db/client";
import { stagedStates } from "./constants";
import { advanceGrievance, fileGrievance, getGrievanceDeployment, getStages, saveStages, type Stages } from "./grievances.server";

// The demo's grievance channel (issue #8 "demo data": two grievances in different states): the ministry's
// steps and time limits, one opt-out request decided and closed, one complaint under review. Filed and
// moved on through the same functions the public and the staff use.

const DEMO_STAGES: Stages = {
  received: { entity: "Grievance desk, Ministry of Social Protection", days: 5 },
  acknowledged: { entity: "Grievance desk, Ministry of Social Protection", days: 10 },
  under_review: { entity: "Benefits Review Committee (two members from outside the HBES team)", days: 30 },
  decided: { entity: "Independent Social Protection Appeals Board", days: 30 },
  appealed: { entity: "Independent Social Protection Appeals Board", days: 30 },
};

/** Seeds the demo grievances once; a second run finds them and changes nothing. */
export async function seedDemoGrievances(input: { slug: string }, db: Sql = pool): Promise<void> {
  const deployment = await getGrievanceDeployment(input.slug, db);
  const [any] = await db`select 1 from grievances where deployment_id = ${deployment.id} limit 1`;
  if (any) return;
  const [lead] = await db<{ id: string }[]>`select id from users where email = 'lead@demo.invalid'`;
  if (!lead) return;
  const [{ n }] = await db<{ n: number }[]>`select count(*)::int as n from grievance_stages where organisation_id = ${deployment.organisationId}`;
  if (n < stagedStates.length) await saveStages({ organisationId: deployment.organisationId, stages: DEMO_STAGES, contestDays: 30, actorId: lead.id }, db);

  const file = async (kind: "opt_out" | "harm", lang: string, body: string, source: string) => {
    const r = await fileGrievance({ kind, lang: lang as "fr", body, deployment, userId: null, sourceHash: source }, db);
    if (!r.ok) throw new Error(`demo grievance refused: ${r.error}`);
    const [g] = await db<{ id: string }[]>`select id from grievances where reference = ${r.reference}`;
    return g.id;
  };
  const step = async (id: string, action: "acknowledge" | "review" | "decide" | "close", extra: { note?: string; outcome?: "upheld"; reason?: string; remedy?: string } = {}) => {
    const [g] = await db<{ revision: number }[]>`select revision from grievances where id = ${id}`;
    const r = await advanceGrievance({ id, action, revision: g.revision, actorId: lead.id, ...extra }, db);
    if (!r.ok) throw new Error(`demo grievance step refused: ${r.error}`);
  };

  // An opt-out request (003 pt5), in French: granted, with what will be done, then closed.
  const optOut = await file(
    "opt_out",
    "fr",
    "Je demande que le dossier de mon ménage ne soit pas noté par le système HBES lorsque le projet pilote commencera dans mon district. Je souhaite qu'un agent examine notre demande d'allocation lui-même, comme aujourd'hui.",
    "demo-source-1",
  );
  await step(optOut, "acknowledge", { note: "Nous avons bien reçu votre demande." });
  await step(optOut, "review");
  await step(optOut, "decide", {
    outcome: "upheld",
    reason: "Toute personne peut demander à être examinée sans score pendant le pilote ; votre demande remplit cette condition.",
    remedy: "Votre dossier est marqué « examen par un agent uniquement ». Aucun score ne sera calculé pour votre ménage pendant le pilote.",
  });
  await step(optOut, "close", { note: "La mesure est en place. Ce dossier est clos." });

  // A complaint about the test on last year's files, in English: acknowledged and under review.
  const harm = await file(
    "harm",
    "en",
    "During the test of the score on last year's files, our household was listed as 'high risk' and an inspector visited us in front of the neighbours. We were never told why, and people in the village now say we cheated. We want to know what the score used and to have the record removed.",
    "demo-source-2",
  );
  await step(harm, "acknowledge", { note: "Thank you. The Benefits Review Committee will look at what the test recorded about your household." });
  await step(harm, "review");
}
