import path from "node:path";
import { pathToFileURL } from "node:url";
import { Writable } from "node:stream";
import type { ServerBuild } from "@remix-run/node";
import { createLogger } from "../../app/lib/logger.server";
import { startServer, type RunningServer } from "../../server/start";

import { Client } from "./client";

export { Client, csrfFrom, esc, postMultipart } from "./client";

export const ADMIN = { email: "admin@example.org", password: "a long admin password" };

/** The whole app in this process on a free loopback port, on the file's database, with the demo. */
export async function startTestServer(
  options: { yjs?: Parameters<typeof startServer>[0]["yjs"]; mail?: Parameters<typeof startServer>[0]["mail"]; translate?: Parameters<typeof startServer>[0]["translate"] } = {},
): Promise<RunningServer & { url: string; logs: string[] }> {
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  const running = await startServer({
    build,
    port: 0,
    host: "127.0.0.1",
    logger: createLogger({ destination }),
    admin: ADMIN,
    demo: true,
    ownDatabase: false,
    yjs: options.yjs,
    mail: options.mail,
    translate: options.translate,
  });
  return { ...running, url: `http://127.0.0.1:${running.port}`, logs };
}


/** A client signed in as the bootstrap admin of a test server. */
export async function signedInAdmin(base: string): Promise<Client> {
  const admin = new Client(base);
  const res = await admin.post("/login", { email: ADMIN.email, password: ADMIN.password });
  if (res.status !== 303) throw new Error(`admin sign-in failed with ${res.status}`);
  return admin;
}

/**
 * A staff member with `roles` in the organisation of deployment `deploymentSlug` (created in the database,
 * as an accepted invitation would), signed in through the real sign-in form.
 */
export async function signedInStaff(base: string, input: { email: string; roles: string[]; deploymentSlug?: string }): Promise<Client> {
  const { sql } = await import("../../db/client");
  const { hashPassword } = await import("../../app/modules/auth/passwords.server");
  const password = "a long staff password";
  const [org] = await sql<{ id: string }[]>`select organisation_id as id from deployments where slug = ${input.deploymentSlug ?? "demo"}`;
  await sql`insert into users (kind, display_name, email, password_hash) values ('staff', ${input.email.split("@")[0]}, ${input.email}, ${await hashPassword(password)})
    on conflict (email) do nothing`;
  const [user] = await sql<{ id: string }[]>`select id from users where email = ${input.email}`;
  for (const role of input.roles) {
    await sql`insert into role_assignments (user_id, organisation_id, role) values (${user.id}, ${org.id}, ${role}) on conflict do nothing`;
  }
  const client = new Client(base);
  const res = await client.post("/login", { email: input.email, password });
  if (res.status !== 303) throw new Error(`staff sign-in failed with ${res.status}`);
  return client;
}
