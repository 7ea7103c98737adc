import { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";

/**
 * Connects `doc` to the server's doc `docName` with the stock y-websocket provider, and calls `onFrame`
 * at most once per animation frame after the doc, the presence of others or the connection changed.
 * Presence starts empty: the server fills in who this person is (a pseudonym or a staff name) and a colour.
 */
export function connectDocument(docName: string, doc: Y.Doc, onFrame: (provider: WebsocketProvider) => void): { provider: WebsocketProvider; destroy(): void } {
  const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/yjs`;
  const provider = new WebsocketProvider(url, docName, doc, { disableBc: true });
  provider.awareness.setLocalState({ cursor: null });
  let frame = 0;
  const schedule = () => {
    if (!frame)
      frame = requestAnimationFrame(() => {
        frame = 0;
        onFrame(provider);
      });
  };
  doc.on("update", schedule);
  provider.awareness.on("change", schedule);
  provider.on("status", schedule);
  provider.on("sync", schedule);
  return {
    provider,
    destroy: () => {
      if (frame) cancelAnimationFrame(frame);
      provider.destroy();
    },
  };
}
