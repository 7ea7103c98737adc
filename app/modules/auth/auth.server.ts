import { sql as pool, type Db, type Sql } from "../../../db/client";
import { hashPassword, spendPasswordTime, verifyPassword } from "./passwords.server";
import type { StaffRole } from "./permissions";
import { createSession } from "./sessions.server";
import { clearLoginFailures, loginLockedFor, recordLoginFailure } from "./throttle.server";
import { hashRecoveryCode, newRecoveryCode, randomToken, sha256 } from "./tokens.server";

export type Refusal = { ok: false; status: number; error: string; retryAfterSeconds?: number };
type SignedIn = { ok: true; userId: string; token: string; expiresAt: Date };

/**
 * Signs a staff member in with email and password. Refuses with one generic message whatever was
 * wrong (so it tells nobody which accounts exist), and with 429 once the account is throttled.
 */
export async function signInStaff(input: { email: string; password: string }, db: Db = pool): Promise<SignedIn | Refusal> {
  const email = input.email.toLowerCase();
  const lockedFor = await loginLockedFor(email, db);
  if (lockedFor > 0) return { ok: false, status: 429, error: "auth:errors.tooManyAttempts", retryAfterSeconds: lockedFor };
  const [user] = await db<{ id: string; passwordHash: string | null; status: string }[]>`
    select id, password_hash, status from users where email = ${email} and kind = 'staff'`;
  const good = user?.passwordHash ? await verifyPassword(user.passwordHash, input.password) : (await spendPasswordTime(input.password), false);
  if (!good || user.status !== "active") {
    await recordLoginFailure(email, db);
    return { ok: false, status: 400, error: "auth:errors.badCredentials" };
  }
  await clearLoginFailures(email, db);
  const session = await createSession(user.id, db);
  return { ok: true, userId: user.id, ...session };
}

/**
 * Creates a participant who gives only a pseudonym (001 §33: no phone, email or bank account) and
 * signs them in. Returns the recovery code, the one time it exists in clear.
 */
export async function createParticipant(
  input: { displayName: string; preferredLang?: string },
  db: Db = pool,
): Promise<{ userId: string; recoveryCode: string; token: string; expiresAt: Date }> {
  const recoveryCode = newRecoveryCode();
  const [user] = await db<{ id: string }[]>`
    insert into users (kind, display_name, preferred_lang, recovery_code_hash)
    values ('participant', ${input.displayName}, ${input.preferredLang ?? null}, ${hashRecoveryCode(recoveryCode)})
    returning id`;
  const session = await createSession(user.id, db);
  return { userId: user.id, recoveryCode, ...session };
}

/** Signs a participant in with their recovery code; refuses an unknown code with 400. */
export async function signInWithRecoveryCode(code: string, db: Db = pool): Promise<SignedIn | Refusal> {
  const [user] = await db<{ id: string }[]>`
    select id from users where recovery_code_hash = ${hashRecoveryCode(code)} and status = 'active'`;
  if (!user) return { ok: false, status: 400, error: "auth:errors.codeUnknown" };
  const session = await createSession(user.id, db);
  return { ok: true, userId: user.id, ...session };
}

/** Adds (or changes) the optional email a person gives for notices; refuses one already in use. */
export async function setNoticeEmail(userId: string, email: string, db: Db = pool): Promise<{ ok: true } | Refusal> {
  const [taken] = await db`select 1 from users where email = ${email} and id <> ${userId}`;
  if (taken) return { ok: false, status: 409, error: "auth:errors.emailTaken" };
  await db`update users set email = ${email}, updated_at = now() where id = ${userId}`;
  return { ok: true };
}

/**
 * DESIGN.md contract "admin": creates the platform admin from ADMIN_EMAIL / ADMIN_PASSWORD when no
 * user has that email. Returns whether it created one.
 */
export async function ensureAdmin(input: { email: string; password: string }, db: Sql = pool): Promise<boolean> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return db.begin(async (tx) => {
    const [created] = await tx<{ id: string }[]>`
      insert into users (kind, display_name, email, password_hash)
      values ('staff', 'Administrator', ${email}, ${passwordHash})
      on conflict (email) do nothing
      returning id`;
    if (!created) return false;
    await tx`insert into role_assignments (user_id, organisation_id, role) values (${created.id}, null, 'admin')`;
    await tx`insert into audit_events (actor_id, action, subject_type, subject_id) values (null, 'bootstrap_admin', 'user', ${created.id})`;
    return true;
  }) as Promise<boolean>;
}

const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Invites a staff member: creates the account (status invited) with its roles in one organisation and
 * returns the one-time token for the link. Refuses an email that already has an account with 409.
 */
export async function inviteStaff(
  input: { email: string; organisationId: string; roles: StaffRole[]; invitedBy: string },
  db: Sql = pool,
): Promise<{ ok: true; userId: string; token: string; expiresAt: Date } | Refusal> {
  const token = randomToken();
  const expiresAt = new Date(Date.now() + INVITATION_LIFETIME_MS);
  return db.begin(async (tx) => {
    const [user] = await tx<{ id: string }[]>`
      insert into users (kind, display_name, email, status)
      values ('staff', ${input.email}, ${input.email}, 'invited')
      on conflict (email) do nothing
      returning id`;
    if (!user) return { ok: false, status: 409, error: "admin:errors.emailTaken" } as const;
    for (const role of input.roles) {
      await tx`insert into role_assignments (user_id, organisation_id, role) values (${user.id}, ${input.organisationId}, ${role})`;
    }
    await tx`insert into invitations (token_hash, user_id, invited_by, expires_at) values (${sha256(token)}, ${user.id}, ${input.invitedBy}, ${expiresAt})`;
    await tx`
      insert into audit_events (actor_id, action, subject_type, subject_id, details)
      values (${input.invitedBy}, 'invite_staff', 'user', ${user.id}, ${tx.json({ organisationId: input.organisationId, roles: input.roles })})`;
    return { ok: true, userId: user.id, token, expiresAt } as const;
  }) as Promise<{ ok: true; userId: string; token: string; expiresAt: Date } | Refusal>;
}

/** The invitation behind a link, or null when it is unknown, used or expired. */
export async function findOpenInvitation(token: string, db: Db = pool): Promise<{ id: string; userId: string; email: string } | null> {
  const [row] = await db<{ id: string; userId: string; email: string }[]>`
    select i.id, i.user_id, u.email from invitations i join users u on u.id = i.user_id
    where i.token_hash = ${sha256(token)} and i.accepted_at is null and i.expires_at > now() and u.status = 'invited'`;
  return row ?? null;
}

/** Accepts an invitation: sets name and password, activates the account and signs it in. */
export async function acceptInvitation(
  input: { token: string; displayName: string; password: string },
  db: Sql = pool,
): Promise<SignedIn | Refusal> {
  const passwordHash = await hashPassword(input.password);
  return db.begin(async (tx) => {
    const [invitation] = await tx<{ id: string; userId: string }[]>`
      update invitations set accepted_at = now()
      where token_hash = ${sha256(input.token)} and accepted_at is null and expires_at > now()
      returning id, user_id`;
    if (!invitation) return { ok: false, status: 410, error: "auth:errors.invitationInvalid" } as const;
    await tx`
      update users set display_name = ${input.displayName}, password_hash = ${passwordHash}, status = 'active', updated_at = now()
      where id = ${invitation.userId}`;
    const session = await createSession(invitation.userId, tx);
    return { ok: true, userId: invitation.userId, ...session } as const;
  }) as Promise<SignedIn | Refusal>;
}

/** Replaces a user's roles within one organisation, recording who did it. */
export async function setStaffRoles(
  input: { userId: string; organisationId: string; roles: StaffRole[]; actorId: string },
  db: Sql = pool,
): Promise<{ ok: true } | Refusal> {
  return db.begin(async (tx) => {
    const [user] = await tx`select 1 from users where id = ${input.userId} and kind = 'staff'`;
    if (!user) return { ok: false, status: 404, error: "admin:errors.userUnknown" } as const;
    await tx`delete from role_assignments where user_id = ${input.userId} and organisation_id = ${input.organisationId}`;
    for (const role of input.roles) {
      await tx`insert into role_assignments (user_id, organisation_id, role) values (${input.userId}, ${input.organisationId}, ${role})`;
    }
    await tx`
      insert into audit_events (actor_id, action, subject_type, subject_id, details)
      values (${input.actorId}, 'set_roles', 'user', ${input.userId}, ${tx.json({ organisationId: input.organisationId, roles: input.roles })})`;
    return { ok: true } as const;
  }) as Promise<{ ok: true } | Refusal>;
}

export interface StaffRow {
  id: string;
  displayName: string;
  email: string;
  status: string;
  roles: { role: StaffRole; organisationId: string | null }[];
}

/**
 * A bounded page of staff, by email. `organisationIds` limits it to people holding a role in those
 * organisations (a scoped admin); null lists everyone (a platform admin).
 */
export async function listStaff(
  input: { organisationIds: string[] | null; limit?: number; after?: string },
  db: Db = pool,
): Promise<StaffRow[]> {
  if (input.organisationIds && input.organisationIds.length === 0) return [];
  const limit = Math.min(input.limit ?? 50, 200);
  return db<StaffRow[]>`
    select u.id, u.display_name, u.email, u.status,
      coalesce((select json_agg(json_build_object('role', r.role, 'organisationId', r.organisation_id) order by r.role)
                from role_assignments r where r.user_id = u.id), '[]'::json) as roles
    from users u
    where u.kind = 'staff'
      ${input.after ? db`and u.email > ${input.after}` : db``}
      ${input.organisationIds ? db`and exists (select 1 from role_assignments r where r.user_id = u.id and r.organisation_id in ${db(input.organisationIds)})` : db``}
    order by u.email
    limit ${limit}`;
}

/** A bounded list of organisations by name: those in `ids`, or all of them when `ids` is null. */
export async function listOrganisations(input: { ids: string[] | null; limit?: number }, db: Db = pool): Promise<{ id: string; name: string }[]> {
  if (input.ids && input.ids.length === 0) return [];
  return db<{ id: string; name: string }[]>`
    select id, name from organisations
    ${input.ids ? db`where id in ${db(input.ids)}` : db``}
    order by name limit ${Math.min(input.limit ?? 200, 500)}`;
}

/** Adds an organisation; refuses a name in use with 409. */
export async function addOrganisation(input: { name: string; actorId: string }, db: Db = pool): Promise<{ ok: true; id: string } | Refusal> {
  const [row] = await db<{ id: string }[]>`insert into organisations (name) values (${input.name}) on conflict (name) do nothing returning id`;
  if (!row) return { ok: false, status: 409, error: "admin:errors.organisationTaken" };
  await db`insert into audit_events (actor_id, action, subject_type, subject_id) values (${input.actorId}, 'add_organisation', 'organisation', ${row.id})`;
  return { ok: true, id: row.id };
}
