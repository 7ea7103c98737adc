import * as Y from "yjs";
import { fieldsOf, GENERATION, ITEMS } from "../../app/lib/board-doc";
import { listBoardDocRows, type BoardDocRow } from "../../app/modules/inputs/inputs.server";

/**
 * Board docs, `board:<consultationId>`: the public comment board as a Yjs doc. It is a view of the
 * `inputs` table (the source of truth): built from SQL when its first reader connects, then updated from
 * SQL for each change that `addInput`, moderation or an account deletion announce after commit.
 */
export class BoardView {
  /** Each input's Y.Map by input id, to update an input in place. */
  private index = new Map<string, Y.Map<unknown>>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly consultationId: string,
  ) {
    doc.transact(() => doc.getArray<string>(GENERATION).push([crypto.randomUUID()]), "server");
  }

  /** Reads the inputs (all of them, or the ones named) from SQL and writes them into the doc. */
  async refresh(inputIds?: string[]): Promise<void> {
    const rows = await listBoardDocRows({ consultationId: this.consultationId, inputIds });
    const items = this.doc.getArray<Y.Map<unknown>>(ITEMS);
    this.doc.transact(() => {
      for (const row of rows) {
        let map = this.index.get(row.id);
        if (!map) {
          map = new Y.Map();
          items.push([map]);
          this.index.set(row.id, map);
        }
        writeItem(map, row);
      }
    }, "server");
  }
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
