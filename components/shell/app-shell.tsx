"use client";
import { ChevronRightIcon, MenuIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Dialog as DialogPrimitive } from "radix-ui";
import { useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { toast } from "sonner";
import { can } from "@/core/workspace/roles";
import { CreateProjectDialog } from "@/components/projects/create-project-dialog";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { CreateWorkspaceForm } from "@/components/workspace/create-workspace-form";
import { CommandPalette } from "./command-palette";
import { useShortcuts } from "./keyboard";
import { ShellProvider, type Crumb, type ShellState, type ShellWorkspace } from "./shell-context";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { Sidebar } from "./sidebar";
import { ThemeToggle, UserMenu } from "./user-menu";

type Open = null | "palette" | "project" | "workspace" | "shortcuts";

/** The app frame: sidebar with workspace switcher and projects, top bar with user menu, command palette. */
export function AppShell({
  workspace,
  user,
  children,
}: {
  workspace: ShellWorkspace;
  user: ShellState["user"];
  children: ReactNode;
}) {
  const router = useRouter();
  const [open, setOpen] = useState<Open>(null);
  const [drawer, setDrawer] = useState(false);
  const [crumbs, setCrumbs] = useState<Crumb[]>([]);
  const base = `/w/${workspace.slug}`;

  useEffect(() => {
    document.cookie = `mf_ws=${workspace.slug}; path=/; max-age=31536000; samesite=lax`;
  }, [workspace.slug]);

  const openCreateProject = useCallback(() => {
    if (can(workspace.role, "project:create")) setOpen("project");
    else toast.info("Viewers and commenters can't create projects. Ask a workspace admin for the editor role.");
  }, [workspace.role]);

  const state = useMemo<ShellState>(
    () => ({
      workspace,
      user,
      openCreateProject,
      openCreateWorkspace: () => setOpen("workspace"),
      openCommandPalette: () => setOpen("palette"),
      openShortcuts: () => setOpen("shortcuts"),
      setCrumbs,
    }),
    [workspace, user, openCreateProject],
  );

  useShortcuts([
    { keys: "mod+k", run: () => setOpen((o) => (o === "palette" ? null : "palette")), global: true },
    { keys: "c", run: openCreateProject },
    { keys: "?", run: () => setOpen("shortcuts") },
    { keys: "g p", run: () => router.push(base) },
    { keys: "g m", run: () => router.push(`${base}/members`) },
    { keys: "g s", run: () => router.push(`${base}/settings`) },
  ]);

  const close = (o: boolean) => !o && setOpen(null);

  return (
    <ShellProvider value={state}>
      <div className="flex min-h-dvh">
        <aside className="sticky top-0 hidden h-dvh w-64 shrink-0 border-r bg-sidebar md:block">
          <Sidebar />
        </aside>
        <DialogPrimitive.Root open={drawer} onOpenChange={setDrawer}>
          <DialogPrimitive.Portal>
            <DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-black/40 md:hidden" />
            <DialogPrimitive.Content className="fixed inset-y-0 left-0 z-50 w-72 border-r bg-sidebar shadow-xl md:hidden" aria-describedby={undefined}>
              <DialogPrimitive.Title className="sr-only">Navigation</DialogPrimitive.Title>
              <Sidebar onNavigate={() => setDrawer(false)} />
            </DialogPrimitive.Content>
          </DialogPrimitive.Portal>
        </DialogPrimitive.Root>
        <div className="flex min-h-dvh min-w-0 flex-1 flex-col">
          <header className="sticky top-0 z-30 flex h-13 items-center gap-2 border-b bg-background/85 px-4 backdrop-blur">
            <button
              type="button"
              className="rounded-md p-1.5 text-muted-foreground hover:bg-surface-muted md:hidden"
              onClick={() => setDrawer(true)}
              aria-label="Open navigation"
            >
              <MenuIcon className="size-5" />
            </button>
            <nav aria-label="Breadcrumb" className="flex min-w-0 flex-1 items-center gap-1 text-sm">
              <Link href={base} className="truncate text-muted-foreground hover:text-foreground">
                {workspace.name}
              </Link>
              {crumbs.map((c, i) => (
                <span key={`${c.label}-${i}`} className="flex min-w-0 items-center gap-1">
                  <ChevronRightIcon className="size-3.5 shrink-0 text-muted-foreground" />
                  {c.href ? (
                    <Link href={c.href} className="truncate text-muted-foreground hover:text-foreground">
                      {c.label}
                    </Link>
                  ) : (
                    <span className="truncate font-medium">{c.label}</span>
                  )}
                </span>
              ))}
            </nav>
            <ThemeToggle />
            <UserMenu />
          </header>
          <main className="flex min-h-0 min-w-0 flex-1 flex-col">{children}</main>
        </div>
      </div>
      <CommandPalette open={open === "palette"} onOpenChange={close} />
      <CreateProjectDialog open={open === "project"} onOpenChange={close} />
      <ShortcutsDialog open={open === "shortcuts"} onOpenChange={close} />
      <Dialog open={open === "workspace"} onOpenChange={close}>
        <DialogContent title="Create a workspace" description="A separate space with its own members and projects.">
          <CreateWorkspaceForm onCreated={() => setOpen(null)} />
        </DialogContent>
      </Dialog>
    </ShellProvider>
  );
}
