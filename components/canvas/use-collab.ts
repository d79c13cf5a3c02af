"use client";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import * as Y from "yjs";
import { toUiError } from "@/lib/errors";
import { useTRPCClient } from "@/lib/trpc";

/**
 * A live document (meta-model, model or template draft): a Y.Doc kept in sync with the collab-server (Hocuspocus
 * protocol on /collab), a fresh token from the app on every (re)connect, and presence through Yjs
 * awareness. If the server closes the connection because access changed (role change, removal), the
 * session reconnects with a new token; a refused token ends in "denied".
 */

export type CollabStatus = "connecting" | "connected" | "offline" | "denied" | "gone";

export interface PresenceUser {
  id: string;
  name: string;
  color: string;
}

export interface PeerState {
  clientId: number;
  user: PresenceUser;
  /** Pointer in flow coordinates. */
  cursor?: { x: number; y: number } | null;
  /** Selected node and edge ids. */
  selection?: string[];
  /** Nodes being dragged, at their live positions (written to the document only on drop). */
  drag?: Array<{ id: string; x: number; y: number }> | null;
}

interface Snapshot {
  provider: HocuspocusProvider | null;
  status: CollabStatus;
  synced: boolean;
  readOnly: boolean;
}

function collabUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === "https:" ? "wss" : "ws"}://${host}/collab`;
}

/** One document's connection, as an external store React subscribes to. */
class CollabSession {
  readonly doc = new Y.Doc();
  private snapshot: Snapshot = { provider: null, status: "connecting", synced: false, readOnly: true };
  private readonly listeners = new Set<() => void>();
  private teardown: (() => void) | null = null;

  constructor(
    private readonly documentName: string,
    private readonly issueToken: () => Promise<{ token: string; readOnly: boolean; url: string | null }>,
    private readonly user: PresenceUser,
  ) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  get = () => this.snapshot;

  private update(patch: Partial<Snapshot>) {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const l of this.listeners) l();
  }

  /** The collab-server's URL, as the app reported it with the last token (null: this origin's /collab). */
  private url: string | null = null;

  connect() {
    let stopped = false;
    const socket = new HocuspocusProviderWebsocket({ url: this.url ?? collabUrl(), delay: 250, minDelay: 250, maxDelay: 5000 });
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: this.documentName,
      document: this.doc,
      token: async () => {
        try {
          const issued = await this.issueToken();
          this.update({ readOnly: issued.readOnly });
          if (issued.url && issued.url !== this.url) {
            // A standalone collab-server: move there.
            this.url = issued.url;
            queueMicrotask(() => {
              this.disconnect();
              this.connect();
            });
          }
          return issued.token;
        } catch (error) {
          const code = toUiError(error).code;
          const gone = code === "METAMODEL_NOT_FOUND" || code === "MODEL_NOT_FOUND" || code === "TEMPLATE_NOT_FOUND";
          if (gone || code === "WORKSPACE_NOT_FOUND" || code === "UNAUTHENTICATED") {
            stopped = true;
            this.update({ status: gone ? "gone" : "denied" });
            queueMicrotask(() => this.disconnect());
          }
          throw error;
        }
      },
    });
    provider.attach();
    provider.on("status", ({ status }: { status: string }) => {
      if (!stopped) this.update({ status: status === "connected" ? "connected" : status === "connecting" ? "connecting" : "offline" });
    });
    provider.on("synced", () => this.update({ synced: true }));
    provider.on("authenticationFailed", () => {
      stopped = true;
      this.update({ status: "denied" });
    });
    provider.on("close", ({ event }: { event?: { reason?: string } }) => {
      if (event?.reason === "access-changed" && !stopped) {
        // Reconnect with a new token: it carries the new role, or is refused.
        this.disconnect();
        this.connect();
      }
    });
    provider.awareness?.setLocalStateField("user", this.user);
    this.update({ provider });
    this.teardown = () => {
      stopped = true;
      provider.destroy();
      socket.destroy();
    };
  }

  disconnect() {
    this.teardown?.();
    this.teardown = null;
  }
}

/** Which live document: a meta-model, a model or a template draft. */
export type DocumentRef = { kind: "metamodel"; id: string } | { kind: "model"; id: string } | { kind: "template"; id: string };

export function useCollabDocument(options: { workspaceId: string; document: DocumentRef; user: PresenceUser }) {
  const { workspaceId, document, user } = options;
  const trpcClient = useTRPCClient();
  const [session] = useState(
    () =>
      new CollabSession(
        `${document.kind}:${document.id}`,
        () => {
          switch (document.kind) {
            case "metamodel":
              return trpcClient.metamodel.collabToken.mutate({ workspaceId, metamodelId: document.id });
            case "model":
              return trpcClient.model.collabToken.mutate({ workspaceId, modelId: document.id });
            case "template":
              return trpcClient.template.collabToken.mutate({ workspaceId, templateId: document.id });
          }
        },
        user,
      ),
  );
  useEffect(() => {
    session.connect();
    return () => session.disconnect();
  }, [session]);
  const snapshot = useSyncExternalStore(session.subscribe, session.get, session.get);
  return { doc: session.doc, ...snapshot };
}

const NO_PEERS: PeerState[] = [];

class PeersStore {
  private cache: PeerState[] = NO_PEERS;
  constructor(private readonly awareness: HocuspocusProvider["awareness"] | null) {}
  private read(): PeerState[] {
    const awareness = this.awareness;
    if (!awareness) return NO_PEERS;
    const peers: PeerState[] = [];
    for (const [clientId, state] of awareness.getStates()) {
      if (clientId === awareness.clientID || !state?.user) continue;
      peers.push({ clientId, ...(state as Omit<PeerState, "clientId">) });
    }
    return peers;
  }
  subscribe = (onChange: () => void) => {
    const awareness = this.awareness;
    if (!awareness) return () => {};
    const handler = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      // This tab's own presence (its cursor, ten times a second) changes nothing for it.
      if ([...added, ...updated, ...removed].every((id) => id === awareness.clientID)) return;
      this.cache = this.read();
      onChange();
    };
    this.cache = this.read();
    awareness.on("change", handler);
    return () => awareness.off("change", handler);
  };
  get = () => this.cache;
}

/** Everyone else's presence (not this tab's), re-read when awareness changes. */
export function usePeers(provider: HocuspocusProvider | null): PeerState[] {
  const store = useMemo(() => new PeersStore(provider?.awareness ?? null), [provider]);
  return useSyncExternalStore(store.subscribe, store.get, () => NO_PEERS);
}
