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
export async function startTestServer(options: { yjs?: Parameters<typeof startServer>[0]["yjs"] } = {}): Promise<RunningServer & { url: string; logs: string[] }> {
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
