import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../db/client";
import { Client, csrfFrom, esc, startTestServer } from "../helpers/server";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const en = JSON.parse(fs.readFileSync("locales/en/inputs.json", "utf8"));
async function joined(pseudonym: string) {
  const c = new Client(server.url);
  expect((await c.post("/c/demo/join", { pseudonym, consent: "yes" })).status).toBe(303);
  return c;
}
const draftForm = (page: string) => ({
  revision: page.match(/name="revision" value="(\d+)"/)![1],
});

describe("groups and joint submissions", () => {
  let coordinator: Client;
  let member: Client;
  let groupPage: string;

  it("shows the demo union's joint submission in the union's name, with its endorsements", async () => {
    const board = (await new Client(server.url, { "save-data": "on" }).get("/c/demo")).text;
    expect(board).toContain(esc("Joint submission of Public Service Workers' Union, Kalindi Social Protection Branch (trade union)"));
    expect(board).toContain("endorsed by 3 of 3 members");
    expect(board).toContain("A caseworker&#x27;s decision must stay a decision");
  });

  it("starts a group, refusing a bad or taken name with the text kept", async () => {
    coordinator = await joined("Coalition Coordinator");
    const bad = await coordinator.post("/c/demo/groups", { intent: "create", name: "<", kind: "coalition" });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain(esc(en.groups.errors.name));
    const taken = await coordinator.post("/c/demo/groups", { intent: "create", name: "public service workers' union, kalindi social protection branch", kind: "union" });
    expect(taken.status).toBe(409);
    expect(taken.text).toContain(esc(en.groups.errors.nameTaken));
    const ok = await coordinator.post("/c/demo/groups", { intent: "create", name: "Coalition for Fair Welfare", kind: "coalition" });
    expect(ok.status).toBe(303);
    groupPage = ok.headers.get("location")!;
    expect(groupPage).toMatch(/^\/c\/demo\/groups\/[0-9a-f-]{36}$/);
  });

  it("lets members in by code only, typed any way, and hides the group from everyone else", async () => {
    const page = (await coordinator.get(groupPage)).text;
    const code = page.match(/class="code" translate="no">([A-Z2-9]{4}-[A-Z2-9]{4})</)![1];
    member = await joined("Coalition Member");
    const wrong = await member.post("/c/demo/groups", { intent: "join", code: "ZZZZ-ZZZZ" });
    expect(wrong.status).toBe(404);
    expect(wrong.text).toContain(esc(en.groups.errors.codeUnknown));
    expect((await member.get(groupPage)).status).toBe(404);
    const ok = await member.post("/c/demo/groups", { intent: "join", code: ` ${code.toLowerCase().replace("-", "")} ` });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe(groupPage);
    const asMember = (await member.get(groupPage)).text;
    expect(asMember).toContain("Coalition Coordinator");
    // Only coordinators see the code.
    expect(asMember).not.toContain(code);
    expect((await new Client(server.url).get(groupPage)).status).toBe(303);
  });

  it("never overwrites a newer draft: a stale save comes back with its text kept", async () => {
    const first = (await coordinator.get(groupPage)).text;
    const { revision } = draftForm(first);
    const csrf = csrfFrom(first);
    const fields = (body: string, rev: string) => ({
      intent: "save",
      revision: rev,
      title: "Fair welfare coalition: our joint position",
      "sectionHeading[]": ["Publish the audit"],
      "sectionRef[]": ["question:Q3"],
      "sectionBody[]": [body],
    });
    expect((await coordinator.post(groupPage, fields("Publish the full bias audit before any pilot.", revision), { csrf })).status).toBe(303);
    const stale = await member.post(groupPage, fields("My competing words, typed at the same time.", revision), { csrf: csrfFrom((await member.get(groupPage)).text) });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain(esc(en.groups.errors.stale));
    expect(stale.text).toContain("My competing words, typed at the same time.");
    expect(stale.text).toContain("Publish the full bias audit before any pilot.");
    const [draft] = await sql`select sections from joint_drafts d join groups g on g.id = d.group_id where g.name = 'Coalition for Fair Welfare'`;
    expect(draft.sections[0].body).toBe("Publish the full bias audit before any pilot.");
  });

  it("submits the endorsed words as the group's input; later changes are a new version, the first stays", async () => {
    expect((await member.post(groupPage, { intent: "submit" })).status).toBe(403);
    expect((await member.post(groupPage, { intent: "endorse" })).status).toBe(303);
    expect((await coordinator.post(groupPage, { intent: "submit" })).status).toBe(303);
    const again = await coordinator.post(groupPage, { intent: "submit" });
    expect(again.status).toBe(409);
    expect(again.text).toContain(esc(en.groups.errors.unchanged));

    let board = (await new Client(server.url, { "save-data": "on" }).get("/c/demo")).text;
    expect(board).toContain("Joint submission of Coalition for Fair Welfare (coalition)");
    expect(board).toContain("endorsed by 2 of 2 members");

    // The coordinator changes the words: the member's endorsement was for the old ones.
    const page = (await coordinator.get(groupPage)).text;
    await coordinator.post(
      groupPage,
      { intent: "save", revision: draftForm(page).revision, title: "Fair welfare coalition: our joint position", "sectionHeading[]": ["Publish the audit"], "sectionRef[]": [""], "sectionBody[]": ["Publish the full bias audit, per group, before any pilot."] },
      { csrf: csrfFrom(page) },
    );
    expect((await coordinator.post(groupPage, { intent: "submit" })).status).toBe(303);
    const versions = await sql`
      select s.version, s.endorsements, s.members, i.body from joint_submissions s join groups g on g.id = s.group_id join inputs i on i.submission_id = s.id
      where g.name = 'Coalition for Fair Welfare' order by s.version`;
    expect(versions).toEqual([
      { version: 1, endorsements: 2, members: 2, body: "Publish the audit\n\nPublish the full bias audit before any pilot." },
      { version: 2, endorsements: 1, members: 2, body: "Publish the audit\n\nPublish the full bias audit, per group, before any pilot." },
    ]);
    board = (await new Client(server.url, { "save-data": "on" }).get("/c/demo")).text;
    expect(board).toContain("endorsed by 1 of 2 members");
    const [row] = await sql`select kind, participation_id, attribution from inputs i join joint_submissions s on s.id = i.submission_id where s.version = 2`;
    expect(row).toEqual({ kind: "joint_section", participationId: null, attribution: "named" });
  });

  it("refuses to submit an empty draft", async () => {
    const lone = await joined("Lone Organiser");
    const created = await lone.post("/c/demo/groups", { intent: "create", name: "Empty Handed Group", kind: "community" });
    const res = await lone.post(created.headers.get("location")!, { intent: "submit" });
    expect(res.status).toBe(400);
    expect(res.text).toContain(esc(en.groups.errors.empty));
  });
});
