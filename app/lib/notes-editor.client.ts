import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { setText } from "./draft-doc";

/**
 * The analysts' shared notes on an assessment (doc `notes:<assessmentId>`, DESIGN.md): one shared text,
 * over the stock y-websocket provider, with who else is reading. Working notes only: never published.
 * Loaded on demand, only on the staff assessment page, only with scripts.
 */
export interface NotesState {
  text: string;
  people: { name: string; color: string }[];
  online: boolean;
  synced: boolean;
}

export const NOTES_TEXT = "notes";

export function openNotes(docName: string, onChange: (state: NotesState) => void): { setText(value: string): void; destroy(): void } {
  const doc = new Y.Doc();
  const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/yjs`;
  const provider = new WebsocketProvider(url, docName, doc, { disableBc: true });
  // The server shows this person under their staff name and a colour, whatever is set here.
  provider.awareness.setLocalState({ cursor: null });
  let frame = 0;
  const emit = () => {
    frame = 0;
    const people: NotesState["people"] = [];
    for (const [clientId, state] of provider.awareness.getStates()) {
      const s = state as { user?: { name?: string; color?: string } };
      if (clientId !== doc.clientID && s.user?.name) people.push({ name: s.user.name, color: s.user.color ?? "#505a5f" });
    }
    onChange({ text: doc.getText(NOTES_TEXT).toString(), people, online: provider.wsconnected, synced: provider.synced });
  };
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(emit);
  };
  doc.on("update", schedule);
  provider.awareness.on("change", schedule);
  provider.on("status", schedule);
  provider.on("sync", schedule);
  return {
    setText: (value) => doc.transact(() => setText(doc.getText(NOTES_TEXT), value)),
    destroy: () => {
      if (frame) cancelAnimationFrame(frame);
      provider.destroy();
      doc.destroy();
    },
  };
}
