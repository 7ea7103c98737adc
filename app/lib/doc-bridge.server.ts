import type { DraftContent } from "./draft-doc";

/**
 * How route actions reach the collaborative-documents server (server/yjs) in the same process: a plain
 * form's edit of a draft goes into the draft's doc like any editor's, and the submit step first copies
 * the doc's latest state into SQL. One object through globalThis: the Remix build and the server bundle
 * each carry their own copy of this module.
 */
export interface DocBridge {
  /**
   * Writes `content` into the draft's doc (stored, relayed to its editors) and copies it into SQL; the
   * edit is recorded as `participationId`'s.
   */
  editDraft(draftId: string, content: DraftContent, participationId: string): Promise<void>;
  /** Copies the draft's doc into SQL now, if it is open in this process. */
  flushDraft(draftId: string): Promise<void>;
  /** The doc as it is now (a Yjs update holding all of it) and the participants whose edits are in it. */
  snapshotDraft(draftId: string): Promise<{ snapshot: Uint8Array; contributors: string[] }>;
}

// Several servers can run in one process (tests of scale-out): the oldest one still running answers.
const holder = globalThis as unknown as { __consultDocBridges?: Set<DocBridge> };
const bridges = (holder.__consultDocBridges ??= new Set());

export function registerDocBridge(bridge: DocBridge): () => void {
  bridges.add(bridge);
  return () => void bridges.delete(bridge);
}

export function docBridge(): DocBridge | null {
  for (const bridge of bridges) return bridge;
  return null;
}
