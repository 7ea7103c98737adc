import fc from "fast-check";
import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { Client, startTestServer } from "../helpers/server";
import { connectDoc, until } from "../helpers/yjs";

// Issue #10: fuzzing the WebSocket frame handler of the collaborative documents. Whatever a member of a
// group sends on its draft doc (random bytes, a known message type with a garbage body, a message cut
// short, a text frame), the server stays up, closes that one connection or ignores the frame, writes
// nothing that breaks the doc, and the other members go on editing it. Bounded: 80 frames, 60 s.

let server: Awaited<ReturnType<typeof startTestServer>>;
let member: Client;
let draft: string;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  server = await startTestServer({ yjs: { maxUpdatesPer10s: 10_000 } });
  member = new Client(server.url);
  await member.post("/c/demo/join", { pseudonym: "Fuzz Member", consent: "yes" });
  const created = await member.post("/c/demo/groups", { intent: "create", name: "Fuzzing Circle", kind: "coalition" });
  draft = (await member.get(created.headers.get("location")!)).text.match(/data-ydoc="draft:([0-9a-f-]{36})"/)![1];
});
afterAll(async () => {
  for (const c of cleanups) c();
  await server?.close();
});

/** A message of the y-websocket protocol as the server reads it: a type, for sync a step, then a byte array. */
function framed(type: number, step: number | null, body: Uint8Array, cut: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  if (step !== null) encoding.writeVarUint(e, step);
  encoding.writeVarUint8Array(e, body);
  const bytes = encoding.toUint8Array(e);
  return bytes.slice(0, Math.max(1, bytes.length - cut));
}

const frames = fc.oneof(
  // Anything at all.
  fc.uint8Array({ minLength: 0, maxLength: 300 }).map((b) => ({ binary: true, data: b })),
  // A sync step 1, 2 or update, or an awareness message, with a random body, sometimes cut short.
  fc
    .tuple(fc.constantFrom(0, 1, 2, 3, 4, 7, 127, 300), fc.option(fc.constantFrom(0, 1, 2, 3, 9), { nil: null }), fc.uint8Array({ maxLength: 200 }), fc.nat(4))
    .map(([type, step, body, cut]) => ({ binary: true, data: framed(type, type === 0 ? (step ?? 0) : null, body, cut) })),
  // A length that promises more than there is.
  fc.uint8Array({ maxLength: 20 }).map((b) => ({ binary: true, data: Uint8Array.from([0, 2, 0xff, 0xff, 0xff, 0x0f, ...b]) })),
  // Text instead of binary.
  fc.string({ maxLength: 100 }).map((s) => ({ binary: false, data: new TextEncoder().encode(s) })),
);

/** Sends one frame on a fresh connection; resolves with the close code, or "open" if it is still open after a moment. */
function sendFrame(frame: { binary: boolean; data: Uint8Array }): Promise<number | "open"> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.url.replace("http", "ws")}/yjs/draft:${draft}`, { headers: { cookie: member.cookieHeader() } });
    const timer = setTimeout(() => {
      ws.terminate();
      resolve("open");
    }, 400);
    ws.on("open", () => ws.send(frame.binary ? frame.data : Buffer.from(frame.data).toString("utf8"), { binary: frame.binary }));
    ws.on("close", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    ws.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

describe("the WebSocket frame handler", () => {
  it("survives any frame from a member: the connection closes or carries on, the doc keeps working", async () => {
    const a = connectDoc(server.url, `draft:${draft}`, member.cookieHeader());
    const b = connectDoc(server.url, `draft:${draft}`, member.cookieHeader());
    cleanups.push(() => a.provider.destroy(), () => b.provider.destroy());
    await Promise.all([a.synced, b.synced]);
    a.doc.getText("fuzz").insert(0, "before");
    await until(() => b.doc.getText("fuzz").toString() === "before");

    const codes = new Map<string, number>();
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(frames, async (frame) => {
        if (Date.now() - started > 50_000) return; // bounded in time as well as in count
        const result = await sendFrame(frame);
        codes.set(String(result), (codes.get(String(result)) ?? 0) + 1);
        // Closed as malformed (1007) or too large (1009), or left open; never a crash (1006) or a server error (1011).
        expect([1007, 1009, "open"]).toContain(result);
        expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      }),
      { numRuns: 80 },
    );
    // The members' own connections were not disturbed: an edit still reaches the other, and the text is whole.
    a.doc.getText("fuzz").insert(6, " and after");
    await until(() => b.doc.getText("fuzz").toString() === "before and after", 10_000);
    // A newcomer loads the same doc from the server.
    const c = connectDoc(server.url, `draft:${draft}`, member.cookieHeader());
    cleanups.push(() => c.provider.destroy());
    await c.synced;
    expect(c.doc.getText("fuzz").toString()).toBe("before and after");
    console.log(`fuzzed frames by outcome: ${[...codes].map(([k, n]) => `${k}: ${n}`).join(", ")}`);
    expect(codes.get("1007") ?? 0).toBeGreaterThan(10);
  }, 90_000);
});
