"use client";
import { useQuery } from "@tanstack/react-query";
import { Command } from "cmdk";
import {
  FolderIcon,
  FolderPlusIcon,
  KeyboardIcon,
  LayoutGridIcon,
  LogOutIcon,
  MoonIcon,
  SettingsIcon,
  UserPlusIcon,
  UsersIcon,
} from "lucide-react";
import { useRouter } from "next/navigation";
import { useTheme } from "next-themes";
import { Dialog as DialogPrimitive } from "radix-ui";
import type { ReactNode } from "react";
import { can } from "@/core/workspace/roles";
import { Avatar, Kbd } from "@/components/ui/misc";
import { useTRPC } from "@/lib/trpc";
import { useShell } from "./shell-context";
import { useSignOut } from "./user-menu";

function Item({ children, onSelect, shortcut, value }: { children: ReactNode; onSelect(): void; shortcut?: string; value?: string }) {
  return (
    <Command.Item
      value={value}
      onSelect={onSelect}
      className="flex cursor-default select-none items-center gap-2.5 rounded-md px-2.5 py-2 text-sm data-[selected=true]:bg-surface-muted [&_svg]:size-4 [&_svg]:text-muted-foreground"
    >
      {children}
      {shortcut ? <span className="ml-auto flex gap-1">{shortcut.split(" ").map((k) => <Kbd key={k}>{k}</Kbd>)}</span> : null}
    </Command.Item>
  );
}

const groupClass =
  "[&_[cmdk-group-heading]]:px-2.5 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-medium [&_[cmdk-group-heading]]:text-muted-foreground";

/** Ctrl/Cmd+K: jump anywhere, run any action. */
export function CommandPalette({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const { workspace, openCreateProject, openShortcuts } = useShell();
  const trpc = useTRPC();
  const router = useRouter();
  const { resolvedTheme, setTheme } = useTheme();
  const signOut = useSignOut();
  const projects = useQuery({
    ...trpc.project.list.queryOptions({ workspaceId: workspace.id, status: "active" }),
    enabled: open,
  });
  const workspaces = useQuery({ ...trpc.workspace.list.queryOptions(), enabled: open });
  const base = `/w/${workspace.slug}`;
  const run = (action: () => void) => () => {
    onOpenChange(false);
    action();
  };

  return (
    <DialogPrimitive.Root open={open} onOpenChange={onOpenChange}>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="fixed inset-0 z-50 animate-fade-in bg-black/40" />
        <DialogPrimitive.Content
          className="fixed left-1/2 top-[14vh] z-50 w-[calc(100vw-2rem)] max-w-xl -translate-x-1/2 animate-pop-in overflow-hidden rounded-xl border bg-surface shadow-2xl"
          aria-describedby={undefined}
        >
          <DialogPrimitive.Title className="sr-only">Command palette</DialogPrimitive.Title>
          <Command loop>
            <Command.Input
              autoFocus
              placeholder="Type a command or search projects..."
              className="h-12 w-full border-b bg-transparent px-4 text-[15px] outline-none placeholder:text-muted-foreground"
            />
            <Command.List className="max-h-[min(60vh,420px)] overflow-y-auto p-1.5">
              <Command.Empty className="px-3 py-8 text-center text-sm text-muted-foreground">
                No matches. Try a project name or an action like &ldquo;new project&rdquo;.
              </Command.Empty>
              <Command.Group heading="Actions" className={groupClass}>
                {can(workspace.role, "project:create") ? (
                  <Item onSelect={run(openCreateProject)} shortcut="C">
                    <FolderPlusIcon /> New project
                  </Item>
                ) : null}
                {can(workspace.role, "invitation:manage") ? (
                  <Item onSelect={run(() => router.push(`${base}/members?invite=1`))}>
                    <UserPlusIcon /> Invite people
                  </Item>
                ) : null}
                <Item onSelect={run(() => setTheme(resolvedTheme === "dark" ? "light" : "dark"))}>
                  <MoonIcon /> Toggle dark mode
                </Item>
                <Item onSelect={run(openShortcuts)} shortcut="?">
                  <KeyboardIcon /> Keyboard shortcuts
                </Item>
              </Command.Group>
              <Command.Group heading="Go to" className={groupClass}>
                <Item onSelect={run(() => router.push(base))} shortcut="G P">
                  <LayoutGridIcon /> Projects
                </Item>
                <Item onSelect={run(() => router.push(`${base}/members`))} shortcut="G M">
                  <UsersIcon /> Members
                </Item>
                <Item onSelect={run(() => router.push(`${base}/settings`))} shortcut="G S">
                  <SettingsIcon /> Workspace settings
                </Item>
              </Command.Group>
              {projects.data?.length ? (
                <Command.Group heading="Projects" className={groupClass}>
                  {projects.data.map((p) => (
                    <Item key={p.id} value={`project ${p.name} ${p.id}`} onSelect={run(() => router.push(`${base}/projects/${p.id}`))}>
                      <FolderIcon /> {p.name}
                    </Item>
                  ))}
                </Command.Group>
              ) : null}
              {workspaces.data && workspaces.data.length > 1 ? (
                <Command.Group heading="Switch workspace" className={groupClass}>
                  {workspaces.data
                    .filter((w) => w.id !== workspace.id)
                    .map((w) => (
                      <Item key={w.id} value={`workspace ${w.name} ${w.id}`} onSelect={run(() => router.push(`/w/${w.slug}`))}>
                        <Avatar name={w.name} seed={w.id} size={18} className="rounded" /> {w.name}
                      </Item>
                    ))}
                </Command.Group>
              ) : null}
              <Command.Group heading="Account" className={groupClass}>
                <Item onSelect={run(() => void signOut())}>
                  <LogOutIcon /> Sign out
                </Item>
              </Command.Group>
            </Command.List>
          </Command>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}
