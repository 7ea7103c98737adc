import { describe, expect, it } from "vitest";
import { sql } from "../../../db/client";
import { isEmptyDatabase, seedDemo } from "../../../app/modules/demo/seed.server";

describe("seedDemo", () => {
  it("loads an open demo consultation on a published, high-risk deployment, and a second run changes nothing", async () => {
    expect(await isEmptyDatabase()).toBe(true);
    await seedDemo();
    const count = async () =>
      (await sql<{ n: number }[]>`select (select count(*) from organisations) + (select count(*) from deployments) + (select count(*) from consultations) as n`)[0].n;
    const first = Number(await count());
    await seedDemo();
    expect(Number(await count())).toBe(first);
    expect(await isEmptyDatabase()).toBe(false);
    const [c] = await sql`
      select c.status, d.high_risk, d.status as deployment_status, c.closes_at > now() as open_now
      from consultations c join deployments d on d.id = c.deployment_id where c.slug = 'demo' and d.slug = 'demo'`;
    expect(c).toEqual({ status: "open", highRisk: true, deploymentStatus: "published", openNow: true });
  });
});
