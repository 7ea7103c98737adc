import { sql as pool, type Sql } from "../../../db/client";
import { seedDemoAssessment } from "../assessment/demo.server";
import { seedDemoGrievances } from "../grievances/demo.server";
import { seedDemoContest, seedDemoResponses } from "../responses/demo.server";
import { seedDemoBriefing } from "../consultations/briefing-demo.server";
import { seedDemoConsultation } from "../consultations/demo.server";
import { seedDemoTranslations } from "../consultations/demo-translations";
import { seedDemoInputTranslations } from "../consultations/demo-translations/inputs";
import { seedDemoDeployment } from "../deployments/demo.server";
import type { ConsultationSummary } from "../consultations/consultations.server";
import { seedDemoGroup } from "../groups/demo.server";
import { seedDemoInputs } from "../inputs/demo.server";

/**
 * Loads the demo data; running it again changes nothing (contract "demo"). Each step is idempotent and
 * transactional on its own (publishing a dossier version is), so an interrupted run is finished by the next.
 */
export async function seedDemo(db: Sql = pool): Promise<void> {
  const { deploymentId, organisationId } = await seedDemoDeployment(db);
  const { consultationId } = await seedDemoConsultation({ deploymentId }, db);
  await seedDemoBriefing({ consultationId }, db);
  await seedDemoTranslations({ consultationId }, db);
  // One transaction: the demo's participants and their comments arrive together or not at all.
  await db.begin((tx) => seedDemoInputs({ consultationId }, tx));
  // Some of them read across languages (issue #9).
  await seedDemoInputTranslations({ consultationId }, db);
  // The union's joint submission, also all or nothing.
  const [consultation] = await db<{ id: string; status: ConsultationSummary["status"]; opensAt: Date | null; closesAt: Date | null; lang: string }[]>`
    select id, status, opens_at, closes_at, lang from consultations where id = ${consultationId}`;
  await db.begin((tx) => seedDemoGroup({ consultation }, tx));
  // The published impact assessment, its impacts linked to the inputs above (each step its own transaction).
  await seedDemoAssessment({ slug: "demo", organisationId, consultationId }, db);
  // "You said, we did": a public answer to each demo input, pointing to the impacts it changed.
  await seedDemoResponses({ consultationId }, db);
  // One answer contested by its author and answered again; two grievances about the system.
  await seedDemoContest({ consultationId }, db);
  await seedDemoGrievances({ slug: "demo" }, db);
}

/** Whether the database holds no consultation yet: then `npm start` loads the demo unless DEMO=0. */
export async function isEmptyDatabase(db: Sql = pool): Promise<boolean> {
  const [row] = await db`select exists (select 1 from consultations) as any`;
  return !row.any;
}
