"use client";
import { useQuery } from "@tanstack/react-query";
import { CheckIcon, ChevronsUpDownIcon, PlusIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { ROLE_INFO } from "@/core/workspace/roles";
import { Avatar } from "@/components/ui/misc";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { useTRPC } from "@/lib/trpc";
import { useShell } from "./shell-context";

export function WorkspaceSwitcher() {
  const { workspace, openCreateWorkspace } = useShell();
  const trpc = useTRPC();
  const router = useRouter();
  const { data: workspaces } = useQuery(trpc.workspace.list.queryOptions());
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className="flex w-full items-center gap-2.5 rounded-lg px-2 py-1.5 text-left hover:bg-surface-muted data-[state=open]:bg-surface-muted"
        aria-label="Switch workspace"
      >
        <Avatar name={workspace.name} seed={workspace.id} size={26} className="rounded-md" />
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-semibold">{workspace.name}</span>
          <span className="block text-xs text-muted-foreground">{ROLE_INFO[workspace.role].label}</span>
        </span>
        <ChevronsUpDownIcon className="size-4 text-muted-foreground" />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-64">
        <DropdownMenuLabel>Workspaces</DropdownMenuLabel>
        {(workspaces ?? []).map((ws) => (
          <DropdownMenuItem key={ws.id} onSelect={() => router.push(`/w/${ws.slug}`)}>
            <Avatar name={ws.name} seed={ws.id} size={20} className="rounded" />
            <span className="flex-1 truncate">{ws.name}</span>
            {ws.id === workspace.id ? <CheckIcon /> : null}
          </DropdownMenuItem>
        ))}
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={openCreateWorkspace}>
          <PlusIcon />
          Create workspace
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
