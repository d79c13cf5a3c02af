"use client";
import { useQuery } from "@tanstack/react-query";
import { FileCode2Icon } from "lucide-react";
import Link from "next/link";
import { useEffect, useMemo, type ReactNode } from "react";
import { can } from "@/core/workspace/roles";
import { useCollabDocument, type PresenceUser } from "@/components/canvas/use-collab";
import { useCrumbs, useShell } from "@/components/shell/shell-context";
import { colorFor, EmptyState, PageContainer, Skeleton } from "@/components/ui/misc";
import { toUiError } from "@/lib/errors";
import { useTRPC, type RouterOutputs } from "@/lib/trpc";
import { TemplateWorkbench } from "./template-workbench";

type TemplateRow = RouterOutputs["template"]["get"];

function Unavailable({ title, children, back }: { title: string; children: ReactNode; back: ReactNode }) {
  return (
    <PageContainer>
      <EmptyState icon={<FileCode2Icon />} title={title} action={back}>
        {children}
      </EmptyState>
    </PageContainer>
  );
}

function Opening({ text }: { text: string }) {
  return (
    <div className="flex flex-1 items-center justify-center" aria-busy="true">
      <div className="grid w-72 gap-3 text-center">
        <div className="grid grid-cols-[1fr_2fr] gap-2">
          <Skeleton className="h-24" />
          <Skeleton className="h-24" />
        </div>
        <p className="text-sm text-muted-foreground">{text}</p>
      </div>
    </div>
  );
}

/** A template draft, open for live co-editing with a live preview. */
export function TemplatePage({ projectId, templateId }: { projectId: string; templateId: string }) {
  const { workspace, user } = useShell();
  const trpc = useTRPC();
  const row = useQuery(trpc.template.get.queryOptions({ workspaceId: workspace.id, templateId }));
  const project = useQuery(trpc.project.get.queryOptions({ workspaceId: workspace.id, projectId }));
  const me = useMemo(() => ({ id: user.id, name: user.name, color: colorFor(user.id) }), [user.id, user.name]);
  const projectHref = `/w/${workspace.slug}/projects/${projectId}`;
  useCrumbs([
    { label: "Projects", href: `/w/${workspace.slug}` },
    { label: project.data?.name ?? "Project", href: projectHref },
    { label: row.data?.name ?? "Template" },
  ]);
  const back = (
    <Link href={projectHref} className="font-medium text-accent hover:underline">
      Back to the project
    </Link>
  );
  if (row.isError) {
    return (
      <Unavailable title="Template not available" back={back}>
        {toUiError(row.error).message}
      </Unavailable>
    );
  }
  if (!row.data || project.isPending) return <Opening text="Opening the template..." />;
  const archived = Boolean(project.data?.archivedAt);
  return (
    <TemplateSession
      key={row.data.id}
      row={row.data}
      me={me}
      back={back}
      projectId={projectId}
      projectHref={projectHref}
      readOnlyReason={archived ? "archived" : !(row.data.canEdit && can(workspace.role, "document:edit")) ? "viewer" : null}
    />
  );
}

/** The draft's document and its meta-model's document, both live. */
function TemplateSession({
  row,
  me,
  back,
  projectId,
  projectHref,
  readOnlyReason,
}: {
  row: TemplateRow;
  me: PresenceUser;
  back: ReactNode;
  projectId: string;
  projectHref: string;
  readOnlyReason: "archived" | "viewer" | null;
}) {
  const { workspace } = useShell();
  const template = useCollabDocument({ workspaceId: workspace.id, document: { kind: "template", id: row.id }, user: me });
  const metamodel = useCollabDocument({ workspaceId: workspace.id, document: { kind: "metamodel", id: row.metamodelId }, user: me });

  // The meta-model is only read here: this tab should not show up as present on its canvas.
  const mmAwareness = metamodel.provider?.awareness;
  useEffect(() => {
    mmAwareness?.setLocalState(null);
  }, [mmAwareness, metamodel.status]);

  if (template.status === "gone" || metamodel.status === "gone") {
    return (
      <Unavailable title="Template not available" back={back}>
        {template.status === "gone" ? "This template was deleted." : "The meta-model of this template was deleted."}
      </Unavailable>
    );
  }
  if (template.status === "denied" || metamodel.status === "denied") {
    return (
      <Unavailable title="You no longer have access" back={back}>
        Your access to this workspace changed. Ask a workspace admin if you need it back.
      </Unavailable>
    );
  }
  if (!template.synced || !metamodel.synced) {
    return <Opening text={template.status === "offline" || metamodel.status === "offline" ? "Connecting to the collaboration server..." : "Opening the template..."} />;
  }
  return (
    <TemplateWorkbench
      row={row}
      doc={template.doc}
      provider={template.provider}
      metamodelDoc={metamodel.doc}
      me={me}
      readOnly={readOnlyReason !== null || template.readOnly}
      archived={readOnlyReason === "archived"}
      offline={template.status !== "connected"}
      projectId={projectId}
      projectHref={projectHref}
    />
  );
}
