"use client";
import { useQuery } from "@tanstack/react-query";
import { FolderIcon, LayoutGridIcon, PlusIcon, SearchIcon, SettingsIcon, UsersIcon } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { can } from "@/core/workspace/roles";
import { Kbd, Skeleton } from "@/components/ui/misc";
import { useTRPC } from "@/lib/trpc";
import { cn } from "@/lib/utils";
import { useShell } from "./shell-context";
import { WorkspaceSwitcher } from "./workspace-switcher";

function NavLink({ href, icon, children, active }: { href: string; icon: ReactNode; children: ReactNode; active: boolean }) {
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={cn(
        "flex items-center gap-2.5 rounded-md px-2 py-1.5 text-[13px] font-medium text-muted-foreground hover:bg-surface-muted hover:text-foreground [&_svg]:size-4",
        active && "bg-surface-muted text-foreground",
      )}
    >
      {icon}
      <span className="truncate">{children}</span>
    </Link>
  );
}

export function Sidebar({ onNavigate }: { onNavigate?: () => void }) {
  const { workspace, openCreateProject, openCommandPalette } = useShell();
  const pathname = usePathname();
  const trpc = useTRPC();
  const projects = useQuery(trpc.project.list.queryOptions({ workspaceId: workspace.id, status: "active" }));
  const base = `/w/${workspace.slug}`;

  return (
    <nav className="flex h-full flex-col gap-4 p-3" aria-label="Workspace" onClick={(e) => (e.target as HTMLElement).closest("a") && onNavigate?.()}>
      <WorkspaceSwitcher />
      <button
        type="button"
        onClick={openCommandPalette}
        className="flex items-center gap-2 rounded-md border bg-surface px-2.5 py-1.5 text-[13px] text-muted-foreground shadow-xs hover:text-foreground"
      >
        <SearchIcon className="size-4" />
        <span className="flex-1 text-left">Search or jump to...</span>
        <Kbd>Ctrl K</Kbd>
      </button>
      <div className="grid gap-0.5">
        <NavLink href={base} icon={<LayoutGridIcon />} active={pathname === base}>
          Projects
        </NavLink>
        <NavLink href={`${base}/members`} icon={<UsersIcon />} active={pathname.startsWith(`${base}/members`)}>
          Members
        </NavLink>
        <NavLink href={`${base}/settings`} icon={<SettingsIcon />} active={pathname.startsWith(`${base}/settings`)}>
          Settings
        </NavLink>
      </div>
      <div className="min-h-0 flex-1">
        <div className="mb-1 flex items-center justify-between px-2">
          <span className="text-xs font-medium text-muted-foreground">Projects</span>
          {can(workspace.role, "project:create") ? (
            <button
              type="button"
              onClick={openCreateProject}
              className="rounded p-0.5 text-muted-foreground hover:bg-surface-muted hover:text-foreground"
              aria-label="New project"
              title="New project (C)"
            >
              <PlusIcon className="size-4" />
            </button>
          ) : null}
        </div>
        <div className="grid max-h-full gap-0.5 overflow-y-auto">
          {projects.isPending ? (
            <>
              <Skeleton className="mx-2 h-6" />
              <Skeleton className="mx-2 h-6" />
            </>
          ) : projects.data?.length ? (
            projects.data.map((p) => (
              <NavLink
                key={p.id}
                href={`${base}/projects/${p.id}`}
                icon={<FolderIcon />}
                active={pathname === `${base}/projects/${p.id}`}
              >
                {p.name}
              </NavLink>
            ))
          ) : (
            <p className="px-2 py-1 text-xs text-muted-foreground">No active projects yet.</p>
          )}
        </div>
      </div>
    </nav>
  );
}
