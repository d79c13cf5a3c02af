import { Worker } from "node:worker_threads";
import type { Extension } from "@hocuspocus/server";
import type { Logger } from "pino";
import * as Y from "yjs";
import type { Db } from "../db/client";
import { appendUpdates, compactDocument, loadDocument } from "../db/queries/collab";
import { documentUpdates } from "./protocol";

/**
 * Postgres persistence for the collab-server: an update log plus compaction into a snapshot.
 *
 * Durability: every document update a client sends is appended to `collab_update` *before* Hocuspocus
 * applies and acknowledges it (the `beforeHandleMessage` hook is awaited). Updates arriving together
 * are written in one statement (group commit), so throughput does not cost latency. An update a
 * client saw acknowledged therefore survives a SIGKILL of this process; one that was not acknowledged
 * is still pending in the client, which sends it again on reconnect.
 *
 * Read-only connections never reach the log: their updates are skipped here, and Hocuspocus drops them.
 */

export interface PersistenceOptions {
  db: Db;
  log: Logger;
  /** Compact once this many updates were appended to a document since its last compaction. */
  compactAfter?: number;
}

interface Pending {
  documentName: string;
  update: Uint8Array;
  done: () => void;
  fail: (error: unknown) => void;
}

export function mergeState(snapshot: Uint8Array, updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc({ gc: true });
  Y.applyUpdate(doc, snapshot);
  for (const u of updates) Y.applyUpdate(doc, u);
  const merged = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return merged;
}

/** mergeState in a worker thread, one merge at a time per worker; started on first use. */
export class MergeWorker {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve(merged: Uint8Array): void; reject(error: Error): void }>();

  merge = (snapshot: Uint8Array, updates: Uint8Array[]): Promise<Uint8Array> => {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, snapshot, updates });
    });
  };

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL("./merge-worker.mjs", import.meta.url));
    worker.unref();
    worker.on("message", ({ id, merged, error }: { id: number; merged?: Uint8Array; error?: string }) => {
      const p = this.pending.get(id);
      this.pending.delete(id);
      if (error || !merged) p?.reject(new Error(error ?? "merge failed"));
      else p?.resolve(new Uint8Array(merged));
    });
    worker.on("error", (error) => {
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
      this.worker = null;
    });
    this.worker = worker;
    return worker;
  }

  async stop() {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }
}

export class PostgresPersistence implements Extension {
  readonly extensionName = "metaforge-postgres-persistence";
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private readonly sinceCompaction = new Map<string, number>();
  private readonly compacting = new Map<string, Promise<unknown>>();
  private readonly compactAfter: number;

  /** Compaction merges off the event loop, so live edits never wait for it. */
  private readonly merger = new MergeWorker();

  constructor(private readonly options: PersistenceOptions) {
    this.compactAfter = options.compactAfter ?? 500;
  }

  async onLoadDocument({ documentName }: { documentName: string }): Promise<Uint8Array> {
    const state = await loadDocument(this.options.db, { name: documentName });
    if (!state) throw new Error(`document ${documentName} does not exist`);
    this.sinceCompaction.set(documentName, state.updates.length);
    return state.updates.length ? mergeState(state.snapshot, state.updates.map((u) => u.update)) : state.snapshot;
  }

  async beforeHandleMessage({
    documentName,
    update,
    connection,
  }: {
    documentName: string;
    update: Uint8Array;
    connection: { readOnly: boolean };
  }): Promise<void> {
    if (connection.readOnly) return;
    const updates = documentUpdates(update);
    if (updates.length === 0) return;
    await Promise.all(updates.map((u) => this.append(documentName, u)));
    const count = (this.sinceCompaction.get(documentName) ?? 0) + updates.length;
    this.sinceCompaction.set(documentName, count);
    if (count >= this.compactAfter) void this.compact(documentName);
  }

  async afterUnloadDocument({ documentName }: { documentName: string }): Promise<void> {
    if ((this.sinceCompaction.get(documentName) ?? 0) > 0) await this.compact(documentName);
    this.sinceCompaction.delete(documentName);
  }

  /** Appends one update; resolves once it is committed together with whatever else arrived meanwhile. */
  append(documentName: string, update: Uint8Array): Promise<void> {
    return new Promise((done, fail) => {
      this.queue.push({ documentName, update, done, fail });
      if (!this.flushing) this.flushing = this.flushLoop();
    });
  }

  private async flushLoop(): Promise<void> {
    // Let every message already received on this turn of the event loop join the batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, 1000);
      try {
        await appendUpdates(
          this.options.db,
          batch.map((p) => ({ documentName: p.documentName, update: p.update })),
        );
        for (const p of batch) p.done();
      } catch (error) {
        this.options.log.error({ err: error, count: batch.length }, "could not persist collaborative updates");
        for (const p of batch) p.fail(error);
      }
    }
    this.flushing = null;
  }

  /** Folds the document's log into its snapshot (at most one compaction per document at a time here). */
  compact(documentName: string): Promise<unknown> {
    const running = this.compacting.get(documentName);
    if (running) return running;
    this.sinceCompaction.set(documentName, 0);
    const job = compactDocument(this.options.db, { name: documentName, merge: this.merger.merge })
      .catch((error: unknown) => this.options.log.warn({ err: error, documentName }, "compaction failed; will retry later"))
      .finally(() => this.compacting.delete(documentName));
    this.compacting.set(documentName, job);
    return job;
  }

  /** Waits for every pending append (shutdown). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
    await Promise.all(this.compacting.values());
    await this.merger.stop();
  }
}
