"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ROLE_INFO, type Role } from "@/core/workspace/roles";
import { Button } from "@/components/ui/button";
import { Avatar } from "@/components/ui/misc";
import { authClient } from "@/lib/auth-client";
import { toUiError } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc";

export interface InvitePreview {
  workspaceName: string;
  role: Role;
  email: string | null;
  invitedBy: string | null;
  status: "open" | "expired" | "revoked" | "accepted";
}

const CLOSED: Record<Exclude<InvitePreview["status"], "open">, string> = {
  expired: "This invitation has expired.",
  revoked: "This invitation was revoked.",
  accepted: "This invitation was already used.",
};

export function InviteCard({
  token,
  preview,
  user,
}: {
  token: string;
  preview: InvitePreview;
  user: { name: string; email: string } | null;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const accept = useMutation(trpc.invitation.accept.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const next = encodeURIComponent(`/invite/${token}`);

  return (
    <div className="text-center">
      <Avatar name={preview.workspaceName} size={48} className="mx-auto mb-4 rounded-xl" />
      <h1 className="text-lg font-semibold">Join {preview.workspaceName}</h1>
      <p className="mt-1 text-sm text-muted-foreground">
        {preview.invitedBy ? `${preview.invitedBy} invited you` : "You are invited"} as{" "}
        <span className="font-medium text-foreground">{ROLE_INFO[preview.role].label.toLowerCase()}</span>:{" "}
        {ROLE_INFO[preview.role].description.toLowerCase()}
      </p>
      {preview.status !== "open" ? (
        <p role="alert" className="mt-6 rounded-md bg-danger-soft px-3 py-2 text-sm text-danger">
          {CLOSED[preview.status]} Ask a workspace admin for a new link.
        </p>
      ) : user ? (
        <div className="mt-6 grid gap-3">
          {error ? (
            <p role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-sm text-danger">
              {error}
            </p>
          ) : null}
          <Button
            loading={accept.isPending}
            onClick={async () => {
              try {
                const result = await accept.mutateAsync({ token });
                router.push(`/w/${result.slug}`);
                router.refresh();
              } catch (e) {
                setError(toUiError(e).message);
              }
            }}
          >
            Join workspace
          </Button>
          <p className="text-xs text-muted-foreground">
            Signed in as {user.email}.{" "}
            <button
              className="font-medium text-accent hover:underline"
              onClick={async () => {
                await authClient.signOut();
                router.push(`/sign-in?next=${next}`);
              }}
            >
              Use another account
            </button>
          </p>
        </div>
      ) : (
        <div className="mt-6 grid gap-2">
          <Button asChild>
            <Link href={`/sign-up?next=${next}`}>Create an account to join</Link>
          </Button>
          <Button asChild variant="secondary">
            <Link href={`/sign-in?next=${next}`}>I already have an account</Link>
          </Button>
          {preview.email ? <p className="mt-2 text-xs text-muted-foreground">This invitation is for {preview.email}.</p> : null}
        </div>
      )}
    </div>
  );
}
