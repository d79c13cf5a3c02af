import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { modelIdSchema } from "@/core/model/inputs";
import { projectIdSchema } from "@/core/project/schemas";
import { ModelPage } from "@/components/models/model-page";

export const metadata: Metadata = { title: "Model" };

export default async function Page({ params }: { params: Promise<{ projectId: string; modelId: string }> }) {
  const { projectId, modelId } = await params;
  if (!projectIdSchema.safeParse(projectId).success || !modelIdSchema.safeParse(modelId).success) notFound();
  return <ModelPage projectId={projectId} modelId={modelId} />;
}
