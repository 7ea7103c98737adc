import type { Logger } from "pino";
import type { Db, Sql } from "../../db/client";
import { serializeError } from "../../app/lib/logger.server";

/**
 * Durable updates of written docs (drafts, notes) in PostgreSQL (DESIGN.md, "Collaborative documents").
 * Group commit: the updates of a few milliseconds, from every doc, share one transaction; the caller
 * relays an update only once `append` has resolved, so nothing is relayed that is not stored. Other
 * processes hear of each batch through NOTIFY (channel `yjs`, payload `<doc>\n<last id>`).
 */
export const NOTIFY_CHANNEL = "yjs";

interface Pending {
  doc: string;
  data: Uint8Array;
  resolve: (id: bigint) => void;
  reject: (err: unknown) => void;
}

export class UpdateStore {
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly sql: Sql,
    private readonly logger: Logger,
    private readonly options: { batchMs: number; maxBatch: number; notify: boolean },
  ) {}

  /** Stores an update; resolves with its id once committed. */
  append(doc: string, data: Uint8Array): Promise<bigint> {
    return new Promise((resolve, reject) => {
      this.pending.push({ doc, data, resolve, reject });
      if (this.pending.length >= this.options.maxBatch) this.kick(0);
      else this.kick(this.options.batchMs);
    });
  }

  private kick(ms: number): void {
    if (this.timer && ms > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      // One batch at a time, in order: a doc's updates are committed in the order they arrived.
      this.flushing = this.flushing.then(() => this.write());
    }, ms);
  }

  private async write(): Promise<void> {
    const batch = this.pending.splice(0, this.pending.length);
    if (batch.length === 0) return;
    try {
      const rows = await this.sql.begin(async (transaction) => {
        const tx = transaction as unknown as Db;
        const inserted = (await tx`
          insert into ydoc_updates ${tx(
            // postgres.js sends a Buffer as bytea; its helper's type only lists plain values.
            batch.map((p) => ({ doc: p.doc, data: Buffer.from(p.data) })) as unknown as { doc: string; data: string }[],
            "doc",
            "data",
          )}
          returning id, doc`) as unknown as { id: string; doc: string }[];
        if (this.options.notify) {
          const last = new Map<string, bigint>();
          for (const r of inserted) if (BigInt(r.id) > (last.get(r.doc) ?? 0n)) last.set(r.doc, BigInt(r.id));
          for (const [doc, id] of last) await tx`select pg_notify(${NOTIFY_CHANNEL}, ${`${doc}\n${id}`})`;
        }
        return inserted;
      }) as { id: string; doc: string }[];
      // RETURNING follows the order of the VALUES list for a single INSERT.
      batch.forEach((p, i) => p.resolve(BigInt(rows[i].id)));
    } catch (err) {
      this.logger.error({ err: serializeError(err), updates: batch.length }, "yjs updates not stored");
      for (const p of batch) p.reject(err);
    }
  }

  /** Waits until everything appended so far is committed (graceful shutdown). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      this.flushing = this.flushing.then(() => this.write());
    }
    await this.flushing;
  }

  /**
   * The doc's stored state: its snapshot (if any) and every update after it, oldest first. Read in one
   * repeatable-read transaction, so a compaction committing meanwhile cannot hide updates from it.
   */
  async load(doc: string): Promise<{ updates: Uint8Array[]; lastId: bigint; sinceSnapshot: number }> {
    const [snapshot, tail] = (await this.sql.begin("isolation level repeatable read", async (tx) => {
      const [snap] = await tx<{ state: Buffer; throughId: string }[]>`select state, through_id from ydoc_snapshots where doc = ${doc}`;
      const rows = await tx<{ id: string; data: Buffer }[]>`
        select id, data from ydoc_updates where doc = ${doc} and id > ${snap ? snap.throughId : "0"} order by id`;
      return [snap, rows];
    })) as [{ state: Buffer; throughId: string } | undefined, { id: string; data: Buffer }[]];
    const after = snapshot ? BigInt(snapshot.throughId) : 0n;
    const updates = [...(snapshot ? [new Uint8Array(snapshot.state)] : []), ...tail.map((t) => new Uint8Array(t.data))];
    return { updates, lastId: tail.length ? BigInt(tail[tail.length - 1].id) : after, sinceSnapshot: tail.length };
  }

  /** The doc's updates after `afterId`, oldest first. */
  async tail(doc: string, afterId: bigint): Promise<{ id: bigint; data: Uint8Array }[]> {
    const rows = await this.sql<{ id: string; data: Buffer }[]>`
      select id, data from ydoc_updates where doc = ${doc} and id > ${afterId.toString()} order by id`;
    return rows.map((r) => ({ id: BigInt(r.id), data: new Uint8Array(r.data) }));
  }

  /** Folds the doc's updates up to `throughId` into one snapshot, in one transaction. */
  async compact(doc: string, state: Uint8Array, throughId: bigint): Promise<void> {
    await this.sql.begin(async (tx) => {
      await tx`
        insert into ydoc_snapshots (doc, state, through_id) values (${doc}, ${Buffer.from(state)}, ${throughId.toString()})
        on conflict (doc) do update set state = excluded.state, through_id = excluded.through_id, updated_at = now()
        where ydoc_snapshots.through_id < excluded.through_id`;
      await tx`delete from ydoc_updates where doc = ${doc} and id <= ${throughId.toString()}`;
    });
  }
}
