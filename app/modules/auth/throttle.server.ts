import { sql as pool, type Db } from "../../../db/client";
import { sha256 } from "./tokens.server";

// Per account, not per address: we store no IP addresses (000 §55), and a per-IP limit would lock out
// a whole office or a mobile carrier's shared address. Unknown emails are throttled the same way.
export const MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;

function keyOf(email: string): string {
  return sha256(`login:${email.toLowerCase()}`);
}

/** Seconds until this account may try again, or 0. */
export async function loginLockedFor(email: string, db: Db = pool): Promise<number> {
  const [row] = await db<{ lockedUntil: Date | null }[]>`select locked_until from login_throttles where key_hash = ${keyOf(email)}`;
  const until = row?.lockedUntil?.getTime() ?? 0;
  return until > Date.now() ? Math.ceil((until - Date.now()) / 1000) : 0;
}

/** Counts a failed attempt; the fifth within the window locks the account for a while. */
export async function recordLoginFailure(email: string, db: Db = pool): Promise<void> {
  const windowStart = new Date(Date.now() - WINDOW_MS);
  const lockUntil = new Date(Date.now() + LOCK_MS);
  await db`
    insert into login_throttles (key_hash, failures, window_started_at)
    values (${keyOf(email)}, 1, now())
    on conflict (key_hash) do update set
      failures = case when login_throttles.window_started_at < ${windowStart} then 1 else login_throttles.failures + 1 end,
      window_started_at = case when login_throttles.window_started_at < ${windowStart} then now() else login_throttles.window_started_at end,
      locked_until = case
        when login_throttles.window_started_at >= ${windowStart} and login_throttles.failures + 1 >= ${MAX_FAILURES} then ${lockUntil}
        else login_throttles.locked_until end`;
}

export async function clearLoginFailures(email: string, db: Db = pool): Promise<void> {
  await db`delete from login_throttles where key_hash = ${keyOf(email)}`;
}
