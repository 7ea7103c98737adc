import { describe, expect, it } from "vitest";
import { sql } from "../../../db/client";
import { createParticipant } from "../../../app/modules/auth/auth.server";
import {
  createSession,
  deleteExpiredSessions,
  invalidateSession,
  invalidateUserSessions,
  SESSION_LIFETIME_MS,
  validateSessionToken,
} from "../../../app/modules/auth/sessions.server";
import { sha256 } from "../../../app/modules/auth/tokens.server";

async function participant() {
  return createParticipant({ displayName: `p-${Math.random().toString(36).slice(2, 8)}` });
}

describe("sessions", () => {
  it("stores only the token's hash, and the token finds its user", async () => {
    const p = await participant();
    const rows = await sql<{ id: string }[]>`select id from sessions where user_id = ${p.userId}`;
    expect(rows.map((r) => r.id)).toEqual([sha256(p.token)]);
    const check = await validateSessionToken(p.token);
    expect(check.status).toBe("valid");
    if (check.status === "valid") expect(check.user.id).toBe(p.userId);
  });

  it("says 'expired' and deletes the row once the expiry has passed", async () => {
    const p = await participant();
    await sql`update sessions set expires_at = now() - interval '1 minute' where id = ${sha256(p.token)}`;
    expect((await validateSessionToken(p.token)).status).toBe("expired");
    expect(await sql`select 1 from sessions where id = ${sha256(p.token)}`).toHaveLength(0);
  });

  it("renews a session used in its second half", async () => {
    const p = await participant();
    await sql`update sessions set expires_at = now() + interval '2 days' where id = ${sha256(p.token)}`;
    const check = await validateSessionToken(p.token);
    expect(check.status === "valid" && check.renewed).toBe(true);
    const [row] = await sql<{ expiresAt: Date }[]>`select expires_at from sessions where id = ${sha256(p.token)}`;
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + SESSION_LIFETIME_MS - 60_000);
  });

  it("treats a malformed token as no session, without a query error", async () => {
    expect((await validateSessionToken("'; drop table sessions; --")).status).toBe("none");
    expect((await validateSessionToken("")).status).toBe("none");
  });

  it("signs out one session, or every session of the user", async () => {
    const p = await participant();
    const second = await createSession(p.userId);
    const third = await createSession(p.userId);
    await invalidateSession(second.token);
    expect((await validateSessionToken(second.token)).status).toBe("expired");
    expect((await validateSessionToken(third.token)).status).toBe("valid");
    expect(await invalidateUserSessions(p.userId)).toBe(2);
    expect((await validateSessionToken(p.token)).status).toBe("expired");
    expect((await validateSessionToken(third.token)).status).toBe("expired");
  });

  it("sweeps expired rows and keeps live ones", async () => {
    const live = await participant();
    const old = await participant();
    await sql`update sessions set expires_at = now() - interval '1 day' where user_id = ${old.userId}`;
    expect(await deleteExpiredSessions()).toBeGreaterThanOrEqual(1);
    expect(await sql`select 1 from sessions where user_id = ${old.userId}`).toHaveLength(0);
    expect(await sql`select 1 from sessions where user_id = ${live.userId}`).toHaveLength(1);
  });
});
