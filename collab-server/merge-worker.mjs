// Folds a document's update log into one snapshot, off the collab-server's event loop: replaying
// hundreds of updates takes tens of milliseconds, during which live edits would otherwise wait.
import { parentPort } from "node:worker_threads";
import * as Y from "yjs";

parentPort.on("message", ({ id, snapshot, updates }) => {
  try {
    const doc = new Y.Doc({ gc: true });
    Y.applyUpdate(doc, snapshot);
    for (const u of updates) Y.applyUpdate(doc, u);
    const merged = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    parentPort.postMessage({ id, merged }, [merged.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
