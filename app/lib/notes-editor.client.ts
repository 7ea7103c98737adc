import * as Y from "yjs";
import { setText } from "./draft-doc";
import { connectDocument } from "./yjs-connect.client";

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
  const connection = connectDocument(docName, doc, (provider) => {
    const people: NotesState["people"] = [];
    for (const [clientId, state] of provider.awareness.getStates()) {
      const s = state as { user?: { name?: string; color?: string } };
      if (clientId !== doc.clientID && s.user?.name) people.push({ name: s.user.name, color: s.user.color ?? "#505a5f" });
    }
    onChange({ text: doc.getText(NOTES_TEXT).toString(), people, online: provider.wsconnected, synced: provider.synced });
  });
  return {
    setText: (value) => doc.transact(() => setText(doc.getText(NOTES_TEXT), value)),
    destroy: () => {
      connection.destroy();
      doc.destroy();
    },
  };
}
