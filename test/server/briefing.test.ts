import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../db/client";
import { findQuestionByCode, getBriefingPack } from "../../app/modules/consultations/briefing.server";
import { Client, esc, startTestServer } from "../helpers/server";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const en = JSON.parse(fs.readFileSync("locales/en/consultations.json", "utf8"));

async function demoPack() {
  const [c] = await sql<{ id: string; deploymentId: string }[]>`select id, deployment_id from consultations where slug = 'demo'`;
  return { ids: c, pack: await getBriefingPack({ consultationId: c.id, deploymentId: c.deploymentId }) };
}

describe("the demo briefing pack", () => {
  it("has sections with plain-language and easy-read versions, and at least 3 coded questions (000 §57(h); 001 §32)", async () => {
    const { pack } = await demoPack();
    expect(pack.sections.length).toBeGreaterThanOrEqual(5);
    for (const s of pack.sections) {
      expect(s.plain.length).toBeGreaterThan(20);
      expect(s.easyRead.length).toBeGreaterThan(20);
    }
    expect(pack.sections.some((s) => s.dossierSection === "remedy")).toBe(true);
    expect(pack.questions.map((q) => q.code)).toEqual(["Q1", "Q2", "Q3", "Q4"]);
    expect(pack.dossierVersion).toBe(2);
  });

  it("finds a question by the code printed on the paper form, in any case", async () => {
    const { ids } = await demoPack();
    expect((await findQuestionByCode({ consultationId: ids.id, code: "q3" }))?.code).toBe("Q3");
    expect(await findQuestionByCode({ consultationId: ids.id, code: "Q9" })).toBeNull();
  });
});

describe("GET /c/<slug>", () => {
  it("shows the briefing in plain language, with its questions and codes, and easy read on ?level=easy", async () => {
    const { pack } = await demoPack();
    // Without scripts, so the page's text is all there is (the hydration data would hold every level).
    const c = new Client(server.url, { "save-data": "on" });
    const plain = await c.get("/c/demo");
    expect(plain.text).toContain(esc(pack.sections[0].plain));
    expect(plain.text).toContain(esc(en.questions.code.replace("{{code}}", "Q1")));
    expect(plain.text).toContain(esc(pack.questions[2].prompt));
    expect(plain.text).toMatch(/aria-current="page"[^>]*>[^<]*Plain language|>Plain language<\/a>/);
    const easy = await c.get("/c/demo?level=easy");
    expect(easy.text).toContain(esc(pack.sections[1].easyRead.split("\n")[0]));
    expect(easy.text).not.toContain(esc(pack.sections[1].plain));
  });
});

describe("GET /c/<slug>/briefing", () => {
  it("prints the full text, read from the published dossier, and the answer sheet with every code", async () => {
    const res = await new Client(server.url).get("/c/demo/briefing");
    expect(res.status).toBe(200);
    expect(res.text).toContain(esc(en.briefing.fromDossier.replace("{{version}}", "2")));
    expect(res.text).toContain("Office of the Social Assistance Ombudsperson");
    expect(res.text).toContain(esc(en.paper.title));
    for (const code of ["Q1", "Q2", "Q3", "Q4"]) expect(res.text).toMatch(new RegExp(`>${code}(<!-- -->)? · `));
  });

  it("downloads as one self-contained HTML file: styles inline, no script, in the person's language", async () => {
    const res = await fetch(`${server.url}/c/demo/briefing.html?level=easy`, { headers: { "accept-language": "sw" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="briefing-demo-sw-easy.html"');
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html><html lang="sw" dir="ltr">/);
    expect(html).toMatch(/<style>[^<]{500,}<\/style>/);
    expect(html).not.toMatch(/<script|<link /i);
    expect(html).toMatch(/>Q4(<!-- -->)? · /);
  });

  it("answers 404 for an unknown consultation", async () => {
    expect((await fetch(`${server.url}/c/nope/briefing.html`)).status).toBe(404);
    expect((await new Client(server.url).get("/c/nope/briefing")).status).toBe(404);
  });
});
