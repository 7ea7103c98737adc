import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../db/client";
import { Client, esc, postMultipart, signedInAdmin, startTestServer } from "../helpers/server";

let server: Awaited<ReturnType<typeof startTestServer>>;
let admin: Client;
beforeAll(async () => {
  server = await startTestServer();
  admin = await signedInAdmin(server.url);
});
afterAll(async () => {
  await server?.close();
});

const en = JSON.parse(fs.readFileSync("locales/en/dossier.json", "utf8"));
const page = "/admin/deployments/demo";

function upload(title: string, name: string, content: BlobPart, type = "application/octet-stream") {
  const form = new FormData();
  form.set("intent", "upload");
  form.set("title", title);
  form.set("file", new File([content], name, { type }));
  return postMultipart(admin, page, form);
}

const count = async () => Number((await sql<{ n: number }[]>`select count(*)::int as n from attachments`)[0].n);

describe("dossier documents", () => {
  it("stores a PDF with its sniffed type and serves it only as a download", async () => {
    const res = await upload("Data protection impact assessment", "dpia 2026.pdf", "%PDF-1.7\nfake but well-formed header\n", "text/html");
    expect(res.status).toBe(303);
    const [row] = await sql<{ id: string; contentType: string }[]>`select id, content_type from attachments where title = 'Data protection impact assessment'`;
    // What the browser claimed (text/html) is ignored: the bytes decide.
    expect(row.contentType).toBe("application/pdf");
    const publicPage = await new Client(server.url).get("/register/demo");
    expect(publicPage.text).toContain(`/register/demo/files/${row.id}`);
    const file = await fetch(`${server.url}/register/demo/files/${row.id}`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(file.headers.get("content-disposition")).toMatch(/^attachment; filename="dpia 2026.pdf"/);
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(file.headers.get("content-security-policy")).toContain("sandbox");
    expect(await file.text()).toContain("%PDF-1.7");
  });

  it.each([
    ["a disguised file", "audit.pdf", "<!doctype html><script>alert(1)</script>", "fileDisguised", 400],
    ["a kind we do not accept", "tool.exe", "MZ\u0090binary", "fileType", 400],
    ["an empty file", "empty.pdf", "", "fileMissing", 400],
  ])("refuses %s beside the field, keeping the title, storing nothing", async (_what, name, content, key, status) => {
    const before = await count();
    const res = await upload("My title stays", name, content);
    expect(res.status).toBe(status);
    expect(res.text).toContain(esc(en.errors[key]));
    expect(res.text).toContain('value="My title stays"');
    expect(await count()).toBe(before);
  });

  it("refuses a file over 10 MB with 413 and stores nothing", async () => {
    const before = await count();
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(new TextEncoder().encode("%PDF-1.7"));
    const res = await upload("Too big", "big.pdf", big);
    expect(res.status).toBe(413);
    expect(res.text).toContain(esc(en.errors.fileTooLarge));
    expect(await count()).toBe(before);
  });

  it("answers 404 for a document of an unpublished deployment or of another one", async () => {
    await admin.post("/admin/deployments", { name: "Draft only", slug: "draft-only", organisationId: (await sql`select id from organisations limit 1`)[0].id, sector: "other" });
    const form = new FormData();
    form.set("intent", "upload");
    form.set("title", "Hidden until published");
    form.set("file", new File(["a,b\n1,2\n"], "x.csv"));
    expect((await postMultipart(admin, "/admin/deployments/draft-only", form)).status).toBe(303);
    const [hidden] = await sql<{ id: string }[]>`select id from attachments where title = 'Hidden until published'`;
    expect((await fetch(`${server.url}/register/draft-only/files/${hidden.id}`)).status).toBe(404);
    expect((await fetch(`${server.url}/register/demo/files/${hidden.id}`)).status).toBe(404);
    expect((await fetch(`${server.url}/register/demo/files/not-a-uuid`)).status).toBe(404);
  });

  it("removes a document", async () => {
    const [row] = await sql<{ id: string }[]>`select id from attachments where title = 'Data protection impact assessment'`;
    const res = await admin.post(page, { intent: "deleteAttachment", id: row.id });
    expect(res.status).toBe(303);
    expect((await fetch(`${server.url}/register/demo/files/${row.id}`)).status).toBe(404);
  });

  it("ships the demo's bias-audit table", async () => {
    const text = (await new Client(server.url).get("/register/demo")).text;
    expect(text).toContain("Bias audit 2026: flag rates by group (summary table)");
  });
});
