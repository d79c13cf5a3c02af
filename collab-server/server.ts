import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { Hocuspocus, type Extension } from "@hocuspocus/server";
import type { Logger } from "pino";
import { WebSocketServer } from "ws";
import { can, type Role } from "../core/workspace/roles";
import { verifyCollabToken } from "./token";

/**
 * The collab-server: Hocuspocus serving Yjs documents over WebSocket. It runs attached to the app's
 * HTTP server (upgrade requests on COLLAB_PATH) or standalone (collab-server/main.ts).
 *
 * Every connection must present a token the app signed for that document; viewers and commenters
 * connect read-only, so the server drops their writes. Persistence arrives as an extension.
 */

export const COLLAB_PATH = "/collab";

export interface CollabContext {
  userId: string;
  name: string;
  workspaceId: string;
  role: Role;
}

export interface CollabServerOptions {
  authSecret: string;
  log: Logger;
  extensions?: Extension[];
}

export interface CollabServer {
  hocuspocus: Hocuspocus<CollabContext>;
  /** Handles an HTTP upgrade; returns false when the request is not for the collab path. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  destroy(): Promise<void>;
}

function toFetchRequest(request: IncomingMessage): Request {
  const headers = new Headers();
  for (const [key, value] of Object.entries(request.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(key, v));
    else if (value !== undefined) headers.set(key, value);
  }
  return new Request(`http://${request.headers.host ?? "localhost"}${request.url ?? "/"}`, { headers });
}

export function createCollabServer(options: CollabServerOptions): CollabServer {
  const log = options.log.child({ component: "collab" });
  const hocuspocus = new Hocuspocus<CollabContext>({
    quiet: true,
    extensions: options.extensions ?? [],
    async onAuthenticate({ token, documentName, connectionConfig }) {
      try {
        const claims = await verifyCollabToken(options.authSecret, token, documentName);
        connectionConfig.readOnly = !can(claims.role, "document:edit");
        return { userId: claims.sub, name: claims.name, workspaceId: claims.ws, role: claims.role } satisfies CollabContext;
      } catch (error) {
        log.warn({ documentName, reason: (error as Error).message }, "collab connection refused");
        throw error;
      }
    },
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  wss.on("connection", (ws, request: IncomingMessage) => {
    const connection = hocuspocus.handleConnection(ws, toFetchRequest(request));
    ws.on("message", (data: Buffer | ArrayBuffer | Buffer[]) => {
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      connection.handleMessage(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    });
    ws.on("close", (code, reason) => connection.handleClose({ code, reason: reason.toString() } as CloseEvent));
    ws.on("error", (error) => log.warn({ err: error }, "collab socket error"));
  });

  return {
    hocuspocus,
    handleUpgrade(request, socket, head) {
      const path = (request.url ?? "").split("?")[0] ?? "";
      if (path !== COLLAB_PATH && !path.startsWith(`${COLLAB_PATH}/`)) return false;
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit("connection", ws, request));
      return true;
    },
    async destroy() {
      hocuspocus.closeConnections();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
