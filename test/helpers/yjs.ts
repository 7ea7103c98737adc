import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

/** The stock y-websocket client, as a browser uses it, with a person's cookies. */
export function connectDoc(base: string, docName: string, cookie?: string) {
  const doc = new Y.Doc();
  class WithCookie extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, cookie ? { headers: { cookie } } : {});
    }
  }
  const provider = new WebsocketProvider(`${base.replace("http", "ws")}/yjs`, docName, doc, {
    WebSocketPolyfill: WithCookie as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const synced = new Promise<void>((resolve) => provider.once("sync", (ok: boolean) => ok && resolve()));
  return { doc, provider, synced };
}

/** Waits until `check` returns something truthy, polling, for at most `ms`. */
export async function until<T>(check: () => T | undefined | false | Promise<T | undefined | false>, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Opens a raw socket and reports how the server answers: an HTTP refusal, a close code, or an open socket. */
export function rawSocket(base: string, path: string, cookie?: string): Promise<{ status?: number; closed?: number; reason?: string; ws?: WebSocket }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${base.replace("http", "ws")}${path}`, cookie ? { headers: { cookie } } : {});
    let opened = false;
    ws.on("open", () => {
      opened = true;
      // A refusal closes right after the upgrade; a socket still open a moment later is accepted.
      setTimeout(() => resolve({ ws }), 150);
    });
    ws.on("close", (code, reason) => resolve({ closed: code, reason: String(reason) }));
    ws.on("unexpected-response", (_req, res) => resolve({ status: res.statusCode }));
    ws.on("error", () => !opened && resolve({}));
  });
}
