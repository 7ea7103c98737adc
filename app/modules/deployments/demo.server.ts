import type { Db } from "../../../db/client";

// A fictional government and system, realistic in every detail (DESIGN.md contract "demo"): an
// eligibility and fraud-risk scorer for a cash-transfer programme, the kind of high-risk public-sector
// system 001 §16 and 003 pt2 single out.
export const DEMO_ORGANISATION = "Ministry of Social Protection, Republic of Kalindi (fictional)";

/** Inserts the demo organisation and deployment when missing; returns their ids. Idempotent. */
export async function seedDemoDeployment(db: Db): Promise<{ organisationId: string; deploymentId: string }> {
  await db`insert into organisations (name) values (${DEMO_ORGANISATION}) on conflict (name) do nothing`;
  const [org] = await db<{ id: string }[]>`select id from organisations where name = ${DEMO_ORGANISATION}`;
  await db`
    insert into deployments (slug, organisation_id, name, purpose, sector, lifecycle_stage, high_risk, status, lang)
    values (
      'demo', ${org.id},
      'Household Benefit Eligibility Scoring (HBES)',
      ${"The Ministry plans to use a statistical model to rank new applications to the Household Cash Transfer " +
        "programme by predicted eligibility, and to flag about 4% of applications for a manual fraud review. " +
        "The aim is to cut the average decision time from 94 days to under 30 for the 1.2 million households " +
        "who apply each year. Caseworkers would still sign every decision; the model would decide the order in " +
        "which applications are examined and which ones are checked more closely."},
      'social_protection', 'procurement', true, 'published', 'en')
    on conflict (slug) do nothing`;
  const [deployment] = await db<{ id: string }[]>`select id from deployments where slug = 'demo'`;
  return { organisationId: org.id, deploymentId: deployment.id };
}
