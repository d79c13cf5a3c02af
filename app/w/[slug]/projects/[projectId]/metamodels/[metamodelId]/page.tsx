import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { metamodelIdSchema } from "@/core/metamodel/inputs";
import { projectIdSchema } from "@/core/project/schemas";
import { MetamodelPage } from "@/components/canvas/metamodel-page";

export const metadata: Metadata = { title: "Meta-model" };

export default async function Page({ params }: { params: Promise<{ projectId: string; metamodelId: string }> }) {
  const { projectId, metamodelId } = await params;
  if (!projectIdSchema.safeParse(projectId).success || !metamodelIdSchema.safeParse(metamodelId).success) notFound();
  return <MetamodelPage projectId={projectId} metamodelId={metamodelId} />;
}
