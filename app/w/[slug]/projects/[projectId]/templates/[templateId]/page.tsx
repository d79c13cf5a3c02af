import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { projectIdSchema } from "@/core/project/schemas";
import { templateIdSchema } from "@/core/templates/inputs";
import { TemplatePage } from "@/components/templates/template-page";

export const metadata: Metadata = { title: "Template" };

export default async function Page({ params }: { params: Promise<{ projectId: string; templateId: string }> }) {
  const { projectId, templateId } = await params;
  if (!projectIdSchema.safeParse(projectId).success || !templateIdSchema.safeParse(templateId).success) notFound();
  return <TemplatePage projectId={projectId} templateId={templateId} />;
}
