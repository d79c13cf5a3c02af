import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { isAppError } from "@/core/errors";
import { AppShell } from "@/components/shell/app-shell";
import { requireServiceContext } from "@/server/auth/session";
import { workspaceService } from "@/server/services/workspace-service";

export const dynamic = "force-dynamic";

export default async function WorkspaceLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  const ctx = await requireServiceContext(`/w/${slug}`);
  let workspace;
  try {
    workspace = await workspaceService.bySlug(ctx, slug);
  } catch (error) {
    if (isAppError(error) && error.code === "WORKSPACE_NOT_FOUND") notFound();
    throw error;
  }
  return (
    <AppShell
      key={workspace.id}
      workspace={{ id: workspace.id, name: workspace.name, slug: workspace.slug, role: workspace.role }}
      user={ctx.user}
    >
      {children}
    </AppShell>
  );
}
