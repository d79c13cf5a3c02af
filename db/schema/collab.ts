import { bigint, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { bytea } from "./columns";
import { workspace } from "./workspaces";

/**
 * Collaborative documents (Yjs) persisted as a snapshot plus an append-only log of updates. Every
 * update the collab-server accepts is appended before it is acknowledged; compaction folds the log
 * into the snapshot under an advisory lock.
 */

export const collabDocument = pgTable("collab_document", {
  /** "metamodel:<uuid>", later "model:<uuid>", "template:<uuid>". */
  name: text("name").primaryKey(),
  workspaceId: uuid("workspace_id")
    .notNull()
    .references(() => workspace.id, { onDelete: "cascade" }),
  snapshot: bytea("snapshot").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  compactedAt: timestamp("compacted_at", { withTimezone: true }).notNull().defaultNow(),
});

export const collabUpdate = pgTable(
  "collab_update",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    documentName: text("document_name")
      .notNull()
      .references(() => collabDocument.name, { onDelete: "cascade" }),
    update: bytea("update").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("collab_update_document_idx").on(t.documentName, t.id)],
);
