import crypto from "node:crypto";
import type { Sql } from "../db/client";

// Double-submit token bound to a key: the browser holds a random value in an httpOnly cookie, each form
// carries HMAC(key, value). A forged cross-site form has neither; a cookie planted from a sibling domain
// still lacks the HMAC. SameSite=Lax on every cookie is the second line.
export const CSRF_COOKIE = "csrf";
export const CSRF_FIELD = "_csrf";
export const CSRF_HEADER = "x-csrf-token";

/** Loads the CSRF key, creating it on the first start; shared by every instance through the database. */
export async function loadCsrfKey(sql: Sql): Promise<Buffer> {
  const fresh = crypto.randomBytes(32).toString("base64");
  await sql`insert into app_secrets (name, value) values ('csrf', ${fresh}) on conflict (name) do nothing`;
  const [row] = await sql<{ value: string }[]>`select value from app_secrets where name = 'csrf'`;
  return Buffer.from(row.value, "base64");
}

export function newCsrfSecret(): string {
  return crypto.randomBytes(18).toString("base64url");
}

export function csrfTokenFor(key: Buffer, secret: string): string {
  return crypto.createHmac("sha256", key).update(secret).digest("base64url");
}

export function isValidCsrf(key: Buffer, secret: string | undefined, token: string | undefined | null): boolean {
  if (!secret || !token) return false;
  const expected = Buffer.from(csrfTokenFor(key, secret));
  const given = Buffer.from(token);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}
