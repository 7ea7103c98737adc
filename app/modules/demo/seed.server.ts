import { sql as pool, type Sql } from "../../../db/client";
import { seedDemoConsultation } from "../consultations/demo.server";
import { seedDemoDeployment } from "../deployments/demo.server";

/** Loads the demo data in one transaction; running it again changes nothing (contract "demo"). */
export async function seedDemo(db: Sql = pool): Promise<void> {
  await db.begin(async (tx) => {
    const { deploymentId } = await seedDemoDeployment(tx);
    await seedDemoConsultation({ deploymentId }, tx);
  });
}

/** Whether the database holds no consultation yet: then `npm start` loads the demo unless DEMO=0. */
export async function isEmptyDatabase(db: Sql = pool): Promise<boolean> {
  const [row] = await db`select exists (select 1 from consultations) as any`;
  return !row.any;
}
