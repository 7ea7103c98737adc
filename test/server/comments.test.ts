import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../db/client";
import { CONSULTATION_RATE_PER_MINUTE, RATE_PER_MINUTE } from "../../app/modules/inputs/inputs.server";
import { Client, csrfFrom, esc, startTestServer } from "../helpers/server";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const en = JSON.parse(fs.readFileSync("locales/en/inputs.json", "utf8"));
const countInputs = async () => Number((await sql<{ n: number }[]>`select count(*)::int as n from inputs`)[0].n);

async function joined(pseudonym: string) {
  const c = new Client(server.url);
  await c.post("/c/demo/join", { pseudonym, consent: "yes" });
  return c;
}

/** The comment form's hidden fields, as a browser would send them back. */
async function formOf(c: Client, path = "/c/demo") {
  const html = (await c.get(path)).text;
  return { csrf: csrfFrom(html), key: html.match(/name="idempotencyKey" value="([^"]+)"/)![1], html };
}

describe("commenting on /c/<slug>", () => {
  it("shows the demo's comments and replies in several languages, without script", async () => {
    const res = await new Client(server.url, { "save-data": "on" }).get("/c/demo");
    expect(res.text).toContain("Caseworkers&#x27; Union Branch 7");
    expect(res.text).toContain('lang="sw"');
    expect(res.text).toContain('lang="fr"');
    // Chatham House: the words, never who said them (002 introduction).
    expect(res.text).toContain(esc(en.board.anonymous));
    expect(res.text).not.toContain("Refugee Legal Aid Network</strong>");
  });

  it("offers the form only to people who have joined", async () => {
    expect((await new Client(server.url).get("/c/demo")).text).not.toContain('name="idempotencyKey"');
    expect((await (await joined("Form Viewer")).get("/c/demo")).text).toContain('name="idempotencyKey"');
  });

  it("publishes a comment on a question with a plain POST, once even when sent twice (idempotency key)", async () => {
    const c = await joined("Twice Sent");
    const { csrf, key } = await formOf(c);
    const fields = { body: "Scores must never be used to stop payments already running.", sectionRef: "question:Q3", concerns: ["access", "accuracy"], attribution: "pseudonymous", idempotencyKey: key };
    const first = await c.post("/c/demo", fields, { csrf });
    expect(first.status).toBe(303);
    const second = await c.post("/c/demo", fields, { csrf });
    expect(second.status).toBe(303);
    expect(second.headers.get("location")).toBe(first.headers.get("location"));
    const rows = await sql`select section_ref, concerns, attribution from inputs where body like 'Scores must never be used%'`;
    expect(rows).toEqual([{ sectionRef: "question:Q3", concerns: ["access", "accuracy"], attribution: "pseudonymous" }]);
    const page = await c.get("/c/demo");
    expect(page.text).toContain("Scores must never be used to stop payments already running.");
  });

  it("records the language a comment is written in: the page's, one clearly detected, or the author's choice", async () => {
    const c = await joined("Many Tongues");
    const post = async (body: string, extra: Record<string, string> = {}, path = "/c/demo") => {
      const { csrf, key } = await formOf(c, path);
      expect((await c.post(path, { body, attribution: "pseudonymous", idempotencyKey: key, ...extra }, { csrf })).status).toBe(303);
      const [row] = await sql<{ lang: string }[]>`select lang from inputs where idempotency_key = ${key}`;
      return row.lang;
    };
    expect(await post("The appeal letters must say which data the score used and how to correct it.")).toBe("en");
    expect(await post("Les lettres de recours doivent dire quelles données le score a utilisées et comment les corriger.")).toBe("fr");
    expect(await post("Barua za rufaa lazima zieleze ni data gani alama ilitumia na jinsi ya kuirekebisha.")).toBe("sw");
    expect(await post("يجب أن تذكر رسائل الاستئناف البيانات التي استخدمها التقييم وكيفية تصحيحها.")).toBe("ar");
    // Too short to tell: the page's language.
    expect(await post("Oui, d'accord.", {}, "/c/demo?lng=es")).toBe("es");
    // The author's choice wins; a language the platform does not offer is refused, with the text kept.
    expect(await post("Ok, merci.", { lang: "fr" })).toBe("fr");
    const { csrf, key } = await formOf(c);
    const refused = await c.post("/c/demo", { body: "Tekst in het Nederlands.", attribution: "pseudonymous", idempotencyKey: key, lang: "nl" }, { csrf });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain("Tekst in het Nederlands.");
  });

  it("publishes a reply under its comment", async () => {
    const c = await joined("Replier");
    const [parent] = await sql<{ id: string }[]>`select id from inputs where idempotency_key = 'demo-comment-0'`;
    const { csrf, key, html } = await formOf(c, `/c/demo?replyTo=${parent.id}`);
    expect(html).toContain(`name="parentId" value="${parent.id}"`);
    const res = await c.post("/c/demo", { body: "Agreed: fix the names first.", parentId: parent.id, attribution: "pseudonymous", idempotencyKey: key }, { csrf });
    expect(res.status).toBe(303);
    const [row] = await sql`select kind, parent_id from inputs where body = 'Agreed: fix the names first.'`;
    expect(row).toEqual({ kind: "reply", parentId: parent.id });
  });

  it.each([
    ["empty", { body: "   " }, 400, "empty"],
    ["over 10,000 characters", { body: "x".repeat(10_001) }, 400, "tooLong"],
    ["binary", { body: "abc\u0000\u0001def" }, 400, "binary"],
    ["about an unknown question", { body: "Fine text", sectionRef: "question:Q99" }, 400, "unknownTarget"],
    ["a reply to an input that does not exist", { body: "Fine text", parentId: "00000000-0000-0000-0000-000000000000" }, 400, "unknownParent"],
  ])("refuses a comment that is %s, keeping the text and writing nothing", async (_what, fields, status, key) => {
    const c = await joined(`Bad ${key}`);
    const { csrf, key: idem } = await formOf(c);
    const before = await countInputs();
    const res = await c.post("/c/demo", { attribution: "pseudonymous", idempotencyKey: idem, ...fields }, { csrf });
    expect(res.status).toBe(status);
    expect(res.text).toContain(esc(en.errors[key]));
    if (fields.body.trim() && !fields.body.includes("\u0000")) expect(res.text).toContain(esc(fields.body.slice(0, 200)));
    // The same idempotency key comes back, so sending again cannot duplicate.
    expect(res.text).toContain(`value="${idem}"`);
    expect(await countInputs()).toBe(before);
  });

  it("escapes markup in a comment", async () => {
    const c = await joined("Markup Tester");
    const { csrf, key } = await formOf(c);
    await c.post("/c/demo", { body: "<script>alert(1)</script><b>bold</b>", attribution: "pseudonymous", idempotencyKey: key }, { csrf });
    const page = await c.get("/c/demo");
    expect(page.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;");
    expect(page.text).not.toContain("<b>bold</b>");
  });

  it("sends someone who has not joined to sign in, and refuses a closed consultation with 409 keeping the text", async () => {
    const anonymous = new Client(server.url);
    const csrf = csrfFrom((await anonymous.get("/c/demo")).text);
    const res = await anonymous.post("/c/demo", { body: "Hello", attribution: "pseudonymous", idempotencyKey: "k".repeat(20) }, { csrf });
    expect(res.status).toBe(303);

    const c = await joined("Late Comer");
    const { csrf: csrf2, key } = await formOf(c);
    await sql`update consultations set closes_at = now() - interval '1 minute' where slug = 'demo'`;
    try {
      const closed = await c.post("/c/demo", { body: "Too late but kept", attribution: "pseudonymous", idempotencyKey: key }, { csrf: csrf2 });
      expect(closed.status).toBe(409);
      expect(closed.text).toContain("Too late but kept");
    } finally {
      await sql`update consultations set closes_at = now() + interval '90 days' where slug = 'demo'`;
    }
  });

  it(`lets a person post at a normal pace (10 a minute) and stops a flood after ${RATE_PER_MINUTE} with 429`, async () => {
    const c = await joined("Fast Typist");
    let last = 0;
    for (let i = 0; i < RATE_PER_MINUTE + 1; i++) {
      const { csrf, key } = await formOf(c);
      last = (await c.post("/c/demo", { body: `Point number ${i}`, attribution: "pseudonymous", idempotencyKey: key }, { csrf })).status;
      if (i < 10) expect(last).toBe(303);
    }
    expect(last).toBe(429);
  });

  it(`stops a flood from many accounts at ${CONSULTATION_RATE_PER_MINUTE} inputs a minute for the whole consultation, text kept`, async () => {
    const [flood] = await sql<{ id: string }[]>`
      insert into consultations (slug, deployment_id, lifecycle_stage, title, summary, status)
      select 'flooded', deployment_id, 'design', 'A flooded consultation', 'Many accounts post at once here.', 'open' from consultations where slug = 'demo'
      returning id`;
    await sql`
      insert into inputs (consultation_id, kind, lang, body, attribution, idempotency_key)
      select ${flood.id}, 'comment', 'en', 'flood ' || n, 'pseudonymous', 'flood-' || n from generate_series(1, ${CONSULTATION_RATE_PER_MINUTE}) n`;
    const c = new Client(server.url);
    await c.post("/c/flooded/join", { pseudonym: "Caught In A Flood", consent: "yes" });
    const { csrf, key } = await formOf(c, "/c/flooded");
    const res = await c.post("/c/flooded", { body: "My real point, kept", attribution: "pseudonymous", idempotencyKey: key }, { csrf });
    expect(res.status).toBe(429);
    expect(res.text).toContain(esc(en.errors.busy));
    expect(res.text).toContain("My real point, kept");
  });
});
