import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { Logger } from "pino";
import { WebSocketServer, type WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import type { Sql } from "../../db/client";
import { dbConfig } from "../../db/client";
import { boardEvents, type BoardChange } from "../../app/lib/board-events.server";
import { parseCookies } from "../../app/lib/cookies";
import { serializeError } from "../../app/lib/logger.server";
import type { SessionUser } from "../../app/modules/auth/permissions";
import { isWellFormedToken, SESSION_COOKIE, validateSessionToken } from "../../app/modules/auth/sessions.server";
import { resolveAccess, type Access } from "./access";
import { BoardView } from "./board";
import {
  awarenessMessage,
  CLOSE,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  SYNC_STEP1,
  syncMessage,
  updateMessage,
} from "./protocol";
import { NOTIFY_CHANNEL, UpdateStore } from "./store";
import { extractDraft, readStoredDraft, writeContent } from "./drafts";
import { registerDocBridge, type DocBridge } from "../../app/lib/doc-bridge.server";
import type { DraftContent } from "../../app/lib/draft-doc";

/** A draft is copied into SQL this long after its last change (and at once when its last editor leaves). */
const EXTRACT_DEBOUNCE_MS = 500;

/**
 * The y-websocket endpoint `/yjs/<docName>` (DESIGN.md, "Collaborative documents"), speaking the
 * standard protocol so the stock `WebsocketProvider` connects unchanged.
 *
 * - `board:<consultationId>`: the public comment board, read by anyone who may view the consultation,
 *   written by the server only (board.ts). Client writes are dropped and counted.
 * - `draft:<draftId>`: a group's joint submission, read and written by its members. Every update is
 *   committed to PostgreSQL before it is relayed (store.ts, group commit), docs are compacted into a
 *   snapshot, and other processes on the same database receive it through LISTEN/NOTIFY.
 *
 * The session cookie on the upgrade says who connects; refusals close with a named code (protocol.ts).
 * Malformed or hostile frames close that connection only; the process stays up for everyone else.
 */

export interface YjsOptions {
  logger: Logger;
  sql: Sql;
  /** Largest message a client may send to a written doc (bytes). */
  maxMessageBytes?: number;
  /** Largest state a written doc may grow to (bytes); an update beyond it is refused. */
  maxDocBytes?: number;
  /** Open connections per signed-in person. */
  maxConnectionsPerUser?: number;
  /** Updates a connection may send in 10 seconds. */
  maxUpdatesPer10s?: number;
  /** Compaction once a doc has this many stored updates after its snapshot. */
  compactAfter?: number;
  /** Group commit window (ms). */
  batchMs?: number;
  /** How often open connections' sessions are checked again (ms). */
  sessionCheckMs?: number;
  pingMs?: number;
}

interface Conn {
  ws: WebSocket;
  access: Access;
  user: SessionUser | null;
  token: string | null;
  alive: boolean;
  /** Timestamps of recent updates, for the rate limit. */
  recent: number[];
  /** The Yjs client ids this connection announced in its awareness. */
  clientIds: Set<number>;
}

interface LiveDoc {
  name: string;
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness | null;
  conns: Set<Conn>;
  ready: Promise<void>;
  board: BoardView | null;
  /** The newest stored update this process has applied (written docs). */
  lastId: bigint;
  sinceSnapshot: number;
  compacting: boolean;
  /** About how big the doc's stored form is (its snapshot and updates), for the size limit without re-encoding it. */
  bytes: number;
  /** Draft docs: the draft's id, and the pending copy into SQL (debounced). */
  draftId: string | null;
  extractTimer: NodeJS.Timeout | null;
  extracting: Promise<void>;
  /** Which connection each presence (Yjs client id) belongs to: the first to announce it. */
  owners: Map<number, Conn>;
}

export interface YjsServer {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  stats(): { docs: number; connections: number; droppedWrites: number; refused: number };
  close(): Promise<void>;
}

/** A colour from the participant's id, so the same person keeps the same colour; nothing else is shown. */
const COLOURS = ["#1d70b8", "#d4351c", "#00703c", "#6f3f9e", "#b58840", "#28a197", "#912b88", "#505a5f"];
function colourOf(id: string): string {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return COLOURS[h % COLOURS.length];
}

export function createYjsServer(options: YjsOptions): YjsServer {
  const { logger, sql } = options;
  const limits = {
    message: options.maxMessageBytes ?? 512 * 1024,
    doc: options.maxDocBytes ?? 4 * 1024 * 1024,
    connections: options.maxConnectionsPerUser ?? 20,
    updates: options.maxUpdatesPer10s ?? 600,
    compactAfter: options.compactAfter ?? 500,
  };
  // Readers of a board send little; the limit per message is checked per doc kind below.
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.message });
  const embedded = dbConfig().mode === "embedded";
  const store = new UpdateStore(sql, logger, { batchMs: options.batchMs ?? 5, maxBatch: 500, notify: !embedded });
  const docs = new Map<string, LiveDoc>();
  const connsByUser = new Map<string, number>();
  /** Docs being dropped, whose last copy into SQL is still running (awaited on shutdown). */
  const unloading = new Set<Promise<void>>();
  let droppedWrites = 0;
  let refused = 0;

  function send(conn: Conn, message: Uint8Array): void {
    if (conn.ws.readyState !== conn.ws.OPEN) return;
    conn.ws.send(message, (err) => {
      if (err) conn.ws.terminate();
    });
  }

  function close(conn: Conn, [code, reason]: readonly [number, string]): void {
    if (conn.ws.readyState === conn.ws.OPEN) conn.ws.close(code, reason);
  }

  function open(access: Access): LiveDoc {
    const existing = docs.get(access.name);
    if (existing) return existing;
    const doc = new Y.Doc({ gc: true });
    const live: LiveDoc = {
      name: access.name,
      doc,
      awareness: null,
      conns: new Set(),
      ready: Promise.resolve(),
      board: null,
      lastId: 0n,
      sinceSnapshot: 0,
      compacting: false,
      bytes: 0,
      draftId: access.kind === "draft" ? access.draftId : null,
      extractTimer: null,
      extracting: Promise.resolve(),
      owners: new Map(),
    };
    if (access.kind === "board") {
      live.board = new BoardView(doc, access.consultationId);
      live.ready = live.board.refresh();
    } else {
      const awareness = new awarenessProtocol.Awareness(doc);
      awareness.setLocalState(null);
      live.awareness = awareness;
      const draftId = access.kind === "draft" ? access.draftId : null;
      live.ready = store.load(access.name).then(async ({ updates, lastId, sinceSnapshot }) => {
        doc.transact(() => {
          for (const u of updates) Y.applyUpdate(doc, u, "load");
        }, "load");
        live.lastId = lastId;
        live.sinceSnapshot = sinceSnapshot;
        live.bytes = updates.reduce((n, u) => n + u.length, 0);
        // A draft written before it had a doc (plain forms, the demo) starts from its SQL copy.
        if (updates.length === 0 && draftId) {
          const stored = await readStoredDraft(sql, draftId);
          if (stored) await writeServer(live, stored);
        }
      });
    }
    // Relay every change to the doc's readers, except back to the connection it came from.
    doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === "load") return;
      const message = updateMessage(update);
      for (const conn of live.conns) if (conn !== origin) send(conn, message);
      if (live.draftId) scheduleExtract(live);
    });
    docs.set(access.name, live);
    return live;
  }

  function leave(live: LiveDoc, conn: Conn): void {
    live.conns.delete(conn);
    if (conn.user) connsByUser.set(conn.user.id, (connsByUser.get(conn.user.id) ?? 1) - 1);
    for (const id of conn.clientIds) if (live.owners.get(id) === conn) live.owners.delete(id);
    if (live.awareness && conn.clientIds.size) {
      awarenessProtocol.removeAwarenessStates(live.awareness, [...conn.clientIds], conn);
    }
    if (live.conns.size === 0 && docs.get(live.name) === live) unload(live);
  }

  /** Drops a doc nobody has open, once its last changes are copied into SQL. */
  function unload(live: LiveDoc): void {
    docs.delete(live.name);
    const done = (live.draftId ? extractNow(live) : Promise.resolve()).finally(() => {
      unloading.delete(done);
      live.awareness?.destroy();
      live.doc.destroy();
    });
    unloading.add(done);
  }

  function scheduleExtract(live: LiveDoc): void {
    if (live.extractTimer) clearTimeout(live.extractTimer);
    live.extractTimer = setTimeout(() => void extractNow(live), EXTRACT_DEBOUNCE_MS);
  }

  function extractNow(live: LiveDoc): Promise<void> {
    if (live.extractTimer) clearTimeout(live.extractTimer);
    live.extractTimer = null;
    const draftId = live.draftId!;
    live.extracting = live.extracting
      .then(() => extractDraft(sql, logger, draftId, live.doc))
      .catch((err) => logger.warn({ err: serializeError(err), doc: live.name }, "draft extraction failed"));
    return live.extracting;
  }

  /**
   * A change made by the server (a plain form's edit, a draft's first load): computed on a copy, stored,
   * then applied and relayed, like an editor's update.
   */
  async function writeServer(live: LiveDoc, content: DraftContent, participationId: string | null = null): Promise<void> {
    const copy = new Y.Doc();
    // A person's plain-form edit counts as theirs (who wrote what); the server's own seeding as nobody's.
    if (participationId) {
      await sql`insert into ydoc_clients (doc, client_id, participation_id) values (${live.name}, ${copy.clientID}, ${participationId}) on conflict do nothing`;
    }
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(live.doc));
    let update: Uint8Array | null = null;
    copy.on("update", (u: Uint8Array) => (update = update ? Y.mergeUpdates([update, u]) : u));
    copy.transact(() => writeContent(copy, content));
    copy.destroy();
    if (!update) return;
    const id = await store.append(live.name, update);
    Y.applyUpdate(live.doc, update, "server");
    if (id > live.lastId) live.lastId = id;
    live.sinceSnapshot++;
    live.bytes += (update as Uint8Array).length;
  }

  /** A written doc's update: checked, stored, then applied and relayed; refused ones close the connection. */
  function receiveUpdate(live: LiveDoc, conn: Conn, update: Uint8Array): void {
    if (update.length <= 2) return; // an empty update: the normal answer of a client with nothing new
    if (!conn.access.write) {
      droppedWrites++;
      return;
    }
    const now = Date.now();
    conn.recent = conn.recent.filter((t) => now - t < 10_000);
    if (conn.recent.length >= limits.updates) {
      droppedWrites++;
      logger.info({ doc: live.name, reason: "rate" }, "yjs connection closed");
      return close(conn, CLOSE.tooFast);
    }
    conn.recent.push(now);
    // Malformed bytes throw here, before anything is stored. The client ids in it are this person's.
    const decoded = Y.decodeUpdate(update);
    if (conn.access.kind === "draft") recordClients(live, conn, decoded.structs.map((x) => x.id.client));
    if (live.bytes + update.length > limits.doc) {
      droppedWrites++;
      logger.info({ doc: live.name, reason: "doc size" }, "yjs update refused");
      return close(conn, CLOSE.tooLarge);
    }
    store.append(live.name, update).then(
      (id) => {
        if (docs.get(live.name) !== live) return;
        Y.applyUpdate(live.doc, update, conn);
        if (id > live.lastId) live.lastId = id;
        live.sinceSnapshot++;
        live.bytes += update.length;
        if (live.sinceSnapshot >= limits.compactAfter) void compact(live);
      },
      () => close(conn, CLOSE.unavailable),
    );
  }

  async function compact(live: LiveDoc): Promise<void> {
    if (live.compacting) return;
    live.compacting = true;
    try {
      const through = live.lastId;
      const state = Y.encodeStateAsUpdate(live.doc);
      await store.compact(live.name, state, through);
      live.sinceSnapshot = 0;
      live.bytes = state.length;
    } catch (err) {
      logger.warn({ err: serializeError(err), doc: live.name }, "yjs compaction failed");
    } finally {
      live.compacting = false;
    }
  }

  /** Who wrote what: each client id of a draft doc belongs to the participant whose connection used it (kept per connection for every written doc, so presence is cleared on leave). */
  function recordClients(live: LiveDoc, conn: Conn, ids: number[]): void {
    const participationId = conn.access.kind === "draft" ? conn.access.participationId : null;
    for (const clientId of new Set(ids)) {
      if (conn.clientIds.has(clientId)) continue;
      conn.clientIds.add(clientId);
      // Notes are written by staff under their own names: nothing to attribute to a participation.
      if (!participationId) continue;
      sql`
        insert into ydoc_clients (doc, client_id, participation_id) values (${live.name}, ${clientId}, ${participationId})
        on conflict do nothing`.catch((err) => logger.warn({ err: serializeError(err) }, "yjs client not recorded"));
    }
  }

  /**
   * Presence: only a pseudonym and a colour (and where the cursor is), whatever the client sends. A client
   * may pass on the states of others it knows (y-websocket does, when asked for everyone's presence): only
   * the states of its own client ids are taken, so nobody's presence is shown under someone else's name.
   */
  function receiveAwareness(live: LiveDoc, conn: Conn, update: Uint8Array): void {
    if (!live.awareness || conn.access.kind === "board") return;
    const access = conn.access;
    const colour = colourOf(access.kind === "draft" ? access.participationId : access.userId);
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const own: { id: number; clock: number; state: string }[] = [];
    for (let i = 0; i < count; i++) {
      const id = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const raw = decoding.readVarString(decoder);
      const owner = live.owners.get(id);
      if (owner && owner !== conn) continue;
      live.owners.set(id, conn);
      const state: unknown = JSON.parse(raw);
      const cursor = state && typeof state === "object" ? (state as { cursor?: unknown }).cursor : undefined;
      const clean = state && typeof state === "object" ? { user: { name: access.pseudonym, color: colour }, ...(cursor && typeof cursor === "object" ? { cursor } : {}) } : null;
      own.push({ id, clock, state: JSON.stringify(clean) });
    }
    if (!own.length) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, own.length);
    for (const e of own) {
      encoding.writeVarUint(encoder, e.id);
      encoding.writeVarUint(encoder, e.clock);
      encoding.writeVarString(encoder, e.state);
    }
    const clean = encoding.toUint8Array(encoder);
    awarenessProtocol.applyAwarenessUpdate(live.awareness, clean, conn);
    recordClients(live, conn, own.map((e) => e.id));
    const message = awarenessMessage(clean);
    for (const other of live.conns) send(other, message);
  }

  function onMessage(live: LiveDoc, conn: Conn, data: Uint8Array): void {
    if (!conn.access.write && data.length > 64 * 1024) throw new Error("oversized message from a reader");
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const step = decoding.readVarUint(decoder);
      if (step === SYNC_STEP1) {
        const stateVector = decoding.readVarUint8Array(decoder);
        send(conn, syncMessage((e) => syncProtocol.writeSyncStep2(e, live.doc, stateVector)));
      } else if (step === 1 || step === 2) {
        receiveUpdate(live, conn, decoding.readVarUint8Array(decoder));
      } else {
        throw new Error(`unknown sync step ${step}`);
      }
    } else if (type === MESSAGE_AWARENESS) {
      receiveAwareness(live, conn, decoding.readVarUint8Array(decoder));
    } else if (type === MESSAGE_QUERY_AWARENESS) {
      if (live.awareness) send(conn, awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(live.awareness, [...live.awareness.getStates().keys()])));
    } else if (type === MESSAGE_AUTH) {
      // The session cookie is the only authentication; an auth message changes nothing.
    } else {
      throw new Error(`unknown message type ${type}`);
    }
  }

  function connect(ws: WebSocket, access: Access, user: SessionUser | null, token: string | null): void {
    const conn: Conn = { ws, access, user, token, alive: true, recent: [], clientIds: new Set() };
    if (user) {
      const open = connsByUser.get(user.id) ?? 0;
      if (open >= limits.connections) {
        refused++;
        return close(conn, CLOSE.tooManyConnections);
      }
      connsByUser.set(user.id, open + 1);
    }
    const live = open(access);
    live.conns.add(conn);
    ws.on("pong", () => (conn.alive = true));
    ws.on("close", () => leave(live, conn));
    ws.on("error", () => ws.terminate());
    ws.on("message", (data, isBinary) => {
      // Handled once the doc has loaded, in arrival order: a state vector answered earlier would tell
      // the client it is in sync with an empty doc.
      void live.ready.then(
        () => {
          try {
            if (!isBinary) throw new Error("text frame");
            onMessage(live, conn, new Uint8Array(data as Buffer));
          } catch (err) {
            logger.info({ err: serializeError(err), doc: live.name }, "yjs malformed message, connection closed");
            close(conn, CLOSE.malformed);
          }
        },
        () => {},
      );
    });
    live.ready.then(
      () => {
        // Only a writer is asked for what it has. A reader's state is never taken, and asking for it would
        // make a browser send its whole board back after every reconnection: after a restart, more than a
        // reader may send, so the connection closed and reopened without end (found by the crash run of
        // bench/load.mjs, issue #10).
        if (conn.access.write) send(conn, syncMessage((e) => syncProtocol.writeSyncStep1(e, live.doc)));
        if (live.awareness && live.awareness.getStates().size) {
          send(conn, awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(live.awareness, [...live.awareness.getStates().keys()])));
        }
      },
      (err) => {
        logger.error({ err: serializeError(err), doc: live.name }, "yjs doc failed to load");
        close(conn, CLOSE.unavailable);
      },
    );
  }

  // Board docs follow SQL: each change announced after commit is read back and written in.
  const onBoardChange = (change: BoardChange) => {
    const live = docs.get(`board:${change.consultationId}`);
    if (!live?.board) return;
    const board = live.board;
    live.ready
      .then(() => board.refresh(change.inputIds))
      .catch((err) => logger.warn({ err: serializeError(err), doc: live.name }, "board doc update failed"));
  };
  boardEvents.on("change", onBoardChange);

  // Other processes' updates to a written doc open here: read them from the table and relay them.
  let unlisten: (() => Promise<void>) | null = null;
  if (!embedded) {
    sql
      .listen(NOTIFY_CHANNEL, (payload) => {
        const [name, idText] = payload.split("\n");
        const live = docs.get(name);
        if (!live || live.board || !/^\d+$/.test(idText ?? "") || BigInt(idText) <= live.lastId) return;
        live.ready
          .then(async () => {
            const after = live.lastId;
            const rows = await store.tail(name, after);
            for (const row of rows) {
              if (row.id <= live.lastId) continue;
              Y.applyUpdate(live.doc, row.data, "remote");
              live.lastId = row.id;
              live.sinceSnapshot++;
              live.bytes += row.data.length;
            }
          })
          .catch((err) => logger.warn({ err: serializeError(err), doc: name }, "yjs remote update failed"));
      })
      .then((meta) => (unlisten = () => meta.unlisten()))
      .catch((err) => logger.error({ err: serializeError(err) }, "yjs could not listen for other processes"));
  }

  const sessionCheckMs = options.sessionCheckMs ?? 60_000;
  const sessionTimer = setInterval(() => {
    for (const live of docs.values()) {
      for (const conn of live.conns) {
        if (!conn.token) continue;
        validateSessionToken(conn.token, sql)
          .then((check) => {
            if (check.status !== "valid") close(conn, CLOSE.unauthenticated);
          })
          .catch(() => {});
      }
    }
  }, sessionCheckMs);
  sessionTimer.unref();

  const pinger = setInterval(() => {
    for (const live of docs.values()) {
      for (const conn of live.conns) {
        if (!conn.alive) {
          conn.ws.terminate();
          continue;
        }
        conn.alive = false;
        conn.ws.ping();
      }
    }
  }, options.pingMs ?? 30_000);
  pinger.unref();

  const bridge: DocBridge = {
    async editDraft(draftId, content, participationId) {
      await withDraft(draftId, async (live) => {
        await writeServer(live, content, participationId);
        await extractNow(live);
      });
    },
    async snapshotDraft(draftId) {
      return withDraft(draftId, async (live) => {
        await extractNow(live);
        const clientIds = [...Y.decodeStateVector(Y.encodeStateVector(live.doc)).keys()];
        const rows = clientIds.length
          ? await sql<{ participationId: string }[]>`
              select distinct participation_id from ydoc_clients
              where doc = ${live.name} and client_id in ${sql(clientIds)} and participation_id is not null`
          : [];
        return { snapshot: Y.encodeStateAsUpdate(live.doc), contributors: rows.map((r) => r.participationId) };
      });
    },
    async flushDraft(draftId) {
      const live = docs.get(`draft:${draftId}`);
      if (live) {
        await live.ready;
        await extractNow(live);
      }
    },
  };
  const unregister = registerDocBridge(bridge);

  /** Runs `work` on a draft's doc, opening it for the while if nobody has it open. */
  async function withDraft<T>(draftId: string, work: (live: LiveDoc) => Promise<T>): Promise<T> {
    const access: Access = { kind: "draft", name: `draft:${draftId}`, draftId, write: true, participationId: "", pseudonym: "" };
    const live = open(access);
    try {
      await live.ready;
      return await work(live);
    } finally {
      if (live.conns.size === 0 && docs.get(live.name) === live) unload(live);
    }
  }

  async function userOf(req: IncomingMessage): Promise<{ user: SessionUser | null; token: string | null }> {
    const token = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    if (!isWellFormedToken(token)) return { user: null, token: null };
    const check = await validateSessionToken(token, sql);
    return check.status === "valid" ? { user: check.user, token } : { user: null, token: null };
  }

  return {
    handleUpgrade(req, socket, head) {
      const path = (req.url ?? "").split("?")[0];
      if (!path.startsWith("/yjs/")) {
        socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
        return;
      }
      // A page of another site may not open a doc with this person's cookies.
      const origin = req.headers.origin;
      const sameOrigin = !origin || origin.replace(/^https?:\/\//, "") === req.headers.host;
      let name = "";
      try {
        name = decodeURIComponent(path.slice("/yjs/".length));
      } catch {
        name = "";
      }
      userOf(req)
        .then(async ({ user, token }) => {
          const access = sameOrigin ? await resolveAccess(name.length <= 100 ? name : "", user, sql) : { refuse: CLOSE.forbidden };
          wss.handleUpgrade(req, socket, head, (ws) => {
            if ("refuse" in access) {
              refused++;
              logger.info({ reason: access.refuse[1] }, "yjs connection refused");
              ws.close(access.refuse[0], access.refuse[1]);
              return;
            }
            connect(ws, access, user, token);
          });
        })
        .catch((err) => {
          logger.error({ err: serializeError(err) }, "yjs upgrade failed");
          socket.end("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
        });
    },
    stats() {
      let connections = 0;
      for (const live of docs.values()) connections += live.conns.size;
      return { docs: docs.size, connections, droppedWrites, refused };
    },
    async close() {
      clearInterval(pinger);
      clearInterval(sessionTimer);
      boardEvents.off("change", onBoardChange);
      // Pending writes first: what a client was told is stored, is; and drafts reach SQL.
      await store.flush();
      await Promise.all([...docs.values()].filter((l) => l.draftId).map((l) => extractNow(l)));
      await Promise.all(unloading);
      unregister();
      await unlisten?.().catch(() => {});
      for (const live of docs.values()) for (const conn of live.conns) close(conn, CLOSE.shutdown);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const live of docs.values()) {
        live.awareness?.destroy();
        live.doc.destroy();
      }
      docs.clear();
    },
  };
}
