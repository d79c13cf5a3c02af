"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { LinkIcon, UserMinusIcon, UserPlusIcon, UsersIcon } from "lucide-react";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import {
  assignableRoles,
  can,
  canChangeRole,
  canRemoveMember,
  ROLE_INFO,
  ROLES,
  type Role,
} from "@/core/workspace/roles";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Avatar, Badge, EmptyState, PageHeader, Skeleton } from "@/components/ui/misc";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useCrumbs, useShell } from "@/components/shell/shell-context";
import { toUiError } from "@/lib/errors";
import { useTRPC, type RouterOutputs } from "@/lib/trpc";
import { timeAgo } from "@/lib/utils";
import { CopyButton, InviteDialog } from "./invite-dialog";

type Member = RouterOutputs["member"]["list"][number];

function RoleCell({ member, isMe }: { member: Member; isMe: boolean }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const update = useMutation(trpc.member.updateRole.mutationOptions());
  const options = ROLES.filter((r) => r === member.role || canChangeRole(workspace.role, member.role, r).ok);
  const editable = options.length > 1 && canChangeRole(workspace.role, member.role, member.role).ok;

  if (!editable) return <span className="text-sm">{ROLE_INFO[member.role].label}</span>;
  return (
    <Select
      value={member.role}
      disabled={update.isPending}
      onValueChange={async (value) => {
        try {
          await update.mutateAsync({ workspaceId: workspace.id, memberId: member.id, role: value as Role });
          await queryClient.invalidateQueries({ queryKey: trpc.member.list.queryKey() });
          toast.success(`${member.name} is now ${ROLE_INFO[value as Role].label.toLowerCase()}`);
          if (isMe) router.refresh();
        } catch (error) {
          toast.error(toUiError(error).message);
        }
      }}
    >
      <SelectTrigger className="h-8 w-36" aria-label={`Role of ${member.name}`}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {options.map((r) => (
          <SelectItem key={r} value={r} description={ROLE_INFO[r].description}>
            {ROLE_INFO[r].label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

function RemoveMemberDialog({ member, onClose }: { member: Member | null; onClose(): void }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(trpc.member.remove.mutationOptions());
  return (
    <Dialog open={member !== null} onOpenChange={(o) => !o && onClose()}>
      {member ? (
        <DialogContent
          title={`Remove ${member.name}?`}
          description={`${member.name} loses access to ${workspace.name} and its projects right away. You can invite them again later.`}
        >
          <DialogFooter>
            <Button variant="ghost" onClick={onClose}>
              Cancel
            </Button>
            <Button
              variant="danger"
              loading={remove.isPending}
              onClick={async () => {
                try {
                  await remove.mutateAsync({ workspaceId: workspace.id, memberId: member.id });
                  await queryClient.invalidateQueries({ queryKey: trpc.member.list.queryKey() });
                  toast.success(`Removed ${member.name}`);
                  onClose();
                } catch (error) {
                  toast.error(toUiError(error).message);
                }
              }}
            >
              Remove member
            </Button>
          </DialogFooter>
        </DialogContent>
      ) : null}
    </Dialog>
  );
}

function Invitations() {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invitations = useQuery(trpc.invitation.list.queryOptions({ workspaceId: workspace.id }));
  const revoke = useMutation(trpc.invitation.revoke.mutationOptions());
  if (invitations.isPending) return <Skeleton className="h-16" />;
  if (invitations.isError) return <p className="text-sm text-danger">{invitations.error.message}</p>;
  if (invitations.data.length === 0) {
    return <p className="rounded-xl border border-dashed px-4 py-6 text-center text-sm text-muted-foreground">No open invitations.</p>;
  }
  return (
    <ul className="divide-y rounded-xl border bg-surface" aria-label="Open invitations">
      {invitations.data.map((inv) => {
        const url = inv.url.replace(/^https?:\/\/[^/]+/, typeof window === "undefined" ? "" : window.location.origin);
        return (
          <li key={inv.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
            <span className="flex size-8 items-center justify-center rounded-full bg-surface-muted text-muted-foreground">
              <LinkIcon className="size-4" />
            </span>
            <div className="min-w-0 flex-1">
              <p className="truncate text-sm font-medium">{inv.email ?? "Anyone with the link (once)"}</p>
              <p className="text-xs text-muted-foreground">
                {ROLE_INFO[inv.role].label} · expires {timeAgo(new Date(inv.expiresAt))}
                {inv.invitedBy ? ` · by ${inv.invitedBy}` : ""}
              </p>
            </div>
            <CopyButton text={url} />
            <Button
              size="sm"
              variant="ghost"
              onClick={async () => {
                try {
                  await revoke.mutateAsync({ workspaceId: workspace.id, invitationId: inv.id });
                  await queryClient.invalidateQueries({ queryKey: trpc.invitation.list.queryKey() });
                  toast.success("Invitation revoked");
                } catch (error) {
                  toast.error(toUiError(error).message);
                }
              }}
            >
              Revoke
            </Button>
          </li>
        );
      })}
    </ul>
  );
}

export function MembersPage() {
  const { workspace, user } = useShell();
  const trpc = useTRPC();
  const searchParams = useSearchParams();
  const [inviteOpen, setInviteOpen] = useState(searchParams.get("invite") === "1");
  const [removing, setRemoving] = useState<Member | null>(null);
  const members = useQuery(trpc.member.list.queryOptions({ workspaceId: workspace.id }));
  const canInvite = can(workspace.role, "invitation:manage") && assignableRoles(workspace.role).length > 0;
  useCrumbs([{ label: "Members" }]);

  return (
    <>
      <PageHeader
        title="Members"
        description="Who is in this workspace, and what each person can do."
        actions={
          canInvite ? (
            <Button onClick={() => setInviteOpen(true)}>
              <UserPlusIcon /> Invite people
            </Button>
          ) : null
        }
      />
      {members.isPending ? (
        <div className="grid gap-2">
          <Skeleton className="h-14" />
          <Skeleton className="h-14" />
        </div>
      ) : members.isError ? (
        <EmptyState icon={<UsersIcon />} title="Could not load members">
          {members.error.message}
        </EmptyState>
      ) : (
        <ul className="divide-y rounded-xl border bg-surface" aria-label="Members">
          {members.data.map((m) => {
            const isMe = m.userId === user.id;
            return (
              <li key={m.id} className="flex items-center gap-3 px-4 py-3" data-testid={`member-${m.email}`}>
                <Avatar name={m.name} seed={m.userId} size={34} />
                <div className="min-w-0 flex-1">
                  <p className="flex items-center gap-2 truncate text-sm font-medium">
                    {m.name} {isMe ? <Badge tone="accent">You</Badge> : null}
                  </p>
                  <p className="truncate text-xs text-muted-foreground">
                    {m.email} · joined {timeAgo(new Date(m.joinedAt))}
                  </p>
                </div>
                <RoleCell member={m} isMe={isMe} />
                {!isMe && canRemoveMember(workspace.role, m.role).ok ? (
                  <Button variant="ghost" size="icon" aria-label={`Remove ${m.name}`} title="Remove from workspace" onClick={() => setRemoving(m)}>
                    <UserMinusIcon />
                  </Button>
                ) : (
                  <span className="size-8" />
                )}
              </li>
            );
          })}
        </ul>
      )}
      {can(workspace.role, "invitation:read") ? (
        <section className="mt-10">
          <h2 className="mb-3 text-sm font-semibold">Open invitations</h2>
          <Invitations />
        </section>
      ) : null}
      <InviteDialog open={inviteOpen} onOpenChange={setInviteOpen} />
      <RemoveMemberDialog member={removing} onClose={() => setRemoving(null)} />
    </>
  );
}
