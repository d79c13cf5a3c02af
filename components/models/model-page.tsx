"use client";
import { useQuery } from "@tanstack/react-query";
import { BoxesIcon } from "lucide-react";
import Link from "next/link";
import { useEffect, useMemo, type ReactNode } from "react";
import type * as Y from "yjs";
import { createMetamodelDoc } from "@/core/collab/metamodel-doc";
import { DRAFT } from "@/core/metamodel/inputs";
import { can } from "@/core/workspace/roles";
import { ModelMetamodelVersionProvider } from "@/components/metamodels/versions-model";
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
  const metamodelHref = `${projectHref}/metamodels/${row.data.metamodelId}`;
  const canEdit = row.data.canEdit && can(workspace.role, "document:edit");
  return (
    <ModelMetamodelVersionProvider value={{ row: row.data, metamodelHref, canPin: canEdit && !archived }}>
      <ModelSession key={row.data.id} row={row.data} me={me} archived={archived} back={back} metamodelHref={metamodelHref} canEdit={canEdit} generate={generate} />
    </ModelMetamodelVersionProvider>
  );
}

/** The model's live document; its meta-model comes from the version it pins (or the live draft). */
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

  if (model.status === "gone") {
    return (
      <Unavailable title="Model not available" back={back}>
        This model was deleted.
      </Unavailable>
    );
  }
  if (model.status === "denied") return <AccessLost back={back} />;
  if (!model.synced) return <Opening text={model.status === "offline" ? "Connecting to the collaboration server..." : "Opening the model..."} />;
  const readOnly = archived || !canEdit || model.readOnly;
  const editor = (metamodelDoc: Y.Doc) => (
    <ModelEditorView
      doc={model.doc}
      metamodelDoc={metamodelDoc}
      provider={model.provider}
      me={me}
      readOnly={readOnly}
      readOnlyReason={!readOnly ? null : archived ? "archived" : "role"}
      offline={model.status !== "connected"}
      metamodelHref={metamodelHref}
      generate={generate}
    />
  );
  return row.metamodelVersion === DRAFT ? (
    <LiveMetamodel metamodelId={row.metamodelId} me={me} back={back}>
      {editor}
    </LiveMetamodel>
  ) : (
    <PinnedMetamodel metamodelId={row.metamodelId} version={row.metamodelVersion} back={back}>
      {editor}
    </PinnedMetamodel>
  );
}

function AccessLost({ back }: { back: ReactNode }) {
  return (
    <Unavailable title="You no longer have access" back={back}>
      Your access to this workspace changed. Ask a workspace admin if you need it back.
    </Unavailable>
  );
}

/** A model that follows the draft reads the meta-model's live document. */
function LiveMetamodel({ metamodelId, me, back, children }: { metamodelId: string; me: PresenceUser; back: ReactNode; children(doc: Y.Doc): ReactNode }) {
  const { workspace } = useShell();
  const metamodel = useCollabDocument({ workspaceId: workspace.id, document: { kind: "metamodel", id: metamodelId }, user: me });
  // The meta-model is only read here: this tab should not show up as present on the meta-model's canvas.
  const mmAwareness = metamodel.provider?.awareness;
  useEffect(() => {
    mmAwareness?.setLocalState(null);
  }, [mmAwareness, metamodel.status]);
  if (metamodel.status === "gone") {
    return (
      <Unavailable title="Model not available" back={back}>
        The meta-model of this model was deleted.
      </Unavailable>
    );
  }
  if (metamodel.status === "denied") return <AccessLost back={back} />;
  if (!metamodel.synced) return <Opening text={metamodel.status === "offline" ? "Connecting to the collaboration server..." : "Opening the model..."} />;
  return children(metamodel.doc);
}

/**
 * A model pinned to a published version reads that version's snapshot: an immutable meta-model, held
 * in a local document (nothing to sync) so the editor reads it the same way as a live one.
 */
function PinnedMetamodel({ metamodelId, version, back, children }: { metamodelId: string; version: string; back: ReactNode; children(doc: Y.Doc): ReactNode }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const snapshot = useQuery({ ...trpc.metamodel.version.queryOptions({ workspaceId: workspace.id, metamodelId, version }), staleTime: Infinity });
  const doc = useMemo(() => (snapshot.data ? createMetamodelDoc(snapshot.data.metamodel) : null), [snapshot.data]);
  if (snapshot.isError) {
    return (
      <Unavailable title="Meta-model version not available" back={back}>
        {toUiError(snapshot.error).message}
      </Unavailable>
    );
  }
  if (!doc) return <Opening text={`Opening the model (meta-model ${version})...`} />;
  return children(doc);
}
