import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";

// The y-websocket wire format (the stock `WebsocketProvider` speaks it) and our close codes.

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

/** Close codes, as in Hocuspocus (STYLE.md, "Sockets"): the reason says it in words too. */
export const CLOSE = {
  shutdown: [1001, "server shutting down"],
  malformed: [1007, "malformed message"],
  unavailable: [1011, "doc unavailable"],
  unauthenticated: [4401, "sign in to open this document"],
  forbidden: [4403, "not allowed to open this document"],
  notFound: [4404, "no such document"],
  tooLarge: [4413, "too large"],
  tooFast: [4429, "too many updates"],
  tooManyConnections: [4430, "too many open connections"],
} as const;

export function syncMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function updateMessage(update: Uint8Array): Uint8Array {
  return syncMessage((e) => syncProtocol.writeUpdate(e, update));
}

export function awarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}
