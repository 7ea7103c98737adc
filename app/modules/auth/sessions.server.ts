import { sql as pool, type Db } from "../../../db/client";
import { serializeCookie } from "~/lib/cookies";
import type { RoleGrant, SessionUser } from "./permissions";
import { randomToken, sha256 } from "./tokens.server";

// docs/decisions/004-sessions-without-lucia.md: Lucia 3's session recipe, written out. The cookie holds
// a random token; the table holds its sha256, so a leaked table or log cannot be replayed.
export const SESSION_COOKIE = "sid";
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY;
/** A session used in its second half is extended, so active people are never signed out. */
const RENEW_WITHIN_MS = 15 * DAY;

export interface ValidSession {
  status: "valid";
  user: SessionUser;
  expiresAt: Date;
  /** Set when the expiry moved and the cookie must be sent again. */
  renewed: boolean;
}
/** `expired` covers both a past expiry and a token the table no longer knows (signed out elsewhere). */
export type SessionCheck = ValidSession | { status: "expired" } | { status: "none" };

/** Creates a session for `userId`; returns the token for the cookie (never stored) and its expiry. */
export async function createSession(userId: string, db: Db = pool): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
  await db`insert into sessions (id, user_id, expires_at) values (${sha256(token)}, ${userId}, ${expiresAt})`;
  return { token, expiresAt };
}

/** A cookie value we could have issued: anything else is ignored without touching the database. */
export function isWellFormedToken(token: string | undefined): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{20,64}$/.test(token);
}

/** Looks the token up (one indexed query), drops it when expired, renews it in its second half. */
export async function validateSessionToken(token: string, db: Db = pool): Promise<SessionCheck> {
  if (!isWellFormedToken(token)) return { status: "none" };
  const id = sha256(token);
  const [row] = await db<
    { expiresAt: Date; userId: string; kind: "staff" | "participant"; displayName: string; email: string | null; status: string; roles: RoleGrant[] }[]
  >`
    select s.expires_at, u.id as user_id, u.kind, u.display_name, u.email, u.status,
      coalesce((select json_agg(json_build_object('role', r.role, 'organisationId', r.organisation_id))
                from role_assignments r where r.user_id = u.id), '[]'::json) as roles
    from sessions s join users u on u.id = s.user_id
    where s.id = ${id}`;
  if (!row) return { status: "expired" };
  if (row.expiresAt.getTime() <= Date.now() || row.status !== "active") {
    await db`delete from sessions where id = ${id}`;
    return { status: "expired" };
  }
  let expiresAt = row.expiresAt;
  let renewed = false;
  if (expiresAt.getTime() - Date.now() < RENEW_WITHIN_MS) {
    expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
    await db`update sessions set expires_at = ${expiresAt} where id = ${id}`;
    renewed = true;
  }
  // json_agg keeps the keys as written, so roles arrive camelCased already.
  const user: SessionUser = { id: row.userId, kind: row.kind, displayName: row.displayName, email: row.email, roles: row.roles };
  return { status: "valid", user, expiresAt, renewed };
}

/** Ends the session this token belongs to. */
export async function invalidateSession(token: string, db: Db = pool): Promise<void> {
  if (!isWellFormedToken(token)) return;
  await db`delete from sessions where id = ${sha256(token)}`;
}

/** "Sign out everywhere": ends every session of the user. */
export async function invalidateUserSessions(userId: string, db: Db = pool): Promise<number> {
  const result = await db`delete from sessions where user_id = ${userId}`;
  return result.count;
}

/** Removes expired rows in bounded batches; called on a timer, never per request. */
export async function deleteExpiredSessions(db: Db = pool, batch = 1000): Promise<number> {
  const result = await db`
    delete from sessions where id in (select id from sessions where expires_at < now() limit ${batch})`;
  return result.count;
}

export interface CookieOptions {
  secure: boolean;
}

/** The session cookie: httpOnly, SameSite=Lax, Secure when served over HTTPS. */
export function sessionCookie(token: string, expiresAt: Date, options: CookieOptions): string {
  const maxAgeSeconds = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return serializeCookie(SESSION_COOKIE, token, { maxAgeSeconds, secure: options.secure });
}

export function clearSessionCookie(options: CookieOptions): string {
  return serializeCookie(SESSION_COOKIE, "", { maxAgeSeconds: 0, secure: options.secure });
}
