"use client";
import { useQuery } from "@tanstack/react-query";
import { ArchiveIcon, FolderIcon, FolderPlusIcon, SearchIcon } from "lucide-react";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { can } from "@/core/workspace/roles";
import type { PROJECT_STATUSES } from "@/core/project/schemas";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Badge, EmptyState, Kbd, PageHeader, Skeleton } from "@/components/ui/misc";
import { useShortcuts } from "@/components/shell/keyboard";
import { useCrumbs, useShell } from "@/components/shell/shell-context";
import { useTRPC } from "@/lib/trpc";
import { cn, timeAgo } from "@/lib/utils";

type Status = (typeof PROJECT_STATUSES)[number];

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

const TABS: Array<{ value: Status; label: string }> = [
  { value: "active", label: "Active" },
  { value: "archived", label: "Archived" },
  { value: "all", label: "All" },
];

export function ProjectsPage() {
  const { workspace, openCreateProject } = useShell();
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<Status>("active");
  const debounced = useDebounced(search.trim(), 150);
  const searchRef = useRef<HTMLInputElement>(null);
  useCrumbs([{ label: "Projects" }]);
  useShortcuts([{ keys: "/", run: () => searchRef.current?.focus() }]);

  const projects = useQuery({
    ...trpc.project.list.queryOptions({ workspaceId: workspace.id, status, search: debounced || undefined }),
    placeholderData: (previous) => previous,
  });
  const canCreate = can(workspace.role, "project:create");

  return (
    <>
      <PageHeader
        title="Projects"
        description="Each project holds meta-models, models, templates and the code generated from them."
        actions={
          canCreate ? (
            <Button onClick={openCreateProject}>
              <FolderPlusIcon /> New project <Kbd className="ml-1 border-white/30 bg-white/15 text-white">C</Kbd>
            </Button>
          ) : null
        }
      />
      <div className="mb-5 flex flex-wrap items-center gap-3">
        <div className="relative min-w-56 flex-1">
          <SearchIcon className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input
            ref={searchRef}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={(e) => e.key === "Escape" && (setSearch(""), e.currentTarget.blur())}
            placeholder="Search projects"
            aria-label="Search projects"
            className="pl-9"
          />
          <Kbd className="absolute right-2.5 top-1/2 -translate-y-1/2">/</Kbd>
        </div>
        <div role="tablist" aria-label="Project status" className="flex rounded-lg border bg-surface-muted p-0.5">
          {TABS.map((tab) => (
            <button
              key={tab.value}
              role="tab"
              type="button"
              aria-selected={status === tab.value}
              onClick={() => setStatus(tab.value)}
              className={cn(
                "rounded-md px-3 py-1 text-[13px] font-medium text-muted-foreground",
                status === tab.value && "bg-surface text-foreground shadow-xs",
              )}
            >
              {tab.label}
            </button>
          ))}
        </div>
      </div>

      {projects.isPending ? (
        <div className="grid gap-3 sm:grid-cols-2">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} className="h-28" />
          ))}
        </div>
      ) : projects.isError ? (
        <EmptyState title="Could not load projects">
          {projects.error.message}{" "}
          <button className="font-medium text-accent hover:underline" onClick={() => void projects.refetch()}>
            Try again
          </button>
        </EmptyState>
      ) : projects.data.length === 0 ? (
        debounced ? (
          <EmptyState icon={<SearchIcon />} title={`No projects match "${debounced}"`}>
            Try another word, or look in {status === "active" ? "archived projects" : "all projects"}.
          </EmptyState>
        ) : status === "archived" ? (
          <EmptyState icon={<ArchiveIcon />} title="No archived projects">
            Projects you archive are kept here, read-only, until you restore them.
          </EmptyState>
        ) : (
          <EmptyState
            icon={<FolderIcon />}
            title="No projects yet"
            action={
              canCreate ? (
                <Button onClick={openCreateProject}>
                  <FolderPlusIcon /> Create the first project
                </Button>
              ) : null
            }
          >
            {canCreate
              ? "Start with a project for one domain: an online shop, a billing API, an order workflow."
              : "Nobody has created a project here yet. Editors and admins can create one."}
          </EmptyState>
        )
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2" aria-label="Projects">
          {projects.data.map((p) => (
            <li key={p.id}>
              <Link
                href={`/w/${workspace.slug}/projects/${p.id}`}
                className="group flex h-full flex-col rounded-xl border bg-surface p-4 shadow-xs transition hover:border-accent/40 hover:shadow-sm"
              >
                <div className="flex items-center gap-2">
                  <span className="flex size-8 items-center justify-center rounded-lg bg-accent-soft text-accent">
                    <FolderIcon className="size-4" />
                  </span>
                  <span className="min-w-0 flex-1 truncate font-medium group-hover:text-accent">{p.name}</span>
                  {p.archivedAt ? <Badge>Archived</Badge> : null}
                </div>
                <p className="mt-2 line-clamp-2 min-h-10 text-sm text-muted-foreground">
                  {p.description || "No description."}
                </p>
                <p className="mt-3 text-xs text-muted-foreground">
                  Updated {timeAgo(new Date(p.updatedAt))}
                  {p.createdByName ? ` · created by ${p.createdByName}` : ""}
                </p>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
