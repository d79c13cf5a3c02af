import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";
import { freePort } from "../db/embedded";

/** Real collab-server processes and real providers for integration tests (and the e2e helpers). */

const root = path.resolve(import.meta.dirname, "..");

export interface CollabProcess {
  url: string;
  child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

function waitForPort(port: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect({ host: "127.0.0.1", port });
      socket.once("connect", () => (socket.destroy(), resolve()));
      socket.once("error", () => {
        if (Date.now() > until) reject(new Error(`collab-server did not listen on ${port}`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

/** Starts `collab-server/main.ts` (the standalone server) against `databaseUrl`. */
export async function startCollabProcess(databaseUrl: string, authSecret: string, port?: number): Promise<CollabProcess> {
  const p = port ?? (await freePort());
  const child = spawn(process.execPath, ["--import", "tsx", "collab-server/main.ts"], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? "",
      DATABASE_URL: databaseUrl,
      BETTER_AUTH_SECRET: authSecret,
      COLLAB_PORT: String(p),
      HOST: "127.0.0.1",
      LOG_LEVEL: process.env.COLLAB_LOG_LEVEL ?? "warn",
    } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "inherit", "inherit"],
  });
  await waitForPort(p, 20_000);
  return {
    url: `ws://127.0.0.1:${p}/collab`,
    child,
    stop: (signal: NodeJS.Signals = "SIGTERM") =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill(signal);
      }),
  };
}

export interface TestClient {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  synced: Promise<void>;
  failed: Promise<string>;
  /** The reason the server gave when it closed this client's document connection. */
  closed: Promise<string>;
  destroy(): void;
}

/** One client with its own socket; `token` may be a function (called on every connect). */
export function connectClient(url: string, name: string, token: string | (() => Promise<string>), doc = new Y.Doc()): TestClient {
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket, delay: 100, minDelay: 100, maxDelay: 1000 });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name, token, document: doc });
  provider.attach();
  const synced = new Promise<void>((resolve) => provider.on("synced", () => resolve()));
  const failed = new Promise<string>((resolve) => provider.on("authenticationFailed", ({ reason }: { reason: string }) => resolve(reason)));
  const closed = new Promise<string>((resolve) => provider.on("close", ({ event }: { event: { reason: string } }) => resolve(event.reason)));
  return {
    doc,
    provider,
    socket,
    synced,
    failed,
    closed,
    destroy() {
      // Closing a socket that is still connecting makes `ws` emit an error; nobody listens any more.
      const ws = (socket as unknown as { webSocket?: { readyState: number; on?: (event: string, listener: () => void) => void } }).webSocket;
      if (ws && ws.readyState === 0) ws.on?.("error", () => {});
      provider.destroy();
      socket.destroy();
    },
  };
}

/** Resolves when the server has acknowledged every local change. */
export async function allAcknowledged(client: TestClient, ms = 5000) {
  await eventually(() => !client.provider.hasUnsyncedChanges, ms);
}

export async function eventually(check: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  if (!check()) throw new Error("condition not met in time");
}
