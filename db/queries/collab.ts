import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { Db, Executor } from "../client";
import { collabDocument, collabUpdate } from "../schema";

/**
 * Collaborative document storage: a snapshot and an append-only log of updates. The document name is
 * the capability the collab-server works with; creating and deleting documents is scoped by workspace.
 */

export async function insertDocument(db: Executor, params: { name: string; workspaceId: string; snapshot: Uint8Array }) {
  await db.insert(collabDocument).values(params);
}

export async function deleteDocument(db: Executor, params: { workspaceId: string; name: string }) {
  await db.delete(collabDocument).where(and(eq(collabDocument.workspaceId, params.workspaceId), eq(collabDocument.name, params.name)));
}

/** The snapshot and the updates logged after it, in order (inside the caller's transaction, if any). */
async function readDocument(db: Executor, params: { name: string }) {
  const [doc] = await db
    .select({ snapshot: collabDocument.snapshot, workspaceId: collabDocument.workspaceId })
    .from(collabDocument)
    .where(eq(collabDocument.name, params.name));
  if (!doc) return undefined;
  const updates = await db
    .select({ id: collabUpdate.id, update: collabUpdate.update })
    .from(collabUpdate)
    .where(eq(collabUpdate.documentName, params.name))
    .orderBy(asc(collabUpdate.id));
  return { ...doc, updates };
}

/**
 * The snapshot and the updates logged after it, in order; undefined when the document does not exist.
 * Both are read in one repeatable-read transaction: a compaction folding the log into the snapshot
 * between the two reads would otherwise lose the folded updates from the result.
 */
export async function loadDocument(db: Db, params: { name: string }) {
  return db.transaction((tx) => readDocument(tx, params), { isolationLevel: "repeatable read", accessMode: "read only" });
}

/** Appends updates (of any documents) in one statement. */
export async function appendUpdates(db: Executor, rows: Array<{ documentName: string; update: Uint8Array }>) {
  if (rows.length === 0) return;
  await db.insert(collabUpdate).values(rows);
}

/**
 * Folds the log into the snapshot with `merge` (which applies snapshot + updates and re-encodes).
 * Runs under a transaction-scoped advisory lock on the document, so concurrent compactions (several
 * collab-server instances) never interleave; returns how many updates were folded (0 if another
 * instance holds the lock).
 */
export async function compactDocument(
  db: Executor,
  params: { name: string; merge: (snapshot: Uint8Array, updates: Uint8Array[]) => Uint8Array | Promise<Uint8Array> },
): Promise<number> {
  return db.transaction(async (tx) => {
    const [lock] = await tx.execute<{ locked: boolean }>(sql`select pg_try_advisory_xact_lock(hashtext(${`collab:${params.name}`})) as locked`);
    if (!lock?.locked) return 0;
    const state = await readDocument(tx, { name: params.name });
    if (!state || state.updates.length === 0) return 0;
    const maxId = state.updates[state.updates.length - 1]!.id;
    const snapshot = await params.merge(state.snapshot, state.updates.map((u) => u.update));
    await tx.update(collabDocument).set({ snapshot, compactedAt: new Date() }).where(eq(collabDocument.name, params.name));
    await tx.delete(collabUpdate).where(and(eq(collabUpdate.documentName, params.name), lte(collabUpdate.id, maxId)));
    return state.updates.length;
  });
}

export async function countUpdates(db: Executor, params: { name: string }): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(collabUpdate)
    .where(eq(collabUpdate.documentName, params.name));
  return row?.n ?? 0;
}

export const ACCESS_CHANNEL = "metaforge_collab_access";

/**
 * Tells every collab-server that a user's access to a workspace changed (removed, role changed, left),
 * or, with userId "*", that the workspace is gone. Delivered when the surrounding transaction commits.
 */
export async function notifyAccessChanged(db: Executor, params: { workspaceId: string; userId: string }) {
  await db.execute(sql`select pg_notify(${ACCESS_CHANNEL}, ${JSON.stringify(params)})`);
}
