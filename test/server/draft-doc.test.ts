import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { sql } from "../../db/client";
import { Client, signedInAdmin, startTestServer } from "../helpers/server";
import { connectDoc, rawSocket, until } from "../helpers/yjs";

// Issue #6: a group's joint submission as a written doc, `draft:<id>`: members only, every update stored
// before anyone else sees it, compacted, shared across processes, and safe against hostile clients.

let server: Awaited<ReturnType<typeof startTestServer>>;
const cleanups: (() => void)[] = [];
let coordinator: Client;
let member: Client;
let outsider: Client;
let draft: string;

beforeAll(async () => {
  server = await startTestServer({ yjs: { compactAfter: 50, sessionCheckMs: 200, maxUpdatesPer10s: 200, maxDocBytes: 300_000 } });
  const join = async (pseudonym: string) => {
    const c = new Client(server.url);
    await c.post("/c/demo/join", { pseudonym, consent: "yes" });
    return c;
  };
  coordinator = await join("Draft Coordinator");
  member = await join("Draft Member");
  outsider = await join("Not In The Group");
  const created = await coordinator.post("/c/demo/groups", { intent: "create", name: "Drafting Circle", kind: "coalition" });
  const page = (await coordinator.get(created.headers.get("location")!)).text;
  draft = page.match(/data-ydoc="draft:([0-9a-f-]{36})"/)![1];
  const code = page.match(/class="code" translate="no">([A-Z2-9-]{9})</)![1];
  await member.post("/c/demo/groups", { intent: "join", code });
});
afterAll(async () => {
  for (const c of cleanups) c();
  await server?.close();
});

function open(client: Client | null, base = server.url) {
  const c = connectDoc(base, `draft:${draft}`, client?.cookieHeader());
  cleanups.push(() => c.provider.destroy());
  return c;
}
const stored = async () => Number((await sql<{ n: number }[]>`select count(*)::int as n from ydoc_updates where doc = ${`draft:${draft}`}`)[0].n);

describe("draft docs (joint submissions)", () => {
  it("lets members co-edit, and relays an update only once it is stored", async () => {
    const a = open(coordinator);
    const b = open(member);
    await Promise.all([a.synced, b.synced]);
    let storedWhenSeen = -1;
    b.doc.getText("section-1").observe(() => {
      if (storedWhenSeen < 0) void stored().then((n) => (storedWhenSeen = n));
    });
    a.doc.getText("section-1").insert(0, "Publish the bias audit in full.");
    await until(() => b.doc.getText("section-1").toString() === "Publish the bias audit in full.");
    await until(() => storedWhenSeen >= 0);
    expect(storedWhenSeen).toBeGreaterThan(0);
    b.doc.getText("section-1").insert(0, "First: ");
    await until(() => a.doc.getText("section-1").toString() === "First: Publish the bias audit in full.");
    a.provider.destroy();
    b.provider.destroy();
  });

  it("refuses people who are not members, and anyone signed out, with named codes", async () => {
    expect(await rawSocket(server.url, `/yjs/draft:${draft}`)).toEqual({ closed: 4401, reason: "sign in to open this document" });
    expect((await rawSocket(server.url, `/yjs/draft:${draft}`, outsider.cookieHeader())).closed).toBe(4403);
    expect((await rawSocket(server.url, "/yjs/draft:00000000-0000-4000-8000-000000000000", coordinator.cookieHeader())).closed).toBe(4403);
    // A page of another site cannot open it with the member's cookies.
    const foreign = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${server.url.replace("http", "ws")}/yjs/draft:${draft}`, { headers: { cookie: coordinator.cookieHeader(), origin: "https://evil.example" } });
      ws.on("close", (code) => resolve(code));
    });
    expect(foreign).toBe(4403);
  });

  it("keeps the text after everyone has left, compacting many updates into a snapshot", async () => {
    const a = open(coordinator);
    await a.synced;
    const text = a.doc.getText("section-2");
    for (let i = 0; i < 80; i++) text.insert(text.length, `${i % 10}`);
    await until(async () => (await sql`select 1 from ydoc_snapshots where doc = ${`draft:${draft}`}`).length > 0);
    a.provider.destroy();
    // Everyone has left: the doc is unloaded, and comes back from the database.
    await until(() => server && true);
    await new Promise((r) => setTimeout(r, 200));
    const again = open(member);
    await again.synced;
    expect(again.doc.getText("section-1").toString()).toBe("First: Publish the bias audit in full.");
    expect(again.doc.getText("section-2").toString()).toBe("01234567890123456789012345678901234567890123456789012345678901234567890123456789");
    expect(await stored()).toBeLessThan(80);
    again.provider.destroy();
  });

  it("shows presence as a pseudonym and a colour only, and records whose client wrote", async () => {
    const a = open(coordinator);
    const b = open(member);
    await Promise.all([a.synced, b.synced]);
    a.provider.awareness.setLocalState({ user: { name: "Someone Else", email: "me@example.org" }, cursor: { anchor: 1, head: 2 } });
    const seen = await until(() => b.provider.awareness.getStates().get(a.doc.clientID) as { user: { name: string; color: string }; email?: string; cursor?: unknown } | undefined);
    expect(seen.user.name).toBe("Draft Coordinator");
    expect(seen.user.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(JSON.stringify(seen)).not.toContain("me@example.org");
    expect(seen.cursor).toEqual({ anchor: 1, head: 2 });
    const [client] = await until(async () => {
      const rows = await sql<{ pseudonym: string }[]>`
        select p.pseudonym from ydoc_clients c join participations p on p.id = c.participation_id
        where c.doc = ${`draft:${draft}`} and c.client_id = ${a.doc.clientID}`;
      return rows.length ? rows : undefined;
    });
    expect(client.pseudonym).toBe("Draft Coordinator");
    // B passes on A's presence as if newer (y-websocket relays what it knows when asked; a hostile client
    // could do it on purpose): A keeps its own name, and A's client id is never credited to B.
    const states = encoding.createEncoder();
    encoding.writeVarUint(states, 1);
    encoding.writeVarUint(states, a.doc.clientID);
    encoding.writeVarUint(states, (b.provider.awareness.meta.get(a.doc.clientID)?.clock ?? 0) + 5);
    encoding.writeVarString(states, JSON.stringify({ cursor: { anchor: 9, head: 9 } }));
    const relay = encoding.createEncoder();
    encoding.writeVarUint(relay, 1);
    encoding.writeVarUint8Array(relay, encoding.toUint8Array(states));
    b.provider.ws!.send(encoding.toUint8Array(relay));
    await new Promise((r) => setTimeout(r, 200));
    const c = open(coordinator);
    await c.synced;
    const names = await until(() => {
      const states = c.provider.awareness.getStates() as Map<number, { user?: { name: string } }>;
      const a1 = states.get(a.doc.clientID)?.user?.name;
      return a1 ? { a: a1 } : undefined;
    });
    expect(names.a).toBe("Draft Coordinator");
    const owners = await sql<{ pseudonym: string }[]>`
      select p.pseudonym from ydoc_clients x join participations p on p.id = x.participation_id
      where x.doc = ${`draft:${draft}`} and x.client_id = ${a.doc.clientID}`;
    expect(owners.map((o) => o.pseudonym)).toEqual(["Draft Coordinator"]);
    a.provider.destroy();
    b.provider.destroy();
    c.provider.destroy();
  });

  it.runIf(process.env.DATABASE_URL)("reaches a client of another server process on the same database", async () => {
    const other = await startTestServer();
    try {
      const a = open(coordinator);
      const b = connectDoc(other.url, `draft:${draft}`, member.cookieHeader());
      cleanups.push(() => b.provider.destroy());
      await Promise.all([a.synced, b.synced]);
      a.doc.getText("section-3").insert(0, "Written on one server, read on the other.");
      await until(() => b.doc.getText("section-3").toString() === "Written on one server, read on the other.");
      a.provider.destroy();
      b.provider.destroy();
    } finally {
      await other.close();
    }
  });

  it("closes a connection whose session has ended", async () => {
    const leaving = new Client(server.url);
    await leaving.post("/c/demo/join", { pseudonym: "Leaves Midway", consent: "yes" });
    // Joins the group, connects, then is signed out everywhere.
    const [{ inviteCode: code }] = await sql<{ inviteCode: string }[]>`select invite_code from groups where name = 'Drafting Circle'`;
    await leaving.post("/c/demo/groups", { intent: "join", code });
    const { ws } = await rawSocket(server.url, `/yjs/draft:${draft}`, leaving.cookieHeader());
    expect(ws).toBeDefined();
    const closed = new Promise<number>((resolve) => ws!.on("close", (c) => resolve(c)));
    await sql`delete from sessions where user_id = (select user_id from participations where pseudonym = 'Leaves Midway')`;
    expect(await closed).toBe(4401);
  });

  it("drops a flood, an oversized message and random bytes, and stays up with the text intact", async () => {
    // A flood of valid updates: past the limit the connection is closed with 4429.
    const { ws } = await rawSocket(server.url, `/yjs/draft:${draft}`, coordinator.cookieHeader());
    const closed = new Promise<number>((resolve) => ws!.on("close", (c) => resolve(c)));
    const local = new Y.Doc();
    local.on("update", (update: Uint8Array) => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      syncProtocol.writeUpdate(e, update);
      if (ws!.readyState === ws!.OPEN) ws!.send(encoding.toUint8Array(e));
    });
    for (let i = 0; i < 400 && ws!.readyState === ws!.OPEN; i++) local.getText("flood").insert(0, "x");
    expect(await closed).toBe(4429);

    // A doc may not grow past its limit (300 KB here): the update that would pass it is refused, 4413.
    const grower = await rawSocket(server.url, `/yjs/draft:${draft}`, coordinator.cookieHeader());
    const grown = new Promise<number>((resolve) => grower.ws!.on("close", (c) => resolve(c)));
    const growing = new Y.Doc();
    growing.on("update", (update: Uint8Array) => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      syncProtocol.writeUpdate(e, update);
      if (grower.ws!.readyState === grower.ws!.OPEN) grower.ws!.send(encoding.toUint8Array(e));
    });
    for (let i = 0; i < 4 && grower.ws!.readyState === grower.ws!.OPEN; i++) {
      growing.getText("big").insert(0, "y".repeat(100_000));
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await grown).toBe(4413);

    const big = await rawSocket(server.url, `/yjs/draft:${draft}`, coordinator.cookieHeader());
    const bigClosed = new Promise<number>((resolve) => big.ws!.on("close", (c) => resolve(c)));
    big.ws!.send(Buffer.alloc(600 * 1024, 1));
    expect(await bigClosed).toBe(1009);

    // Fuzz: random and mutated frames, bounded in count and time, on a draft and on a board.
    const valid = (() => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep1(e, new Y.Doc());
      return encoding.toUint8Array(e);
    })();
    const [{ id: demoId }] = await sql<{ id: string }[]>`select id from consultations where slug = 'demo'`;
    const started = Date.now();
    let sent = 0;
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed / 0x7fffffff);
    for (const path of [`/yjs/draft:${draft}`, `/yjs/board:${demoId}`]) {
      let socket: Awaited<ReturnType<typeof rawSocket>> = { closed: 0 };
      while (sent < 3000 && Date.now() - started < 10_000) {
        if (!socket.ws || socket.ws.readyState !== socket.ws.OPEN) socket = await rawSocket(server.url, path, coordinator.cookieHeader());
        if (!socket.ws) break;
        const frame = random() < 0.5 ? Uint8Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256)) : valid.map((b) => (random() < 0.2 ? Math.floor(random() * 256) : b));
        socket.ws.send(frame);
        sent++;
        if (sent % 50 === 0) await new Promise((r) => setTimeout(r, 5));
        if (sent % 1500 === 0) break;
      }
      socket.ws?.close();
    }
    expect(sent).toBeGreaterThan(1000);
    expect((await new Client(server.url).get("/healthz")).status).toBe(200);
    const again = open(member);
    await again.synced;
    expect(again.doc.getText("section-1").toString()).toBe("First: Publish the bias audit in full.");
    again.provider.destroy();
  });

  it("is the one place the group writes: a plain form's edit reaches live editors, and the editors' words reach the page", async () => {
    const a = open(coordinator);
    await a.synced;
    const groupPage = `/c/demo/groups/${(await sql`select group_id from joint_drafts where id = ${draft}`)[0].groupId}`;
    const html = (await member.get(groupPage)).text;
    const revision = html.match(/name="revision" value="(\d+)"/)![1];
    const saved = await member.post(groupPage, {
      intent: "save",
      revision,
      title: "Our joint position",
      "sectionHeading[]": ["Audit"],
      "sectionRef[]": ["question:Q3"],
      "sectionBody[]": ["Typed in a plain form, without JavaScript."],
    });
    expect(saved.status).toBe(303);
    await until(() => a.doc.getText("title").toString() === "Our joint position");
    const item = a.doc.getArray<Y.Map<unknown>>("items").get(0);
    expect(String(item.get("body"))).toBe("Typed in a plain form, without JavaScript.");
    expect(item.get("sectionRef")).toBe("question:Q3");

    // The live editor writes; a moment later the page without JavaScript shows it.
    (item.get("body") as Y.Text).insert(0, "Edited live. ");
    await until(async () => (await member.get(groupPage)).text.includes("Edited live. Typed in a plain form, without JavaScript."));

    // A malformed item (a number where words belong) is skipped and reported, never a crash.
    const bad = new Y.Map<unknown>();
    bad.set("id", "broken-item");
    bad.set("body", 12345);
    a.doc.getArray("items").push([bad]);
    await until(async () => (await sql`select 1 from extraction_errors where doc = ${`draft:${draft}`} and item_id = 'broken-item'`).length > 0);
    const [row] = await sql<{ sections: unknown[] }[]>`select sections from joint_drafts where id = ${draft}`;
    expect(row.sections).toHaveLength(1);
    // Admins see it listed, with the error and never the item's text.
    const admin = await signedInAdmin(server.url);
    const listed = (await admin.get("/admin/extraction-errors")).text;
    expect(listed).toContain("broken-item");
    expect(listed).toContain(`draft:${draft}`);
    expect((await member.get("/admin/extraction-errors")).status).toBe(403);
    a.provider.destroy();
  });

  it("opens a draft written before it had a doc (the demo union's) with its words", async () => {
    const [union] = await sql<{ draftId: string; userId: string }[]>`
      select d.id as draft_id, p.user_id from joint_drafts d join groups g on g.id = d.group_id
      join group_members m on m.group_id = g.id and m.role = 'coordinator' join participations p on p.id = m.participation_id
      where g.name like 'Public Service Workers%'`;
    // Sign in as the demo coordinator by a session made for the test.
    const { createSession } = await import("../../app/modules/auth/sessions.server");
    const session = await createSession(union.userId);
    const c = connectDoc(server.url, `draft:${union.draftId}`, `sid=${session.token}`);
    cleanups.push(() => c.provider.destroy());
    await c.synced;
    expect(c.doc.getText("title").toString()).toBe("Caseworkers' joint position on automated eligibility scoring");
    expect(c.doc.getArray("items").length).toBe(2);
    c.provider.destroy();
  });

  it("freezes the doc and who wrote it when the group submits", async () => {
    const a = open(coordinator);
    await a.synced;
    const item = a.doc.getArray<Y.Map<unknown>>("items").get(0);
    (item.get("body") as Y.Text).insert(0, "Final: ");
    const groupPage = `/c/demo/groups/${(await sql`select group_id from joint_drafts where id = ${draft}`)[0].groupId}`;
    // Submitting right away: the coordinator's last keystrokes are in, not half a second behind.
    await until(async () => (await sql`select 1 from ydoc_updates where doc = ${`draft:${draft}`} and created_at > now() - interval '5 seconds'`).length > 0);
    expect((await coordinator.post(groupPage, { intent: "submit" })).status).toBe(303);
    const [submission] = await sql<{ snapshot: Buffer; writers: string[]; body: string }[]>`
      select s.snapshot, array(select p.pseudonym from participations p where p.id = any(s.contributors) order by 1) as writers,
        (select i.body from inputs i where i.submission_id = s.id limit 1) as body
      from joint_submissions s join groups g on g.id = s.group_id where g.name = 'Drafting Circle' order by s.version desc limit 1`;
    expect(submission.body).toContain("Final: Edited live. Typed in a plain form, without JavaScript.");
    expect(submission.writers).toEqual(["Draft Coordinator", "Draft Member"]);
    const frozen = new Y.Doc();
    Y.applyUpdate(frozen, new Uint8Array(submission.snapshot));
    expect(String(frozen.getArray<Y.Map<unknown>>("items").get(0).get("body"))).toBe("Final: Edited live. Typed in a plain form, without JavaScript.");
    a.provider.destroy();
  });
});
