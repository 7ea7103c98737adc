// `node bench/yjs-apply.mjs`: where the time of loading a 10,000-item doc goes, without the server or the
// database (issue #10, for the #6 target "a 10,000-item doc loads in under 300 ms"). The doc is built as
// bench/yjs.mjs builds it (20 transactions of 500 items) plus 500 small edits, then loaded again from its
// updates one by one, from their merge, and from one snapshot; and encoded for a new client. Two rounds:
// the first includes the engine's warm-up.
import * as Y from "yjs";

const src = new Y.Doc();
const updates = [];
src.on("update", (u) => updates.push(u));
const items = src.getArray("items");
for (let n = 0; n < 10_000; n += 500) {
  src.transact(() => {
    for (let k = 0; k < 500; k++) {
      const m = new Y.Map();
      m.set("id", `item-${n + k}`);
      m.set("body", new Y.Text(`Comment ${n + k}: the scoring must be explained in plain words.`));
      items.push([m]);
    }
  });
}
for (let i = 0; i < 500; i++) src.getText("edits").insert(0, String(i % 10));

const time = (label, fn) => {
  const started = performance.now();
  const out = fn();
  console.log(`| ${label} | ${(performance.now() - started).toFixed(1)} |`);
  return out;
};
const snapshot = Y.encodeStateAsUpdate(src);
for (let round = 1; round <= 2; round++) {
  console.log(`\nRound ${round} (${updates.length} updates; snapshot ${(snapshot.length / 1024).toFixed(0)} KB)\n\n| step | ms |\n|---|---:|`);
  time("apply the updates one by one, in one transaction", () => {
    const d = new Y.Doc();
    d.transact(() => updates.forEach((u) => Y.applyUpdate(d, u)));
  });
  const merged = time("merge the updates (Y.mergeUpdates)", () => Y.mergeUpdates(updates));
  time("apply the merged update", () => Y.applyUpdate(new Y.Doc(), merged));
  const loaded = time("apply one snapshot", () => {
    const d = new Y.Doc();
    Y.applyUpdate(d, snapshot);
    return d;
  });
  time("encode the doc for a new client (its sync step 2)", () => Y.encodeStateAsUpdate(loaded));
}
