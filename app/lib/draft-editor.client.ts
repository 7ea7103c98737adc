import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { DRAFT_ITEMS, DRAFT_TITLE, setText, type DraftContent } from "./draft-doc";
import { connectDocument } from "./yjs-connect.client";

/**
 * The joint-submission editor's connection to its draft doc (issue #6): the stock y-websocket provider,
 * with a copy kept in this browser (y-indexeddb) so edits made offline survive a closed tab and merge
 * when the connection returns. Loaded on demand, only on a group's page, only with scripts.
 */
export interface Person {
  name: string;
  color: string;
  section: number | null;
}

export interface DraftState {
  content: DraftContent;
  people: Person[];
  online: boolean;
}

export interface DraftSession {
  setTitle(value: string): void;
  setField(index: number, field: "heading" | "body", value: string): void;
  setRef(index: number, value: string | null): void;
  addSection(): void;
  /** Tells the others which section this person is writing in (null: none). */
  focus(index: number | null): void;
  destroy(): void;
}

function text(map: Y.Map<unknown>, field: string): Y.Text {
  let t = map.get(field);
  if (!(t instanceof Y.Text)) {
    t = new Y.Text();
    map.set(field, t);
  }
  return t as Y.Text;
}

function readState(doc: Y.Doc, provider: WebsocketProvider): DraftState {
  const sections = doc
    .getArray<unknown>(DRAFT_ITEMS)
    .toArray()
    .filter((item): item is Y.Map<unknown> => item instanceof Y.Map)
    .map((item) => ({
      heading: String(item.get("heading") ?? ""),
      body: String(item.get("body") ?? ""),
      sectionRef: typeof item.get("sectionRef") === "string" ? (item.get("sectionRef") as string) : null,
    }));
  const people: Person[] = [];
  for (const [clientId, state] of provider.awareness.getStates()) {
    if (clientId === doc.clientID) continue;
    const s = state as { user?: { name?: string; color?: string }; cursor?: { section?: number } };
    if (s.user?.name) people.push({ name: s.user.name, color: s.user.color ?? "#505a5f", section: typeof s.cursor?.section === "number" ? s.cursor.section : null });
  }
  return { content: { title: doc.getText(DRAFT_TITLE).toString(), sections }, people, online: provider.wsconnected };
}

export function openDraft(docName: string, onChange: (state: DraftState) => void): DraftSession {
  const doc = new Y.Doc();
  const local = new IndexeddbPersistence(`consult:${docName}`, doc);
  const { provider, destroy } = connectDocument(docName, doc, (p) => onChange(readState(doc, p)));
  const items = () => doc.getArray<Y.Map<unknown>>(DRAFT_ITEMS);
  const item = (i: number) => {
    const it = items().get(i);
    return it instanceof Y.Map ? it : null;
  };
  return {
    setTitle: (value) => doc.transact(() => setText(doc.getText(DRAFT_TITLE), value)),
    setField: (i, field, value) => {
      const it = item(i);
      if (it) doc.transact(() => setText(text(it, field), value));
    },
    setRef: (i, value) => item(i)?.set("sectionRef", value),
    addSection: () =>
      doc.transact(() => {
        const it = new Y.Map<unknown>();
        it.set("id", crypto.randomUUID());
        it.set("kind", "joint_section");
        it.set("heading", new Y.Text());
        it.set("body", new Y.Text());
        it.set("sectionRef", null);
        items().push([it]);
      }),
    focus: (i) => provider.awareness.setLocalStateField("cursor", i === null ? null : { section: i }),
    destroy: () => {
      destroy();
      void local.destroy();
      doc.destroy();
    },
  };
}
