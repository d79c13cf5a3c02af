import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import type { Role } from "../core/workspace/roles";
import { silentLogger } from "../test/db";
import { COLLAB_PATH, createCollabServer, type CollabServer } from "./server";
import { signCollabToken } from "./token";

/** A real collab-server on a port-0 HTTP server, real providers over WebSocket. */

const SECRET = "collab-test-secret-".padEnd(40, "z");
let http: Server;
let collab: CollabServer;
let url: string;

beforeAll(async () => {
  collab = createCollabServer({ authSecret: SECRET, log: silentLogger });
  http = createServer((_req, res) => res.writeHead(404).end());
  http.on("upgrade", (req, socket, head) => {
    if (!collab.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}${COLLAB_PATH}`;
});

afterAll(async () => {
  await collab.destroy();
  await new Promise<void>((resolve) => http.close(() => resolve()));
});

const cleanup: Array<{ destroy(): void }> = [];
/** One client: its own socket, document and provider. */
function connect(name: string, token: string) {
  const doc = new Y.Doc();
  const websocketProvider = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
  const provider = new HocuspocusProvider({ websocketProvider, name, token, document: doc });
  provider.attach();
  cleanup.push(provider, websocketProvider);
  const synced = new Promise<void>((resolve, reject) => {
    provider.on("synced", () => resolve());
    provider.on("authenticationFailed", ({ reason }: { reason: string }) => reject(new Error(reason)));
  });
  return { doc, provider, synced };
}

afterAll(() => {
  for (const c of cleanup) c.destroy();
});

const token = (doc: string, role: Role, userId = "u1", ttl?: number) =>
  signCollabToken(SECRET, { userId, name: userId, documentName: doc, workspaceId: "w1", role }, ttl);

async function eventually(check: () => boolean, ms = 3000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}

describe("collab-server", () => {
  it("two editors with valid tokens sync a document", async () => {
    const a = connect("doc-a", await token("doc-a", "editor", "alice"));
    const b = connect("doc-a", await token("doc-a", "owner", "bob"));
    await Promise.all([a.synced, b.synced]);
    a.doc.getMap("m").set("greeting", "hello");
    expect(await eventually(() => b.doc.getMap("m").get("greeting") === "hello")).toBe(true);
  });

  it("refuses forged, expired and wrong-document tokens", async () => {
    const forged = await signCollabToken("another-secret-".padEnd(40, "q"), {
      userId: "mallory",
      name: "Mallory",
      documentName: "doc-b",
      workspaceId: "w1",
      role: "owner",
    });
    await expect(connect("doc-b", forged).synced).rejects.toThrow();
    await expect(connect("doc-b", await token("doc-b", "owner", "late", -10)).synced).rejects.toThrow();
    await expect(connect("doc-b", await token("doc-other", "owner")).synced).rejects.toThrow();
    await expect(connect("doc-b", "not-a-token").synced).rejects.toThrow();
  });

  it("viewers connect read-only: their writes never reach others", async () => {
    const editor = connect("doc-c", await token("doc-c", "editor", "ed"));
    const viewer = connect("doc-c", await token("doc-c", "viewer", "vi"));
    await Promise.all([editor.synced, viewer.synced]);
    viewer.doc.getMap("m").set("vandalism", true);
    editor.doc.getMap("m").set("real", 1);
    expect(await eventually(() => viewer.doc.getMap("m").get("real") === 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(editor.doc.getMap("m").has("vandalism")).toBe(false);
    const serverDoc = collab.hocuspocus.documents.get("doc-c");
    expect(serverDoc?.getMap("m").has("vandalism")).toBe(false);
  });
});
