import type { Logger } from "pino";
import { createDb, type DbHandle } from "../db/client";
import { listenForAccessChanges } from "./access";
import { PostgresPersistence } from "./persistence";
import { createCollabServer, type CollabServer } from "./server";
import { SummaryExtension } from "./summaries";

/**
 * The collab-server as the app runs it: token auth, Postgres persistence (update log + compaction),
 * list summaries, and revocations through LISTEN/NOTIFY. Used attached to the app (server/runtime)
 * and standalone (collab-server/main.ts).
 */

export interface CollabService {
  collab: CollabServer;
  persistence: PostgresPersistence;
  close(): Promise<void>;
}

export async function startCollabService(options: {
  authSecret: string;
  databaseUrl: string;
  log: Logger;
  compactAfter?: number;
}): Promise<CollabService> {
  const log = options.log.child({ component: "collab" });
  // Commits on this pool do not wait for the WAL to reach the disk: PostgreSQL itself holds them, so
  // a crash of this process (even SIGKILL) loses nothing it acknowledged; only a crash of PostgreSQL
  // or the machine could lose the last few hundred milliseconds. It saves a disk flush per update.
  const handle: DbHandle = createDb(options.databaseUrl, { max: 6, connection: { synchronous_commit: "off" } });
  const persistence = new PostgresPersistence({ db: handle.db, log, compactAfter: options.compactAfter });
  const summaries = new SummaryExtension({ db: handle.db, log });
  const collab = createCollabServer({ authSecret: options.authSecret, log, extensions: [persistence, summaries] });
  const access = await listenForAccessChanges(handle.sql, collab.hocuspocus, log);
  return {
    collab,
    persistence,
    async close() {
      await access.unlisten().catch(() => {});
      await summaries.flushAll(collab.hocuspocus.documents);
      await collab.destroy();
      await persistence.drain();
      await handle.close();
    },
  };
}
