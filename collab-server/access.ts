import type { Hocuspocus } from "@hocuspocus/server";
import type { Logger } from "pino";
import type postgres from "postgres";
import { z } from "zod";
import { ACCESS_CHANNEL } from "../db/queries/collab";
import type { CollabContext } from "./server";

/**
 * Revocation: when a member is removed, changes role, or a workspace is deleted, the app notifies
 * ACCESS_CHANNEL; every collab-server closes that user's connections to the workspace's documents.
 * Their provider then asks the app for a new token, which reflects the new role or is refused.
 */

const notice = z.object({ workspaceId: z.string(), userId: z.string() });

export const ACCESS_CHANGED_CLOSE = { code: 4401, reason: "access-changed" };

export function closeConnectionsFor(hocuspocus: Hocuspocus<CollabContext>, workspaceId: string, userId: string): number {
  let closed = 0;
  for (const document of hocuspocus.documents.values()) {
    for (const connection of [...document.connections.keys()]) {
      const ctx = connection.context as CollabContext | undefined;
      if (ctx?.workspaceId === workspaceId && (userId === "*" || ctx.userId === userId)) {
        connection.close(ACCESS_CHANGED_CLOSE as CloseEvent);
        closed++;
      }
    }
  }
  return closed;
}

export async function listenForAccessChanges(
  sql: postgres.Sql,
  hocuspocus: Hocuspocus<CollabContext>,
  log: Logger,
): Promise<{ unlisten(): Promise<void> }> {
  const listener = await sql.listen(ACCESS_CHANNEL, (payload) => {
    const parsed = notice.safeParse((() => {
      try {
        return JSON.parse(payload);
      } catch {
        return null;
      }
    })());
    if (!parsed.success) return;
    const closed = closeConnectionsFor(hocuspocus, parsed.data.workspaceId, parsed.data.userId);
    if (closed) log.info({ ...parsed.data, closed }, "closed collab connections after an access change");
  });
  return { unlisten: () => listener.unlisten() };
}
