import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../db/client";
import { Client, signedInAdmin, signedInStaff, startTestServer } from "../helpers/server";

// Issue #10: every page and a sample of actions against every role, from one table (below). "allow" means
// the page is served (200) or the action gets past authorization (anything but 401/403 or a redirect to
// sign in: a refused form is a 400, which is the form's business, not authorization's); "deny" means a 403,
// or a redirect to sign in for someone not signed in. The expectations are written by hand from the
// issues' rules, not computed from the permissions table, so a route guarded by the wrong permission fails.

const roles = ["anonymous", "participant", "facilitator", "translator", "analyst", "moderator", "lead", "admin", "platformAdmin", "otherStaff"] as const;
type Role = (typeof roles)[number];

const EVERYONE: Role[] = [...roles];
const SIGNED_IN: Role[] = roles.filter((r) => r !== "anonymous");
/** Staff of the demo's organisation, and staff of another one (whose lists are filtered to their own). */
const ANY_STAFF: Role[] = ["facilitator", "translator", "analyst", "moderator", "lead", "admin", "platformAdmin", "otherStaff"];

let server: Awaited<ReturnType<typeof startTestServer>>;
const clients = {} as Record<Role, Client>;
const ids = {} as Record<"input" | "answeredInput" | "section" | "grievance" | "deploymentOrgUser", string>;

beforeAll(async () => {
  server = await startTestServer();
  clients.anonymous = new Client(server.url);
  clients.participant = new Client(server.url);
  const joined = await clients.participant.post("/c/demo/join", { pseudonym: "Matrix Participant", consent: "yes" });
  expect(joined.status).toBe(303);
  const staff = async (role: string) => signedInStaff(server.url, { email: `matrix-${role}@example.org`, roles: [role] });
  clients.facilitator = await staff("facilitator");
  clients.translator = await staff("translator");
  clients.analyst = await staff("analyst");
  clients.moderator = await staff("moderator");
  clients.lead = await staff("consultation_lead");
  clients.admin = await staff("admin");
  clients.platformAdmin = await signedInAdmin(server.url);
  // Every role, but in another organisation.
  await sql`insert into organisations (name) values ('Matrix other organisation') on conflict do nothing`;
  const [org] = await sql<{ id: string }[]>`select id from organisations where name = 'Matrix other organisation'`;
  clients.otherStaff = await signedInStaff(server.url, { email: "matrix-other@example.org", roles: [] });
  for (const role of ["admin", "consultation_lead", "analyst", "facilitator", "translator", "moderator"]) {
    await sql`insert into role_assignments (user_id, organisation_id, role) select id, ${org.id}, ${role} from users where email = 'matrix-other@example.org' on conflict do nothing`;
  }
  const [input] = await sql<{ id: string }[]>`select id from inputs where idempotency_key = 'demo-comment-0'`;
  const [answered] = await sql<{ inputId: string }[]>`select input_id from responses r join consultations c on c.id = r.consultation_id where c.slug = 'demo' limit 1`;
  const [section] = await sql<{ id: string }[]>`select s.id from briefing_sections s join consultations c on c.id = s.consultation_id where c.slug = 'demo' order by s.position limit 1`;
  const [grievance] = await sql<{ id: string }[]>`select g.id from grievances g join deployments d on d.id = g.deployment_id where d.slug = 'demo' limit 1`;
  Object.assign(ids, { input: input.id, answeredInput: answered.inputId, section: section.id, grievance: grievance.id });
});
afterAll(async () => {
  await server?.close();
});

type Row = [method: "GET" | "POST", path: () => string, allowed: Role[], fields?: Record<string, string>];

const table: Row[] = [
  // Public: the register, consultations, their answers and reports, grievances, languages.
  ["GET", () => "/", EVERYONE],
  ["GET", () => "/register", EVERYONE],
  ["GET", () => "/register.json", EVERYONE],
  ["GET", () => "/register.csv", EVERYONE],
  ["GET", () => "/register/demo", EVERYONE],
  ["GET", () => "/register/demo/versions", EVERYONE],
  ["GET", () => "/register/demo/assessment", EVERYONE],
  ["GET", () => "/register/demo/assessment.json", EVERYONE],
  ["GET", () => "/register/demo/grievances", EVERYONE],
  ["GET", () => "/c/demo", EVERYONE],
  ["GET", () => "/c/demo/briefing", EVERYONE],
  ["GET", () => "/c/demo/briefing.html", EVERYONE],
  ["GET", () => "/c/demo/join", EVERYONE],
  ["GET", () => "/c/demo/responses", EVERYONE],
  ["GET", () => "/c/demo/responses.json", EVERYONE],
  ["GET", () => "/c/demo/report", EVERYONE],
  ["GET", () => "/c/demo/report.json", EVERYONE],
  ["GET", () => "/languages", EVERYONE],
  ["GET", () => "/login", EVERYONE],
  // A person's own: their account and their data; reporting a comment; groups.
  ["GET", () => "/account", SIGNED_IN],
  ["GET", () => "/account/inbox", SIGNED_IN],
  ["GET", () => "/account/export.json", SIGNED_IN],
  ["GET", () => `/c/demo/flag?input=${ids.input}`, SIGNED_IN],
  ["GET", () => "/c/demo/groups", SIGNED_IN],
  ["POST", () => "/c/demo", ["participant"], { body: "", attribution: "pseudonymous", idempotencyKey: "matrix-key-0123456789" }],
  // Staff: the admin area, then each part of it by permission, in the demo's organisation.
  ["GET", () => "/admin", ANY_STAFF],
  ["GET", () => "/admin/users", ["admin", "platformAdmin", "otherStaff"]],
  ["GET", () => "/admin/deployments", ["lead", "admin", "platformAdmin", "otherStaff"]],
  ["GET", () => "/admin/deployments/demo", ["lead", "admin", "platformAdmin"]],
  ["GET", () => "/admin/consultations", ["lead", "admin", "platformAdmin", "otherStaff"]],
  ["GET", () => "/admin/consultations/demo", ["lead", "admin", "platformAdmin"]],
  ["GET", () => "/admin/consultations/demo/briefing", ["lead", "admin", "platformAdmin"]],
  ["GET", () => "/admin/consultations/demo/responses", ["lead", "admin", "platformAdmin"]],
  ["GET", () => `/admin/consultations/demo/responses/${ids.answeredInput}`, ["lead", "admin", "platformAdmin"]],
  ["GET", () => "/admin/consultations/demo/contests", ["lead", "admin", "platformAdmin"]],
  ["GET", () => "/admin/moderation", ["moderator", "admin", "platformAdmin", "otherStaff"]],
  ["GET", () => "/admin/assessments", ["analyst", "lead", "admin", "platformAdmin", "otherStaff"]],
  ["GET", () => "/admin/assessments/demo", ["analyst", "lead", "admin", "platformAdmin"]],
  ["GET", () => "/admin/assessments/demo/triage", ["analyst", "lead", "admin", "platformAdmin"]],
  ["GET", () => `/admin/assessments/demo/inputs/${ids.input}`, ["analyst", "lead", "admin", "platformAdmin"]],
  ["GET", () => "/admin/assessments/demo/impacts/1", ["analyst", "lead", "admin", "platformAdmin"]],
  ["GET", () => "/admin/grievances", ["lead", "admin", "platformAdmin", "otherStaff"]],
  ["GET", () => `/admin/grievances/${ids.grievance}`, ["lead", "admin", "platformAdmin"]],
  ["GET", () => "/admin/grievances/settings", ["admin", "platformAdmin", "otherStaff"]],
  ["GET", () => "/admin/translations", ["translator", "admin", "platformAdmin", "otherStaff"]],
  ["GET", () => "/admin/translations?consultation=demo", ["translator", "admin", "platformAdmin"]],
  ["GET", () => `/admin/translations/briefing_section/${ids.section}/es`, ["translator", "admin", "platformAdmin"]],
  ["GET", () => "/admin/translations/glossary?deployment=demo", ["translator", "admin", "platformAdmin"]],
  ["GET", () => "/admin/translations/ui", ["translator", "admin", "platformAdmin", "otherStaff"]],
  // The interface's strings are the platform's, not an organisation's: only a platform-wide admin exports them.
  ["GET", () => "/admin/translations/ui.json?lang=fr&ns=common", ["platformAdmin"]],
  ["GET", () => "/c/demo/proxy", ["facilitator", "lead", "admin", "platformAdmin"]],
  ["POST", () => "/c/demo/proxy", ["facilitator", "lead", "admin", "platformAdmin"], { body: "" }],
  ["POST", () => `/admin/translations/briefing_section/${ids.section}/es`, ["translator", "admin", "platformAdmin"], { intent: "draft" }],
  ["POST", () => "/admin/grievances/settings", ["admin", "platformAdmin", "otherStaff"], { intent: "nothing" }],
  ["POST", () => "/admin/users", ["admin", "platformAdmin", "otherStaff"], { intent: "nothing" }],
];

/** What happened, in the table's words: allow, deny, or something else (a bug either way). */
function outcome(res: { status: number; headers: Headers }, method: string): "allow" | "deny" | string {
  const location = res.headers.get("location") ?? "";
  if (res.status === 403 || res.status === 401) return "deny";
  if (res.status === 303 && /^\/(login|c\/demo\/join)(\?|$)/.test(new URL(location, "http://x").pathname + (location.includes("?") ? "?" : ""))) return "deny";
  if (method === "GET") return res.status === 200 ? "allow" : `HTTP ${res.status}${location ? ` → ${location}` : ""}`;
  return res.status < 500 ? "allow" : `HTTP ${res.status}`;
}

describe("the authorization matrix", () => {
  for (const [method, path, allowed, fields] of table) {
    it(`${method} ${path.toString().replace(/^\(\) => /, "")}`, async () => {
      // Every role at once: each has its own browser (cookie jar), and the table's rows change nothing shared.
      const results = Object.fromEntries(
        await Promise.all(
          roles.map(async (role) => {
            const client = clients[role];
            const res =
              method === "GET"
                ? await client.get(path())
                : // The CSRF token of a page anyone can open: authorization, not the token, is under test.
                  await client.post(path(), fields ?? {}, { formPage: "/login" });
            return [role, outcome(res, method)];
          }),
        ),
      );
      const expected = Object.fromEntries(roles.map((role) => [role, allowed.includes(role) ? "allow" : "deny"]));
      expect(results).toEqual(expected);
    });
  }
});

describe("sessions", () => {
  it("give a new session on sign-in, never one chosen beforehand (session fixation)", async () => {
    // An attacker plants a session id of their own making in the victim's browser, then waits.
    const planted = "A".repeat(43);
    const victim = new Client(server.url);
    victim.cookies.set("sid", planted);
    await victim.get("/login");
    const signIn = await victim.post("/login", { email: "matrix-consultation_lead@example.org", password: "a long staff password" });
    expect(signIn.status).toBe(303);
    const issued = victim.cookies.get("sid");
    expect(issued).toBeDefined();
    expect(issued).not.toBe(planted);
    expect((await victim.get("/admin")).status).toBe(200);
    // The planted id opens nothing.
    const attacker = new Client(server.url);
    attacker.cookies.set("sid", planted);
    expect(outcome(await attacker.get("/admin"), "GET")).toBe("deny");
    // Nor does a session taken from one browser keep working after signing out there.
    const stolen = issued!;
    await victim.post("/logout", {}, { formPage: "/account" });
    const thief = new Client(server.url);
    thief.cookies.set("sid", stolen);
    expect(outcome(await thief.get("/admin"), "GET")).toBe("deny");
  });
});
