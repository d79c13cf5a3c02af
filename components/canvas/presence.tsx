"use client";
import { ViewportPortal, useStore } from "@xyflow/react";
import { memo } from "react";
import { Avatar } from "@/components/ui/misc";
import type { PeerState, PresenceUser } from "./use-collab";

/** Who is here (avatars) and where their pointers are (cursors, drawn in flow coordinates). */

export function PresenceAvatars({ me, peers }: { me: PresenceUser; peers: PeerState[] }) {
  const unique = new Map<string, PresenceUser>();
  for (const p of peers) if (p.user.id !== me.id) unique.set(p.user.id, p.user);
  const others = [...unique.values()];
  return (
    <div className="flex items-center" aria-label={`${others.length + 1} here`} data-testid="presence">
      {[me, ...others].slice(0, 6).map((u, i) => (
        <span key={u.id} title={u.id === me.id ? `${u.name} (you)` : u.name} className="-ml-1.5 rounded-full ring-2 ring-background first:ml-0" style={{ zIndex: 10 - i }}>
          <Avatar name={u.name} seed={u.id} size={26} />
        </span>
      ))}
      {others.length > 5 ? <span className="ml-1 text-xs text-muted-foreground">+{others.length - 5}</span> : null}
    </div>
  );
}

export const RemoteCursors = memo(function RemoteCursors({ peers }: { peers: PeerState[] }) {
  const zoom = useStore((s) => s.transform[2]);
  return (
    <ViewportPortal>
      {peers.map((p) =>
        p.cursor ? (
          <div
            key={p.clientId}
            className="pointer-events-none absolute left-0 top-0 z-[1000] transition-transform duration-75 ease-linear"
            style={{ transform: `translate(${p.cursor.x}px, ${p.cursor.y}px) scale(${1 / zoom})`, transformOrigin: "0 0" }}
            data-testid={`cursor-${p.user.name}`}
          >
            <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
              <path d="M1 1 L1 15 L5 11 L8 17 L10.5 16 L7.5 10 L13 10 Z" fill={p.user.color} stroke="white" strokeWidth="1.2" />
            </svg>
            <span className="ml-3 mt-[-2px] inline-block whitespace-nowrap rounded px-1.5 py-0.5 text-[11px] font-medium text-white shadow" style={{ background: p.user.color }}>
              {p.user.name}
            </span>
          </div>
        ) : null,
      )}
    </ViewportPortal>
  );
});
