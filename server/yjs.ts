import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { Logger } from "pino";
import { WebSocketServer, type WebSocket } from "ws";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { sql } from "../db/client";
import { fieldsOf, ITEMS } from "../app/lib/board-doc";
import { boardEvents, type BoardChange } from "../app/lib/board-events.server";
import { serializeError } from "../app/lib/logger.server";
import { listBoardDocRows, type BoardDocRow } from "../app/modules/inputs/inputs.server";

/**
 * The y-websocket endpoint `/yjs/<docName>` (DESIGN.md, "Collaborative documents"), speaking the
 * standard protocol so the stock `WebsocketProvider` connects unchanged.
 *
 * This first part serves board docs, `board:<consultationId>`: the public comment board, which anyone
 * who may view the consultation reads and only the server writes. The doc is a view of the `inputs`
 * table: built from SQL when its first reader connects, then kept current by `addInput` and moderation
 * (boardChanged, after their transaction commits), and dropped from memory when its last reader leaves.
 * Draft and notes docs, persistence of client edits, fan-out across processes and the limits of a
 * read-write doc come with TODO(#6).
 */

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_QUERY_AWARENESS = 3;
const SYNC_STEP1 = 0;
/** Readers send a state vector and little else; anything bigger is not a reader. */
const MAX_READER_MESSAGE = 64 * 1024;
const PING_MS = 30_000;
const BOARD_DOC = /^board:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

interface LoadedDoc {
  name: string;
  consultationId: string;
  doc: Y.Doc;
  /** Each input's Y.Map by input id, to update an input in place. */
  index: Map<string, Y.Map<unknown>>;
  conns: Set<WebSocket>;
  ready: Promise<void>;
}

/** Writes an input into its Y.Map: only the fields that changed, and the words only if they did. */
function writeItem(map: Y.Map<unknown>, row: BoardDocRow): void {
  for (const [key, value] of Object.entries(fieldsOf(row))) {
    if (JSON.stringify(map.get(key) ?? null) !== JSON.stringify(value ?? null)) map.set(key, value);
  }
  let text = map.get("body");
  if (!(text instanceof Y.Text)) {
    text = new Y.Text();
    map.set("body", text);
  }
  const body = text as Y.Text;
  if (body.toString() !== row.body) {
    body.delete(0, body.length);
    body.insert(0, row.body);
  }
}

export interface YjsServer {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  stats(): { docs: number; connections: number; droppedWrites: number };
  close(): Promise<void>;
}

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function syncMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function createYjsServer(options: { logger: Logger }): YjsServer {
  const { logger } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_READER_MESSAGE });
  const docs = new Map<string, LoadedDoc>();
  const alive = new WeakMap<WebSocket, boolean>();
  let droppedWrites = 0;

  async function upsert(loaded: LoadedDoc, inputIds?: string[]): Promise<void> {
    const rows = await listBoardDocRows({ consultationId: loaded.consultationId, inputIds });
    const items = loaded.doc.getArray<Y.Map<unknown>>(ITEMS);
    loaded.doc.transact(() => {
      for (const row of rows) {
        let map = loaded.index.get(row.id);
        if (!map) {
          map = new Y.Map();
          items.push([map]);
          loaded.index.set(row.id, map);
        }
        writeItem(map, row);
      }
    });
  }

  function open(name: string, consultationId: string): LoadedDoc {
    const existing = docs.get(name);
    if (existing) return existing;
    const doc = new Y.Doc({ gc: true });
    const loaded: LoadedDoc = { name, consultationId, doc, index: new Map(), conns: new Set(), ready: Promise.resolve() };
    loaded.ready = upsert(loaded);
    doc.on("update", (update: Uint8Array) => {
      const message = syncMessage((e) => syncProtocol.writeUpdate(e, update));
      for (const ws of loaded.conns) send(ws, message);
    });
    docs.set(name, loaded);
    return loaded;
  }

  function send(ws: WebSocket, message: Uint8Array): void {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(message, (err) => {
      if (err) ws.terminate();
    });
  }

  function leave(loaded: LoadedDoc, ws: WebSocket): void {
    loaded.conns.delete(ws);
    if (loaded.conns.size === 0 && docs.get(loaded.name) === loaded) {
      docs.delete(loaded.name);
      loaded.doc.destroy();
    }
  }

  /** A reader's message: a state vector gets the missing updates; any write is dropped and counted. */
  function onMessage(loaded: LoadedDoc, ws: WebSocket, data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const step = decoding.readVarUint(decoder);
      if (step === SYNC_STEP1) {
        const stateVector = decoding.readVarUint8Array(decoder);
        send(ws, syncMessage((e) => syncProtocol.writeSyncStep2(e, loaded.doc, stateVector)));
      } else {
        // Step 2 or an update from a client: the board is written by the server only. An empty one is
        // the normal answer of a client with nothing to add.
        const update = decoding.readVarUint8Array(decoder);
        if (update.length > 2) droppedWrites++;
      }
    } else if (type === MESSAGE_AWARENESS || type === MESSAGE_QUERY_AWARENESS) {
      // No presence on a public board: nothing is said about who is reading.
    } else {
      throw new Error(`unknown message type ${type}`);
    }
  }

  const onChange = (change: BoardChange) => {
    const loaded = docs.get(`board:${change.consultationId}`);
    if (!loaded) return;
    loaded.ready
      .then(() => upsert(loaded, change.inputIds))
      .catch((err) => logger.warn({ err: serializeError(err), doc: loaded.name }, "board doc update failed"));
  };
  boardEvents.on("change", onChange);

  const pinger = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, PING_MS);
  pinger.unref();

  return {
    handleUpgrade(req, socket, head) {
      const path = (req.url ?? "").split("?")[0];
      if (!path.startsWith("/yjs/")) return refuse(socket, "404 Not Found");
      let name: string;
      try {
        name = decodeURIComponent(path.slice("/yjs/".length));
      } catch {
        return refuse(socket, "400 Bad Request");
      }
      const board = BOARD_DOC.exec(name);
      if (!board) {
        logger.info({ reason: "unknown doc" }, "yjs connection refused");
        return refuse(socket, "404 Not Found");
      }
      const consultationId = board[1];
      // Everyone who may view the consultation may read its board: public unless it is still a draft.
      sql`select 1 from consultations where id = ${consultationId} and status <> 'draft'`
        .then(([visible]) => {
          if (!visible) {
            logger.info({ reason: "no such public consultation" }, "yjs connection refused");
            return refuse(socket, "404 Not Found");
          }
          wss.handleUpgrade(req, socket, head, (ws) => {
            const loaded = open(name, consultationId);
            loaded.conns.add(ws);
            alive.set(ws, true);
            ws.on("pong", () => alive.set(ws, true));
            ws.on("close", () => leave(loaded, ws));
            ws.on("error", () => ws.terminate());
            ws.on("message", (data, isBinary) => {
              // Answered once the doc has loaded, in arrival order: a state vector answered earlier
              // would tell the client it is in sync with an empty doc.
              void loaded.ready.then(() => {
                try {
                  if (!isBinary) throw new Error("text frame");
                  onMessage(loaded, ws, new Uint8Array(data as Buffer));
                } catch (err) {
                  logger.info({ err: serializeError(err), doc: name }, "yjs malformed message, connection closed");
                  ws.close(1007, "malformed message");
                }
              }, () => {});
            });
            loaded.ready.then(
              () => send(ws, syncMessage((e) => syncProtocol.writeSyncStep1(e, loaded.doc))),
              (err) => {
                logger.error({ err: serializeError(err), doc: name }, "board doc failed to load");
                ws.close(1011, "doc unavailable");
              },
            );
          });
        })
        .catch((err) => {
          logger.error({ err: serializeError(err) }, "yjs upgrade failed");
          refuse(socket, "503 Service Unavailable");
        });
    },
    stats() {
      return { docs: docs.size, connections: wss.clients.size, droppedWrites };
    },
    async close() {
      clearInterval(pinger);
      boardEvents.off("change", onChange);
      for (const ws of wss.clients) ws.close(1001, "server shutting down");
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const loaded of docs.values()) loaded.doc.destroy();
      docs.clear();
    },
  };
}
