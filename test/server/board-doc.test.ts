import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { sql } from "../../db/client";
import { ITEMS, readItem } from "../../app/lib/board-doc";
import { Client, csrfFrom, signedInAdmin, startTestServer } from "../helpers/server";
import { connectDoc, rawSocket, until } from "../helpers/yjs";

let server: Awaited<ReturnType<typeof startTestServer>>;
let demoId: string;
const providers: WebsocketProvider[] = [];
beforeAll(async () => {
  server = await startTestServer();
  demoId = (await sql<{ id: string }[]>`select id from consultations where slug = 'demo'`)[0].id;
});
afterAll(async () => {
  for (const p of providers) p.destroy();
  await server?.close();
});

function connect(docName: string) {
  const c = connectDoc(server.url, docName);
  providers.push(c.provider);
  return c;
}

const items = (doc: Y.Doc) => doc.getArray(ITEMS).toArray().map(readItem).filter((i) => i !== null);

const upgrade = (path: string) => rawSocket(server.url, path);

describe("the board doc (DESIGN.md contract 'board doc')", () => {
  it("is named on the page and holds every input of the consultation, the demo's too", async () => {
    const page = (await new Client(server.url).get("/c/demo")).text;
    expect(page).toContain(`data-ydoc="board:${demoId}"`);
    const { doc, synced } = connect(`board:${demoId}`);
    await synced;
    const [count] = await sql<{ n: number }[]>`select count(*)::int as n from inputs where consultation_id = ${demoId}`;
    expect(items(doc)).toHaveLength(count.n);
    const offline = items(doc).find((i) => i.onBehalfOf?.count === 38)!;
    expect(offline.onBehalfOf).toMatchObject({ method: "workshop" });
    expect(JSON.stringify(offline)).not.toMatch(/facilitator/i);
    // Under the Chatham House rule the words are there, never who said them.
    const chatham = items(doc).find((i) => i.attribution === "chatham_house" && !i.onBehalfOf)!;
    expect(chatham.pseudonym).toBeNull();
    expect(chatham.authorRef).toBeNull();
    expect(items(doc).some((i) => i.kind === "joint_section" && i.group?.kind === "union")).toBe(true);
  });

  it("receives a new comment as soon as it is published, and a moderator's decision", async () => {
    const { doc, synced } = connect(`board:${demoId}`);
    await synced;
    const participant = new Client(server.url);
    await participant.post("/c/demo/join", { pseudonym: "Live Writer", consent: "yes" });
    const html = (await participant.get("/c/demo")).text;
    const key = html.match(/name="idempotencyKey" value="([^"]+)"/)![1];
    const posted = await participant.post("/c/demo", { body: "Arrives live on every open board.", attribution: "pseudonymous", concerns: ["transparency"], idempotencyKey: key }, { csrf: csrfFrom(html) });
    expect(posted.status).toBe(303);
    const live = await until(() => items(doc).find((i) => i.body === "Arrives live on every open board."));
    expect(live).toMatchObject({ kind: "comment", pseudonym: "Live Writer", concerns: ["transparency"], hidden: null });

    const admin = await signedInAdmin(server.url);
    expect((await admin.post("/admin/moderation", { intent: "hide", inputId: live.id, reason: "off_topic" })).status).toBe(303);
    const hidden = await until(() => items(doc).find((i) => i.id === live.id && i.hidden));
    expect(hidden.hidden).toEqual({ reason: "off_topic", note: "" });
    expect(hidden.body).toBe("");
  });

  it("is written by the server only: a reader's edits never reach anyone", async () => {
    const writer = connect(`board:${demoId}`);
    await writer.synced;
    const before = items(writer.doc).length;
    const forged = new Y.Map<unknown>();
    forged.set("id", "00000000-0000-4000-8000-000000000000");
    forged.set("createdAt", new Date().toISOString());
    writer.doc.getArray(ITEMS).push([forged]);
    const reader = connect(`board:${demoId}`);
    await reader.synced;
    await new Promise((r) => setTimeout(r, 300));
    expect(items(reader.doc)).toHaveLength(before);
    expect(items(reader.doc).some((i) => i.id === "00000000-0000-4000-8000-000000000000")).toBe(false);
  });

  it("refuses unknown docs and drafts, and closes on garbage without falling over", async () => {
    expect(await upgrade("/yjs/board:not-a-uuid")).toEqual({ closed: 4404, reason: "no such document" });
    expect((await upgrade("/yjs/secrets:1")).closed).toBe(4404);
    expect((await upgrade("/yjs/board:00000000-0000-4000-8000-000000000000")).closed).toBe(4404);
    const [draft] = await sql<{ id: string }[]>`
      insert into consultations (slug, deployment_id, lifecycle_stage, title, summary)
      select 'board-doc-draft', deployment_id, 'design', 'A draft', 'Not public yet, so neither is its board.' from consultations where slug = 'demo'
      returning id`;
    expect((await upgrade(`/yjs/board:${draft.id}`)).closed).toBe(4404);
    expect((await upgrade("/somewhere-else")).status).toBe(404);

    const { ws } = await upgrade(`/yjs/board:${demoId}`);
    const closed = new Promise<number>((resolve) => ws!.on("close", (code) => resolve(code)));
    ws!.send(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]));
    expect(await closed).toBe(1007);
    expect((await new Client(server.url).get("/healthz")).status).toBe(200);
  });
});
