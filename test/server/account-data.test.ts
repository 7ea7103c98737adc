import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../db/client";
import { Client, csrfFrom, startTestServer } from "../helpers/server";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const inputsEn = JSON.parse(fs.readFileSync("locales/en/inputs.json", "utf8"));

async function participantWithComment(pseudonym: string, body: string) {
  const c = new Client(server.url);
  await c.post("/c/demo/join", { pseudonym, consent: "yes" });
  const html = (await c.get("/c/demo")).text;
  const key = html.match(/name="idempotencyKey" value="([^"]+)"/)![1];
  expect((await c.post("/c/demo?index", { body, attribution: "pseudonymous", idempotencyKey: key }, { csrf: csrfFrom(html) })).status).toBe(303);
  return c;
}

describe("my data (000 §57(n); 001 §66(f))", () => {
  it("downloads everything held about the person, and nothing about anyone else", async () => {
    const c = await participantWithComment("Exporter", "My words to export.");
    const res = await fetch(`${server.url}/account/export.json`, { headers: { cookie: c.cookieHeader() } });
    expect(res.headers.get("content-disposition")).toContain("attachment");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.json();
    expect(body.account).toMatchObject({ kind: "participant", displayName: "Exporter", email: null });
    expect(body.participations).toEqual([expect.objectContaining({ consultation: "demo", pseudonym: "Exporter", consentVersion: expect.any(String) })]);
    expect(body.inputs.map((i: { body: string }) => i.body)).toEqual(["My words to export."]);
    expect(JSON.stringify(body)).not.toContain("Amina K.");
    expect((await new Client(server.url).get("/account/export.json")).status).toBe(303);
  });

  it("refuses to delete without the confirmation, and deletes nothing", async () => {
    const c = await participantWithComment("Hesitant", "Still here.");
    const res = await c.post("/account", { intent: "delete" });
    expect(res.status).toBe(400);
    expect(await sql`select 1 from users where display_name = 'Hesitant'`).toHaveLength(1);
  });

  it("deletes the account and its sessions; the comment stays, from a withdrawn participant", async () => {
    const c = await participantWithComment("Leaver", "Words that stay after I leave.");
    const res = await c.post("/account", { intent: "delete", confirm: "yes" });
    expect(res.status).toBe(303);
    expect(await sql`select 1 from users where display_name = 'Leaver'`).toHaveLength(0);
    expect(await sql`select 1 from participations where pseudonym = 'Leaver'`).toHaveLength(0);
    // The old session cookie is dead.
    const old = new Client(server.url);
    old.cookies.set("sid", c.cookies.get("sid") ?? "gone-anyway-xxxxxxxxxxxxxxxx");
    expect((await old.get("/account")).status).toBe(303);
    const page = (await new Client(server.url, { "save-data": "on" }).get("/c/demo")).text;
    expect(page).toContain("Words that stay after I leave.");
    expect(page).toContain(inputsEn.board.withdrawnParticipant);
    expect(page).not.toContain("Leaver");
  });

  it("withdraws the person's comments too when asked", async () => {
    const c = await participantWithComment("Withdrawer", "Words I take back.");
    expect((await c.post("/account", { intent: "delete", confirm: "yes", withdraw: "yes" })).status).toBe(303);
    const page = (await new Client(server.url, { "save-data": "on" }).get("/c/demo")).text;
    expect(page).not.toContain("Words I take back.");
    expect(page).toContain(inputsEn.board.withdrawn);
  });
});
