import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

/**
 * A loopback port nobody holds, chosen by the operating system. A random number in 20000–40000 could be
 * one the kernel had just given an outgoing connection (its ephemeral range starts at 32768): the server
 * then failed to listen and a test waited a minute for a health check that could not come.
 */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", resolve);
  });
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface BuiltServer {
  child: ChildProcess;
  exited: Promise<number | null>;
  /** What the process wrote to stdout and stderr (the app logs codes and messages, never input text). */
  output(): string;
}

/** Runs the built server (`build/server/index.js`) as `npm start` does, with `env` on top of production defaults. */
export function runBuilt(env: Record<string, string | undefined>, children?: ChildProcess[]): BuiltServer {
  const child = spawn(process.execPath, ["build/server/index.js"], {
    env: { PATH: process.env.PATH, NODE_ENV: "production", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children?.push(child);
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/**
 * Polls /healthz until it answers ok, for at most `limitMs`, and returns the time it took. If the process
 * exits first, fails at once with the end of what it printed rather than wait out the limit.
 */
export async function waitHealthy(base: string, server: BuiltServer, limitMs = 60_000): Promise<number> {
  const started = Date.now();
  let gone = false;
  void server.exited.then(() => (gone = true));
  while (Date.now() - started < limitMs) {
    if (gone) throw new Error(`the server exited (code ${server.child.exitCode}, signal ${server.child.signalCode}) before it was healthy:\n${server.output().slice(-2000)}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok && (await res.json()).ok) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not healthy within ${limitMs} ms:\n${server.output().slice(-2000)}`);
}
