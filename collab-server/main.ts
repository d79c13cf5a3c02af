/**
 * Standalone collab-server (`npm run collab-server`), for deployments that run it apart from the app.
 * Needs the app's BETTER_AUTH_SECRET (to verify connection tokens) and listens on COLLAB_PORT.
 */
import { createServer } from "node:http";
import { readSecret } from "../server/runtime/secret";
import { EnvError, parseEnv } from "../server/env";
import { createLogger } from "../server/logger";
import { COLLAB_PATH } from "./server";
import { startCollabService } from "./service";

function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(1);
}

let env;
try {
  env = parseEnv(process.env);
} catch (error) {
  fail(error instanceof EnvError ? error.message : String(error));
}
const secret = env.BETTER_AUTH_SECRET ?? readSecret(env.DATA_DIR);
if (!secret) fail("BETTER_AUTH_SECRET is not set. Use the same value as the app, so tokens it signs verify here.");

if (!env.DATABASE_URL) fail("DATABASE_URL is not set. The collab-server stores documents in the app's database: use the same DATABASE_URL.");

const log = createLogger("collab-server");
const service = await startCollabService({ authSecret: secret, databaseUrl: env.DATABASE_URL, log });
const collab = service.collab;
const server = createServer((_req, res) => {
  res.writeHead(426, { "content-type": "text/plain" }).end(`Connect with a WebSocket to ${COLLAB_PATH}\n`);
});
server.on("upgrade", (request, socket, head) => {
  if (!collab.handleUpgrade(request, socket, head)) socket.destroy();
});
server.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EADDRINUSE") fail(`Port ${env.COLLAB_PORT} is already in use. Stop what uses it, or set COLLAB_PORT.`);
  fail(error.message);
});
server.listen(env.COLLAB_PORT, env.HOST, () => {
  log.info(`Collab server listening on ws://${env.HOST}:${env.COLLAB_PORT}${COLLAB_PATH}`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void service.close().finally(() => server.close(() => process.exit(0)));
  });
}
