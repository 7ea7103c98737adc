import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { ITEMS, readItem, type BoardDocItem } from "./board-doc";

/**
 * Follows a board doc with the stock y-websocket provider (DESIGN.md contract "board doc") and calls
 * `onItems` with every item whenever the doc changes, at most once a frame. Loaded on demand, only in
 * browsers that run scripts (never in data-saver mode, where pages carry no script at all).
 */
export function followBoard(docName: string, onItems: (items: BoardDocItem[]) => void): () => void {
  const doc = new Y.Doc();
  const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/yjs`;
  // No presence on a public board, and no cross-tab channel: each tab reads the server's doc.
  const provider = new WebsocketProvider(url, docName, doc, { disableBc: true });
  provider.awareness.setLocalState(null);
  let frame = 0;
  const emit = () => {
    frame = 0;
    onItems(doc.getArray(ITEMS).toArray().map(readItem).filter((i): i is BoardDocItem => i !== null));
  };
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(emit);
  };
  doc.on("update", schedule);
  return () => {
    if (frame) cancelAnimationFrame(frame);
    provider.destroy();
    doc.destroy();
  };
}
