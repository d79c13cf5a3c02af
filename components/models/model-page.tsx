"use client";
import { useQuery } from "@tanstack/react-query";
import { BoxesIcon } from "lucide-react";
import Link from "next/link";
import { useEffect, useMemo, type ReactNode } from "react";
import { can } from "@/core/workspace/roles";
import { useCollabDocument, type PresenceUser } from "@/components/canvas/use-collab";
import { useCrumbs, useShell } from "@/components/shell/shell-context";
import { colorFor, EmptyState, PageContainer, Skeleton } from "@/components/ui/misc";
import { toUiError } from "@/lib/errors";
import { useTRPC, type RouterOutputs } from "@/lib/trpc";
import { ModelEditorView } from "./model-editor";

type ModelRow = RouterOutputs["model"]["get"];

function Unavailable({ title, children, back }: { title: string; children: ReactNode; back: ReactNode }) {
  return (
    <PageContainer>
      <EmptyState icon={<BoxesIcon />} title={title} action={back}>
        {children}
      </EmptyState>
    </PageContainer>
  );
}

function Opening({ text }: { text: string }) {
  return (
    <div className="flex flex-1 items-center justify-center" aria-busy="true">
      <div className="grid w-72 gap-3 text-center">
        <div className="grid gap-2">
          <Skeleton className="h-6" />
          <Skeleton className="h-6" />
          <Skeleton className="h-6 w-2/3" />
        </div>
        <p className="text-sm text-muted-foreground">{text}</p>
      </div>
    </div>
  );
}

/**
 * A model, open for live co-editing as a table per class. `generate` is the slot for the generation
 * panel's trigger in the header (built separately).
 */
export function ModelPage({ projectId, modelId, generate }: { projectId: string; modelId: string; generate?: ReactNode }) {
  const { workspace, user } = useShell();
  const trpc = useTRPC();
  const row = useQuery(trpc.model.get.queryOptions({ workspaceId: workspace.id, modelId }));
  const project = useQuery(trpc.project.get.queryOptions({ workspaceId: workspace.id, projectId }));
  const me = useMemo(() => ({ id: user.id, name: user.name, color: colorFor(user.id) }), [user.id, user.name]);
  const projectHref = `/w/${workspace.slug}/projects/${projectId}`;
  useCrumbs([
    { label: "Projects", href: `/w/${workspace.slug}` },
    { label: project.data?.name ?? "Project", href: projectHref },
    { label: row.data?.name ?? "Model" },
  ]);
  const back = (
    <Link href={projectHref} className="font-medium text-accent hover:underline">
      Back to the project
    </Link>
  );
  if (row.isError) {
    return (
      <Unavailable title="Model not available" back={back}>
        {toUiError(row.error).message}
      </Unavailable>
    );
  }
  if (!row.data || project.isPending) return <Opening text="Opening the model..." />;
  const archived = Boolean(project.data?.archivedAt);
  return (
    <ModelSession
      key={row.data.id}
      row={row.data}
      me={me}
      archived={archived}
      back={back}
      metamodelHref={`${projectHref}/metamodels/${row.data.metamodelId}`}
      canEdit={row.data.canEdit && can(workspace.role, "document:edit")}
      generate={generate}
    />
  );
}

/** The model's document and its meta-model's document, both live. */
function ModelSession({
  row,
  me,
  archived,
  back,
  metamodelHref,
  canEdit,
  generate,
}: {
  row: ModelRow;
  me: PresenceUser;
  archived: boolean;
  back: ReactNode;
  metamodelHref: string;
  canEdit: boolean;
  generate?: ReactNode;
}) {
  const { workspace } = useShell();
  const model = useCollabDocument({ workspaceId: workspace.id, document: { kind: "model", id: row.id }, user: me });
  const metamodel = useCollabDocument({ workspaceId: workspace.id, document: { kind: "metamodel", id: row.metamodelId }, user: me });

  // The meta-model is only read here: this tab should not show up as present on the meta-model's canvas.
  const mmAwareness = metamodel.provider?.awareness;
  useEffect(() => {
    mmAwareness?.setLocalState(null);
  }, [mmAwareness, metamodel.status]);

  if (model.status === "gone" || metamodel.status === "gone") {
    return (
      <Unavailable title="Model not available" back={back}>
        {model.status === "gone" ? "This model was deleted." : "The meta-model of this model was deleted."}
      </Unavailable>
    );
  }
  if (model.status === "denied" || metamodel.status === "denied") {
    return (
      <Unavailable title="You no longer have access" back={back}>
        Your access to this workspace changed. Ask a workspace admin if you need it back.
      </Unavailable>
    );
  }
  if (!model.synced || !metamodel.synced) {
    return <Opening text={model.status === "offline" || metamodel.status === "offline" ? "Connecting to the collaboration server..." : "Opening the model..."} />;
  }
  const readOnly = archived || !canEdit || model.readOnly;
  return (
    <ModelEditorView
      doc={model.doc}
      metamodelDoc={metamodel.doc}
      provider={model.provider}
      me={me}
      readOnly={readOnly}
      readOnlyReason={!readOnly ? null : archived ? "archived" : "role"}
      offline={model.status !== "connected"}
      metamodelHref={metamodelHref}
      generate={generate}
    />
  );
}
