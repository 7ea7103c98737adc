import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { GENERATION, ITEMS, readItem, type BoardDocItem } from "./board-doc";

/**
 * Follows a board doc with the stock y-websocket provider (DESIGN.md contract "board doc") and calls
 * `onItems` with every item whenever the doc changes, at most once a frame. Loaded on demand, only in
 * browsers that run scripts (never in data-saver mode, where pages carry no script at all).
 *
 * The provider reconnects by itself after a dropped connection and syncs what it missed. If the server was
 * started again meanwhile, its doc is a new one (see GENERATION): the merged doc would hold each input
 * twice, so the page follows a fresh doc instead, and keeps showing what it had until that one is in.
 */
export function followBoard(docName: string, onItems: (items: BoardDocItem[]) => void): () => void {
  const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/yjs`;
  let doc: Y.Doc;
  let provider: WebsocketProvider;
  let frame = 0;
  const emit = () => {
    frame = 0;
    onItems(doc.getArray(ITEMS).toArray().map(readItem).filter((i): i is BoardDocItem => i !== null));
  };
  const follow = () => {
    doc = new Y.Doc();
    // No presence on a public board, and no cross-tab channel: each tab reads the server's doc.
    provider = new WebsocketProvider(url, docName, doc, { disableBc: true });
    provider.awareness.setLocalState(null);
    doc.on("update", () => {
      if (doc.getArray(GENERATION).length > 1) return void queueMicrotask(restart);
      if (!frame) frame = requestAnimationFrame(emit);
    });
  };
  const stop = () => {
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
    provider.destroy();
    doc.destroy();
  };
  const restart = () => {
    if (doc.getArray(GENERATION).length <= 1) return;
    stop();
    follow();
  };
  follow();
  return stop;
}
