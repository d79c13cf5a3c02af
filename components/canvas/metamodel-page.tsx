"use client";
import "@xyflow/react/dist/style.css";
import { useQuery } from "@tanstack/react-query";
import { ReactFlowProvider } from "@xyflow/react";
import { NetworkIcon } from "lucide-react";
import Link from "next/link";
import { useMemo } from "react";
import { MetamodelVersionsBar } from "@/components/metamodels/versions-bar";
import { colorFor, EmptyState, PageContainer, Skeleton } from "@/components/ui/misc";
import { useCrumbs, useShell } from "@/components/shell/shell-context";
import { toUiError } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc";
import { MetamodelCanvas } from "./metamodel-canvas";
import { useCollabDocument } from "./use-collab";

/** A meta-model, open for live co-editing on the canvas. */
export function MetamodelPage({ projectId, metamodelId }: { projectId: string; metamodelId: string }) {
  const { workspace, user } = useShell();
  const trpc = useTRPC();
  const row = useQuery(trpc.metamodel.get.queryOptions({ workspaceId: workspace.id, metamodelId }));
  const project = useQuery(trpc.project.get.queryOptions({ workspaceId: workspace.id, projectId }));
  const me = useMemo(() => ({ id: user.id, name: user.name, color: colorFor(user.id) }), [user.id, user.name]);
  const collab = useCollabDocument({ workspaceId: workspace.id, document: { kind: "metamodel", id: metamodelId }, user: me });
  const projectHref = `/w/${workspace.slug}/projects/${projectId}`;
  useCrumbs([
    { label: "Projects", href: `/w/${workspace.slug}` },
    { label: project.data?.name ?? "Project", href: projectHref },
    { label: row.data?.name ?? "Meta-model" },
  ]);

  const back = (
    <Link href={projectHref} className="font-medium text-accent hover:underline">
      Back to the project
    </Link>
  );
  if (row.isError || collab.status === "gone") {
    return (
      <PageContainer>
        <EmptyState icon={<NetworkIcon />} title="Meta-model not available" action={back}>
          {row.isError ? toUiError(row.error).message : "This meta-model was deleted."}
        </EmptyState>
      </PageContainer>
    );
  }
  if (collab.status === "denied") {
    return (
      <PageContainer>
        <EmptyState icon={<NetworkIcon />} title="You no longer have access" action={back}>
          Your access to this workspace changed. Ask a workspace admin if you need it back.
        </EmptyState>
      </PageContainer>
    );
  }
  if (!collab.synced || !row.data) {
    return (
      <div className="flex flex-1 items-center justify-center" aria-busy="true">
        <div className="grid w-72 gap-3 text-center">
          <Skeleton className="mx-auto h-24 w-40" />
          <p className="text-sm text-muted-foreground">{collab.status === "offline" ? "Connecting to the collaboration server..." : "Opening the meta-model..."}</p>
        </div>
      </div>
    );
  }
  const archived = Boolean(project.data?.archivedAt);
  return (
    <div className="flex h-[calc(100dvh-3.25rem)] flex-col">
      <MetamodelVersionsBar metamodelId={metamodelId} name={row.data.name} doc={collab.doc} provider={collab.provider} canPublish={!collab.readOnly && !archived} />
      <div className="min-h-0 flex-1" data-testid="metamodel-canvas">
        <ReactFlowProvider>
          <MetamodelCanvas doc={collab.doc} provider={collab.provider} readOnly={collab.readOnly} me={me} offline={collab.status !== "connected"} />
        </ReactFlowProvider>
      </div>
    </div>
  );
}
