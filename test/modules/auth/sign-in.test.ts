import { describe, expect, it } from "vitest";
import { sql } from "../../../db/client";
import {
  acceptInvitation,
  addOrganisation,
  ensureAdmin,
  findOpenInvitation,
  inviteStaff,
  setStaffRoles,
  signInStaff,
  signInWithRecoveryCode,
  createParticipant,
  listOrganisations,
  listStaff,
} from "../../../app/modules/auth/auth.server";
import { MAX_FAILURES } from "../../../app/modules/auth/throttle.server";

const ADMIN = { email: "Root@Example.org", password: "correct horse battery staple" };

describe("ensureAdmin", () => {
  it("creates the platform admin once from ADMIN_EMAIL / ADMIN_PASSWORD, with an argon2id hash", async () => {
    expect(await ensureAdmin(ADMIN)).toBe(true);
    expect(await ensureAdmin(ADMIN)).toBe(false);
    const [user] = await sql<{ passwordHash: string; id: string }[]>`select id, password_hash from users where email = 'root@example.org'`;
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const roles = await sql`select role, organisation_id from role_assignments where user_id = ${user.id}`;
    expect(roles).toEqual([{ role: "admin", organisationId: null }]);
  });
});

describe("signInStaff", () => {
  it("signs in with the right password, whatever the email's case", async () => {
    await ensureAdmin(ADMIN);
    const result = await signInStaff({ email: "ROOT@example.org", password: ADMIN.password });
    expect(result.ok).toBe(true);
  });

  it("gives the same generic refusal for a wrong password and for an unknown email", async () => {
    await ensureAdmin(ADMIN);
    const wrong = await signInStaff({ email: ADMIN.email, password: "not it at all" });
    const unknown = await signInStaff({ email: "nobody@example.org", password: "whatever it is" });
    expect(wrong).toEqual({ ok: false, status: 400, error: "auth:errors.badCredentials" });
    expect(unknown).toEqual(wrong);
  });

  it(`locks an account after ${MAX_FAILURES} failures, even for the right password, and tells nothing about whether it exists`, async () => {
    const email = "throttled@example.org";
    await sql`insert into users (kind, display_name, email, password_hash) values ('staff', 'T', ${email}, null)`;
    for (let i = 0; i < MAX_FAILURES; i++) expect((await signInStaff({ email, password: `guess ${i}` })).ok).toBe(false);
    const locked = await signInStaff({ email, password: "anything" });
    expect(locked).toMatchObject({ ok: false, status: 429, error: "auth:errors.tooManyAttempts" });
    const ghost = "ghost@example.org";
    for (let i = 0; i < MAX_FAILURES; i++) await signInStaff({ email: ghost, password: `guess ${i}` });
    expect(await signInStaff({ email: ghost, password: "x" })).toMatchObject({ status: 429 });
    // The throttle table holds hashes, never an address.
    const keys = await sql<{ keyHash: string }[]>`select key_hash from login_throttles`;
    expect(keys.every((k) => /^[0-9a-f]{64}$/.test(k.keyHash))).toBe(true);
  });
});

describe("participants", () => {
  it("join with a pseudonym only and come back with their recovery code in any case or spacing (001 §33)", async () => {
    const p = await createParticipant({ displayName: "Amina" });
    const [row] = await sql`select email, password_hash, recovery_code_hash from users where id = ${p.userId}`;
    expect(row.email).toBeNull();
    expect(row.passwordHash).toBeNull();
    expect(row.recoveryCodeHash).not.toContain(p.recoveryCode);
    const typed = ` ${p.recoveryCode.toLowerCase().replace(/-/g, " ")} `;
    expect(await signInWithRecoveryCode(typed)).toMatchObject({ ok: true, userId: p.userId });
    expect(await signInWithRecoveryCode("AAAAA-BBBBB-CCCCC-DDDDD")).toEqual({ ok: false, status: 400, error: "auth:errors.codeUnknown" });
  });
});

describe("invitations and roles", () => {
  it("invites staff into one organisation, accepts once, and records who did what", async () => {
    await ensureAdmin(ADMIN);
    const [admin] = await sql<{ id: string }[]>`select id from users where email = 'root@example.org'`;
    const org = await addOrganisation({ name: "Workers' Union of Kalindi", actorId: admin.id });
    if (!org.ok) throw new Error("organisation");
    const invited = await inviteStaff({ email: "analyst@example.org", organisationId: org.id, roles: ["analyst"], invitedBy: admin.id });
    if (!invited.ok) throw new Error("invite");
    expect(await inviteStaff({ email: "analyst@example.org", organisationId: org.id, roles: ["analyst"], invitedBy: admin.id })).toMatchObject({ ok: false, status: 409 });
    expect(await findOpenInvitation(invited.token)).toMatchObject({ email: "analyst@example.org" });
    // Not active before acceptance.
    expect((await signInStaff({ email: "analyst@example.org", password: "a new long password" })).ok).toBe(false);
    const accepted = await acceptInvitation({ token: invited.token, displayName: "Grace", password: "a new long password" });
    expect(accepted.ok).toBe(true);
    expect(await acceptInvitation({ token: invited.token, displayName: "Again", password: "a new long password" })).toMatchObject({ ok: false, status: 410 });
    expect(await findOpenInvitation(invited.token)).toBeNull();
    expect((await signInStaff({ email: "analyst@example.org", password: "a new long password" })).ok).toBe(true);

    await setStaffRoles({ userId: invited.userId, organisationId: org.id, roles: ["analyst", "moderator"], actorId: admin.id });
    const roles = await sql<{ role: string }[]>`select role from role_assignments where user_id = ${invited.userId} order by role`;
    expect(roles.map((r) => r.role)).toEqual(["analyst", "moderator"]);
    const audit = await sql<{ action: string }[]>`select action from audit_events where subject_id = ${invited.userId} order by id`;
    expect(audit.map((a) => a.action)).toEqual(["invite_staff", "set_roles"]);
  });
});

describe("listStaff and listOrganisations", () => {
  it("show a scoped admin only their organisations' staff, and nothing for none", async () => {
    await ensureAdmin(ADMIN);
    const [admin] = await sql<{ id: string }[]>`select id from users where email = 'root@example.org'`;
    const a = await addOrganisation({ name: "Org A", actorId: admin.id });
    const b = await addOrganisation({ name: "Org B", actorId: admin.id });
    if (!a.ok || !b.ok) throw new Error("organisations");
    await inviteStaff({ email: "in-a@example.org", organisationId: a.id, roles: ["analyst"], invitedBy: admin.id });
    await inviteStaff({ email: "in-b@example.org", organisationId: b.id, roles: ["analyst"], invitedBy: admin.id });
    const emails = (rows: { email: string }[]) => rows.map((r) => r.email);
    expect(emails(await listStaff({ organisationIds: [a.id] }))).toEqual(["in-a@example.org"]);
    expect(emails(await listStaff({ organisationIds: null }))).toEqual(expect.arrayContaining(["in-a@example.org", "in-b@example.org", "root@example.org"]));
    expect(await listStaff({ organisationIds: [] })).toEqual([]);
    expect((await listOrganisations({ ids: [b.id] })).map((o) => o.name)).toEqual(["Org B"]);
    expect(await listOrganisations({ ids: [] })).toEqual([]);
  });
});
