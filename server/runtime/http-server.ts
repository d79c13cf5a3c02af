import { createServer, type Server } from "node:http";
import next from "next";
import type { Logger } from "pino";
import type { CollabServer } from "../../collab-server/server";
import { startCollabService } from "../../collab-server/service";
import { CLIENT_IP_HEADER } from "../auth/auth";

/** One HTTP server: Next.js for pages and APIs, the collab-server for WebSocket upgrades on /collab. */

export interface AppServer {
  server: Server;
  collab: CollabServer | null;
  close(): Promise<void>;
}

export async function startAppServer(options: {
  root: string;
  dev: boolean;
  host: string;
  port: number;
  authSecret: string;
  databaseUrl: string;
  /** False when a standalone collab-server serves the documents (COLLAB_URL is set). */
  attachCollab: boolean;
  log: Logger;
}): Promise<AppServer> {
  const app = next({ dev: options.dev, dir: options.root, hostname: options.host, port: options.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const nextUpgrade = app.getUpgradeHandler();
  const service = options.attachCollab
    ? await startCollabService({ authSecret: options.authSecret, databaseUrl: options.databaseUrl, log: options.log })
    : null;

  const server = createServer((req, res) => {
    req.headers[CLIENT_IP_HEADER] = req.socket.remoteAddress ?? "";
    handle(req, res).catch((error: unknown) => {
      options.log.error({ err: error, url: req.url }, "request failed");
      if (!res.headersSent) res.writeHead(500).end("Internal error");
    });
  });
  server.on("upgrade", (req, socket, head) => {
    if (service?.collab.handleUpgrade(req, socket, head)) return;
    if (options.dev) void nextUpgrade(req, socket, head);
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });

  return {
    server,
    collab: service?.collab ?? null,
    async close() {
      await service?.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    },
  };
}
