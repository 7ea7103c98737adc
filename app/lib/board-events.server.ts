import { EventEmitter } from "node:events";

/**
 * Tells the live board docs (server/yjs.ts) that inputs were written or changed, after their
 * transaction has committed. One emitter through globalThis: the Remix build and the server bundle
 * each have their own copy of this module, and both must reach the same listeners.
 */
export interface BoardChange {
  consultationId: string;
  inputIds: string[];
}

const holder = globalThis as unknown as { __consultBoardEvents?: EventEmitter };
export const boardEvents: EventEmitter = (holder.__consultBoardEvents ??= new EventEmitter().setMaxListeners(50));

export function boardChanged(change: BoardChange): void {
  if (change.inputIds.length) boardEvents.emit("change", change);
}
